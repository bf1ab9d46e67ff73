import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closeSqlite, openSqlite } from "../../src/store/sqlite.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function writeAndWait(
  checkpointIntervalMs: number,
  waitMs: number,
): Promise<{ before: number; after: number }> {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-ckpt-"));
  dirs.push(dir);
  const path = join(dir, "t.db");
  const db = await openSqlite(`sqlite:${path}`, { checkpointIntervalMs });
  db.pragma("wal_checkpoint(TRUNCATE)"); // start from an empty WAL
  const before = statSync(path).size;
  const insert = db.prepare("INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, 0)");
  for (let i = 0; i < 100; i++) insert.run(`k${i}`, "x".repeat(4000)); // ~100 pages, under any auto threshold
  // Wait until the file grows (the checkpoint happened) or the time is up.
  const deadline = Date.now() + waitMs;
  while (statSync(path).size === before && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const after = statSync(path).size;
  await closeSqlite(db);
  return { before, after };
}

describe("WAL checkpointer", () => {
  it("copies committed pages into the database file from its worker thread", async () => {
    const { before, after } = await writeAndWait(20, 5000);
    expect(after).toBeGreaterThan(before + 100 * 4000);
  });

  it("leaves them in the WAL when disabled (the control)", async () => {
    const { before, after } = await writeAndWait(0, 300);
    expect(after).toBe(before);
  });
});
