/** SQLite queue harnesses for the contract suite and the SQLite-specific tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Queue } from "../../src/queue/queue.js";
import { SqliteQueue, type SqliteQueueOptions } from "../../src/queue/sqlite-queue.js";
import { closeSqlite, openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";
import type { HarnessOptions, QueueHarness } from "./queue-contract.js";

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-queue-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

let pid = 100_000;

/** Each queue pretends to be its own live process, so a new instance must wait for leases to expire. */
function options(o: HarnessOptions, extra: SqliteQueueOptions = {}): SqliteQueueOptions {
  return { pollIntervalMs: 20, pid: pid++, isProcessAlive: () => true, ...o, ...extra };
}

function crash(queue: Queue): void {
  if (!(queue instanceof SqliteQueue)) throw new Error("not a SqliteQueue");
  queue.abandon();
}

export async function sqliteFileHarness(
  o: HarnessOptions,
  extra: SqliteQueueOptions = {},
): Promise<QueueHarness> {
  const { dir, remove } = tempDir();
  const url = `sqlite:${join(dir, "queue.db")}`;
  const dbs: SqliteDatabase[] = [await openSqlite(url)];
  const first = dbs[0];
  if (!first) throw new Error("no database");
  return {
    queue: new SqliteQueue(first, options(o, extra)),
    async reopen(next = o) {
      const db = await openSqlite(url);
      dbs.push(db);
      return new SqliteQueue(db, options(next, extra));
    },
    crash,
    async cleanup() {
      for (const db of dbs) await closeSqlite(db);
      remove();
    },
  };
}

export async function sqliteMemoryHarness(o: HarnessOptions): Promise<QueueHarness> {
  const db = await openSqlite("sqlite::memory:");
  return {
    queue: new SqliteQueue(db, options(o)),
    async reopen(next = o) {
      return new SqliteQueue(db, options(next));
    },
    crash,
    async cleanup() {
      await closeSqlite(db);
    },
  };
}
