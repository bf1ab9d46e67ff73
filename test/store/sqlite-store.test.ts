import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeSqlite, openSqlite, UnsupportedDatabaseError } from "../../src/store/sqlite.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { storeContract } from "./store-contract.js";

storeContract("SQLite :memory:", async () => {
  const store = new SqliteStore(await openSqlite("sqlite::memory:"));
  return { store, cleanup: () => store.close() };
});

storeContract("SQLite file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-store-"));
  const store = new SqliteStore(await openSqlite(`sqlite:${join(dir, "t.db")}`));
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe("openSqlite", () => {
  it("creates the parent directories, uses WAL + synchronous NORMAL, and survives a reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-store-"));
    try {
      const path = join(dir, "nested", "deeper", "tollgate.db");
      const db = await openSqlite(`sqlite:${path}`);
      expect(existsSync(path)).toBe(true);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
      expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
      await new SqliteStore(db).state.set("kept", true);
      await closeSqlite(db);
      const again = new SqliteStore(await openSqlite(`sqlite:${path}`));
      expect(await again.state.get("kept")).toBe(true);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses postgres:// with a clear message until the PostgreSQL store exists", async () => {
    await expect(openSqlite("postgres://u:p@localhost/tollgate")).rejects.toThrow(UnsupportedDatabaseError);
    await expect(openSqlite("postgres://u:p@localhost/tollgate")).rejects.toThrow(/not supported yet/);
  });
});
