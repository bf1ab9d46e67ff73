/** What only the embedded queue promises: exact backoff under a fake clock, crash recovery, retention, busy files. */
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { RetryLaterError } from "../../src/queue/errors.js";
import { SqliteQueue, type SqliteQueueOptions } from "../../src/queue/sqlite-queue.js";
import { migrate } from "../../src/store/migrate.js";
import { sqliteMigrations } from "../../src/store/migrations/sqlite/index.js";
import {
  closeSqlite,
  openSqlite,
  type SqliteDatabase,
  sqliteMigrationDriver,
} from "../../src/store/sqlite.js";
import { sleep, waitFor } from "./queue-contract.js";
import { tempDir } from "./sqlite-queue-harness.js";

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 60 * 60_000;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fileDb(): Promise<{ url: string; db: SqliteDatabase }> {
  const { dir, remove } = tempDir();
  const url = `sqlite:${join(dir, "q.db")}`;
  const db = await openSqlite(url);
  cleanups.push(remove, () => closeSqlite(db));
  return { url, db };
}

function queue(db: SqliteDatabase, options: SqliteQueueOptions): SqliteQueue {
  const q = new SqliteQueue(db, {
    pollIntervalMs: 10,
    hostname: "host-a",
    isProcessAlive: () => true,
    ...options,
  });
  cleanups.push(() => q.stop({ deadlineMs: 0 }));
  return q;
}

describe("SqliteQueue with a fake clock", () => {
  it("schedules retries at now + jittered backoff and runs them only when the clock gets there", async () => {
    const db = await openSqlite("sqlite::memory:");
    cleanups.push(() => closeSqlite(db));
    let now = T0;
    const q = queue(db, { now: () => now, random: () => 0.5, backoff: { baseMs: 1000, capMs: 5000 } });
    const attempts: number[] = [];
    await q.start(async (job) => {
      attempts.push(job.attempt);
      if (job.attempt === 1) throw new Error("transient");
      if (job.attempt === 2) throw new RetryLaterError("rate limited", 60_000);
    });
    const { id } = await q.enqueue({ kind: "k", payload: null });
    await waitFor(async () => (await q.getJob(id))?.lastError !== null);
    expect(await q.getJob(id)).toMatchObject({ state: "pending", attempts: 1, runAt: T0 + 500 });
    await sleep(60);
    expect(attempts).toEqual([1]);

    now += 500;
    await waitFor(
      async () => (await q.getJob(id))?.attempts === 2 && (await q.getJob(id))?.state === "pending",
    );
    // Retry-After beats the jittered delay (half of min(5000, 2000)).
    expect((await q.getJob(id))?.runAt).toBe(T0 + 500 + 60_000);
    now += 59_999;
    await sleep(40);
    expect(attempts).toEqual([1, 2]);
    now += 1;
    await waitFor(async () => (await q.getJob(id))?.state === "done");
    expect(attempts).toEqual([1, 2, 3]);
  });

  it("pushes a debounced job's run time to the last enqueue + debounceMs", async () => {
    const db = await openSqlite("sqlite::memory:");
    cleanups.push(() => closeSqlite(db));
    let now = T0;
    const q = queue(db, { now: () => now });
    const a = await q.enqueue({ kind: "render", payload: 1, key: "k", debounceMs: 1000 });
    now += 800;
    await q.enqueue({ kind: "render", payload: 2, key: "k", debounceMs: 1000 });
    expect(await q.getJob(a.id)).toMatchObject({ runAt: T0 + 1800, payload: 2 });
    // Another kind with the same key is not merged (but is serialised).
    expect((await q.enqueue({ kind: "other", payload: 3, key: "k", debounceMs: 1000 })).merged).toBe(false);
  });

  it("keeps a retrying job's backoff and attempt count when a debounced enqueue merges into it", async () => {
    const db = await openSqlite("sqlite::memory:");
    cleanups.push(() => closeSqlite(db));
    const now = T0;
    const q = queue(db, { now: () => now, random: () => 0.5, backoff: { baseMs: 1000, capMs: 5000 } });
    await q.start(async (job) => {
      if (job.payload === "old") throw new Error("GitHub is down");
    });
    const { id } = await q.enqueue({ kind: "render", payload: "old", key: "k", debounceMs: 0 });
    await waitFor(
      async () => (await q.getJob(id))?.attempts === 1 && (await q.getJob(id))?.state === "pending",
    );
    const merged = await q.enqueue({ kind: "render", payload: "new", key: "k", debounceMs: 100 });
    expect(merged).toEqual({ id, deduped: false, merged: true });
    expect(await q.getJob(id)).toMatchObject({ payload: "new", attempts: 1, runAt: T0 + 500 });
  });

  it("never postpones a debounced job beyond debounceMaxWaitMs after its first enqueue", async () => {
    const db = await openSqlite("sqlite::memory:");
    cleanups.push(() => closeSqlite(db));
    let now = T0;
    const q = queue(db, { now: () => now });
    const burst = { kind: "render", key: "k", debounceMs: 1000, debounceMaxWaitMs: 2500 } as const;
    const { id } = await q.enqueue({ ...burst, payload: 0 });
    for (const [at, runAt] of [
      [900, 1900],
      [1800, 2500], // capped: first enqueue + 2500
      [2600, 2600], // overdue: now
    ] as const) {
      now = T0 + at;
      await q.enqueue({ ...burst, payload: at });
      expect((await q.getJob(id))?.runAt).toBe(T0 + runAt);
    }
  });

  it("merges payloads with the kind's mergePayload", async () => {
    const db = await openSqlite("sqlite::memory:");
    cleanups.push(() => closeSqlite(db));
    const union = (older: unknown, newer: unknown) => [
      ...new Set([...(older as string[]), ...(newer as string[])]),
    ];
    const q = queue(db, { mergePayload: { collect: union } });
    const a = await q.enqueue({ kind: "collect", payload: ["run-1"], key: "sha", debounceMs: 10_000 });
    await q.enqueue({ kind: "collect", payload: ["run-2", "run-1"], key: "sha", debounceMs: 10_000 });
    expect((await q.getJob(a.id))?.payload).toEqual(["run-1", "run-2"]);
  });

  it("prunes done jobs after their retention and forgets ids after theirs", async () => {
    const db = await openSqlite("sqlite::memory:");
    cleanups.push(() => closeSqlite(db));
    let now = T0;
    const q = queue(db, {
      now: () => now,
      doneRetentionMs: HOUR,
      idRetentionMs: 2 * HOUR,
      deadRetentionMs: 3 * HOUR,
    });
    await q.start(async () => {});
    await q.enqueue({ kind: "k", payload: null, id: "delivery-1" });
    await waitFor(async () => (await q.getJob("delivery-1"))?.state === "done");
    now += HOUR + 1;
    q.prune();
    expect(await q.getJob("delivery-1")).toBeUndefined();
    expect((await q.enqueue({ kind: "k", payload: null, id: "delivery-1" })).deduped).toBe(true);
    now += HOUR;
    q.prune();
    expect((await q.enqueue({ kind: "k", payload: null, id: "delivery-1" })).deduped).toBe(false);
  });
});

describe("SqliteQueue retention of dead jobs", () => {
  it("keeps a dead job's id while the dead job is kept, then forgets both", async () => {
    const db = await openSqlite("sqlite::memory:");
    cleanups.push(() => closeSqlite(db));
    let now = T0;
    const q = queue(db, { now: () => now, idRetentionMs: HOUR, deadRetentionMs: 3 * HOUR });
    await q.start(async () => {
      throw new Error("always");
    });
    await q.enqueue({ kind: "k", payload: null, id: "d", maxAttempts: 1 });
    await waitFor(async () => (await q.getJob("d"))?.state === "dead");
    now += 2 * HOUR;
    q.prune();
    expect((await q.enqueue({ kind: "k", payload: null, id: "d" })).deduped).toBe(true);
    now += 2 * HOUR;
    q.prune();
    expect(await q.getJob("d")).toBeUndefined();
    expect((await q.enqueue({ kind: "k", payload: null, id: "d", delayMs: HOUR })).deduped).toBe(false);
  });
});

describe("SqliteQueue crash recovery", () => {
  it("recovers at once the jobs of a dead process on the same host", async () => {
    const { url, db } = await fileDb();
    const a = queue(db, { pid: 4242, leaseMs: 60_000 });
    await a.start(() => new Promise<void>(() => {}));
    const { id } = await a.enqueue({ kind: "k", payload: null });
    await waitFor(async () => (await a.getJob(id))?.state === "running");
    a.abandon();

    const db2 = await openSqlite(url);
    cleanups.push(() => closeSqlite(db2));
    const b = queue(db2, { pid: 4343, leaseMs: 60_000, isProcessAlive: (pid) => pid !== 4242 });
    const attempts: number[] = [];
    await b.start(async (job) => {
      attempts.push(job.attempt);
    });
    await waitFor(async () => (await b.getJob(id))?.state === "done", 1000);
    expect(attempts).toEqual([2]);
  });

  it("recovers at once the jobs of an earlier life with the same pid (container restart)", async () => {
    const { db } = await fileDb();
    let now = T0;
    const a = queue(db, { pid: 1, leaseMs: 60_000, now: () => now });
    await a.start(() => new Promise<void>(() => {}));
    const { id } = await a.enqueue({ kind: "k", payload: null });
    await waitFor(async () => (await a.getJob(id))?.state === "running");
    a.abandon();
    now += 5000;
    const b = queue(db, { pid: 1, leaseMs: 60_000, now: () => now, processStartedAt: now - 100 });
    await b.start(async () => {});
    await waitFor(async () => (await b.getJob(id))?.state === "done", 1000);
  });

  it("recovers at once the jobs of its own worker id from a previous life", async () => {
    const { db } = await fileDb();
    const a = queue(db, { workerId: "tollgate-1", pid: 50, leaseMs: 60_000 });
    await a.start(() => new Promise<void>(() => {}));
    const { id } = await a.enqueue({ kind: "k", payload: null });
    await waitFor(async () => (await a.getJob(id))?.state === "running");
    a.abandon();
    const b = queue(db, { workerId: "tollgate-1", pid: 51, leaseMs: 60_000 });
    await b.start(async () => {});
    await waitFor(async () => (await b.getJob(id))?.state === "done", 1000);
  });

  it("does not steal from a live process on the same host before the lease expires", async () => {
    const { db } = await fileDb();
    const a = queue(db, { pid: 10, leaseMs: 60_000 });
    await a.start(() => new Promise<void>(() => {}));
    const { id } = await a.enqueue({ kind: "k", payload: null });
    await waitFor(async () => (await a.getJob(id))?.state === "running");
    const b = queue(db, { pid: 11, leaseMs: 60_000, processStartedAt: Date.now() });
    let ran = false;
    await b.start(async () => {
      ran = true;
    });
    await sleep(80);
    expect(ran).toBe(false);
  });

  it("keeps a long job's lease alive with heartbeats, and lets it expire once they stop", async () => {
    const { db } = await fileDb();
    let now = T0;
    const clock = () => now;
    const a = queue(db, { pid: 20, leaseMs: 100, heartbeatMs: 10, now: clock });
    await a.start(() => new Promise<void>(() => {}));
    const { id } = await a.enqueue({ kind: "long", payload: null });
    await waitFor(async () => (await a.getJob(id))?.state === "running");
    const lockedUntil = () => db.prepare("SELECT locked_until FROM queue_jobs WHERE id = ?").pluck().get(id);
    expect(lockedUntil()).toBe(T0 + 100);
    now = T0 + 90;
    await waitFor(() => lockedUntil() === T0 + 190);

    now = T0 + 150; // past the first lease, inside the renewed one
    const b = queue(db, { pid: 21, leaseMs: 100, now: clock });
    const attempts: number[] = [];
    await b.start(async (job) => {
      attempts.push(job.attempt);
    });
    await sleep(60);
    expect(attempts).toEqual([]);

    a.abandon(); // heartbeats stop, as in kill -9
    expect(lockedUntil()).toBe(T0 + 250); // renewed while the clock stood at T0 + 150
    now = T0 + 251;
    await waitFor(() => attempts.length === 1);
    expect(attempts).toEqual([2]);
  });

  it("sends a job that kills its worker every time to dead ('crashed')", async () => {
    const { db } = await fileDb();
    const { id } = await new SqliteQueue(db).enqueue({ kind: "poison", payload: null, maxAttempts: 2 });
    for (const pid of [30, 31]) {
      const q = queue(db, { pid, leaseMs: 30 });
      await q.start(() => new Promise<void>(() => {}));
      await waitFor(async () => (await q.getJob(id))?.attempts === pid - 29);
      q.abandon();
    }
    const last = queue(db, { pid: 32, leaseMs: 30 });
    const dead: string[] = [];
    last.on("dead", (e) => dead.push(e.reason));
    await last.start(async () => {});
    await waitFor(() => dead.length === 1);
    expect(dead).toEqual(["crashed"]);
    expect((await last.getJob(id))?.state).toBe("dead");
    expect((await last.getJob(id))?.lastError).toContain("lease expired 2 times");
  });
});

/** Another "process" (a thread with its own connection) holds the write lock for `ms`. */
function holdWriteLock(path: string, ms: number): Worker {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const Database = require(workerData.module);
     const db = new Database(workerData.path);
     db.exec("BEGIN IMMEDIATE; INSERT INTO app_state (key, value, updated_at) VALUES ('lock', '1', 0);");
     parentPort.postMessage("locked");
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec("ROLLBACK"); db.close();
     parentPort.postMessage("released");`,
    {
      eval: true,
      workerData: { path, ms, module: createRequire(import.meta.url).resolve("better-sqlite3") },
    },
  );
  cleanups.push(() => worker.terminate());
  return worker;
}

describe("SqliteQueue on a busy database file", () => {
  it("waits for another process's write lock instead of failing", async () => {
    const { url, db } = await fileDb();
    const path = url.slice("sqlite:".length);
    const q = queue(db, {});
    const holder = holdWriteLock(path, 300);
    await new Promise<void>((resolve) => holder.once("message", () => resolve()));
    const t0 = performance.now();
    const result = await q.enqueue({ kind: "k", payload: null });
    expect(performance.now() - t0).toBeGreaterThan(100);
    expect(result.deduped).toBe(false);
    expect(await q.depth()).toBe(1);
  });

  it("keeps dispatching after the database was busy beyond busy_timeout", async () => {
    const { dir, remove } = tempDir();
    const path = join(dir, "q.db");
    const db = await openSqlite(`sqlite:${path}`, { busyTimeoutMs: 10 });
    cleanups.push(remove, () => closeSqlite(db));
    let now = T0;
    const q = queue(db, { pollIntervalMs: 20, now: () => now });
    const errors: unknown[] = [];
    q.on("error", (e) => errors.push(e.error));
    await q.start(async () => {});
    const { id } = await q.enqueue({ kind: "k", payload: null, delayMs: 1000 });
    const holder = holdWriteLock(path, 250);
    await new Promise<void>((resolve) => holder.once("message", () => resolve()));
    now += 1000; // due while the lock is held: claiming fails with SQLITE_BUSY until it is released
    await waitFor(async () => (await q.getJob(id))?.state === "done", 5000);
    expect(errors.length).toBeGreaterThan(0);
    expect(String(errors[0])).toMatch(/locked|busy/i);
  });
});

describe("SqliteQueue dispatch loop", () => {
  it.each([
    ["a due job whose key is running", { concurrency: 4, key: "same" }],
    ["due jobs while every slot is busy", { concurrency: 1, key: undefined }],
  ])("does not spin on %s", async (_label, { concurrency, key }) => {
    let ticks = 0;
    const db = new Database(":memory:", {
      verbose: (sql) => {
        if (typeof sql === "string" && sql.includes("SELECT MIN(run_at)")) ticks++; // once per loop turn
      },
    });
    await migrate(sqliteMigrationDriver(db), sqliteMigrations);
    cleanups.push(() => db.close());
    const q = queue(db, { pollIntervalMs: 50 });
    let started = 0;
    await q.start(
      async () => {
        started++;
        await new Promise<void>(() => {});
      },
      { concurrency },
    );
    await q.enqueue({ kind: "k", payload: 1, key });
    await waitFor(() => started === 1);
    await q.enqueue({ kind: "k", payload: 2, key });
    ticks = 0;
    await sleep(300);
    expect(started).toBe(1);
    expect(ticks).toBeLessThanOrEqual(12); // ~6 polls in 300 ms; a spinning loop makes hundreds
    expect(ticks).toBeGreaterThan(0);
  });
});
