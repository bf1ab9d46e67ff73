import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startWalCheckpointer } from "../../src/app/wal-checkpointer.js";
import { openSqlite } from "../../src/store/sqlite.js";
import { tempDir } from "../support/app-env.js";

async function writeMegabytes(path: string, checkpoint: boolean): Promise<number> {
  const db = await openSqlite(`sqlite:${path}`);
  db.pragma("wal_autocheckpoint = 0");
  const checkpointer = checkpoint ? startWalCheckpointer(path, { intervalMs: 20 }) : undefined;
  db.exec("CREATE TABLE blobs (body TEXT)");
  const insert = db.prepare("INSERT INTO blobs (body) VALUES (?)");
  const kb = "x".repeat(1024);
  try {
    for (let round = 0; round < 8; round++) {
      db.transaction(() => {
        for (let i = 0; i < 512; i++) insert.run(kb);
      })();
      // give the worker (every 20 ms) time to checkpoint, so the next burst reuses the WAL
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return statSync(`${path}-wal`).size;
  } finally {
    db.close();
    await checkpointer?.stop();
  }
}

describe("WAL checkpointer (worker thread)", () => {
  it("keeps the WAL from growing while auto-checkpoint is off", async () => {
    const dir = tempDir("tollgate-wal-");
    const without = await writeMegabytes(join(dir, "a.db"), false);
    const withCheckpointer = await writeMegabytes(join(dir, "b.db"), true);
    expect(without).toBeGreaterThan(2 * 1024 * 1024);
    expect(withCheckpointer).toBeLessThan(without / 2);
  });
});
