import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { checksum, type Migration, MigrationError, migrate } from "../../src/store/migrate.js";
import { sqliteMigrations } from "../../src/store/migrations/sqlite/index.js";
import { openSqlite, sqliteMigrationDriver } from "../../src/store/sqlite.js";

const m = (version: number, sql: string, name = `m${version}`): Migration => ({ version, name, sql });

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  ).filter((t) => !t.startsWith("sqlite_"));
}

describe("migrate (SQLite driver)", () => {
  it("the shipped migrations have strictly increasing versions 1..n", () => {
    expect(sqliteMigrations.map((x) => x.version)).toEqual(sqliteMigrations.map((_, i) => i + 1));
  });

  it("applies the shipped migrations once and records them", async () => {
    const db = await openSqlite("sqlite::memory:");
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        "app_state",
        "deliveries",
        "queue_ids",
        "queue_jobs",
        "queue_workers",
        "schema_migrations",
      ]),
    );
    const rows = db.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version").all();
    expect(rows).toEqual(
      sqliteMigrations.map((x) => ({ version: x.version, name: x.name, checksum: checksum(x.sql) })),
    );
    expect(await migrate(sqliteMigrationDriver(db), sqliteMigrations)).toEqual([]);
    db.close();
  });

  it("applies in version order whatever the list order, and only what is missing", async () => {
    const db = new Database(":memory:");
    const driver = sqliteMigrationDriver(db);
    const list = [m(2, "INSERT INTO t VALUES ('two')"), m(1, "CREATE TABLE t (v TEXT)")];
    expect(await migrate(driver, list)).toEqual([1, 2]);
    expect(await migrate(driver, [...list, m(3, "INSERT INTO t VALUES ('three')")])).toEqual([3]);
    expect(db.prepare("SELECT v FROM t").pluck().all()).toEqual(["two", "three"]);
  });

  it("rolls back a failing migration entirely and keeps the ones before it", async () => {
    const db = new Database(":memory:");
    const driver = sqliteMigrationDriver(db);
    const list = [
      m(1, "CREATE TABLE a (v INTEGER)"),
      m(2, "CREATE TABLE b (v INTEGER); INSERT INTO nope VALUES (1);"),
    ];
    await expect(migrate(driver, list)).rejects.toThrow(/nope/);
    expect(tables(db)).toEqual(["a", "schema_migrations"]);
    expect(db.prepare("SELECT version FROM schema_migrations").pluck().all()).toEqual([1]);
  });

  it("refuses a migration edited after it was applied", async () => {
    const db = new Database(":memory:");
    const driver = sqliteMigrationDriver(db);
    await migrate(driver, [m(1, "CREATE TABLE a (v INTEGER)")]);
    await expect(migrate(driver, [m(1, "CREATE TABLE a (v TEXT)")])).rejects.toThrow(
      /changed after it was applied/,
    );
    // Whitespace and line endings do not count as edits.
    await expect(migrate(driver, [m(1, "\r\n  CREATE TABLE a (v INTEGER)\n")])).resolves.toEqual([]);
  });

  it("refuses a database written by a newer release", async () => {
    const db = new Database(":memory:");
    const driver = sqliteMigrationDriver(db);
    await migrate(driver, [m(1, "SELECT 1"), m(2, "SELECT 2", "future")]);
    await expect(migrate(driver, [m(1, "SELECT 1")])).rejects.toThrow(/newer release/);
  });

  it.each([
    [[m(1, "SELECT 1"), m(1, "SELECT 2")], /share version 1/],
    [[m(0, "SELECT 1")], /invalid version/],
    [[m(1.5, "SELECT 1")], /invalid version/],
  ])("rejects an invalid migration list %#", async (list, message) => {
    await expect(migrate(sqliteMigrationDriver(new Database(":memory:")), list)).rejects.toThrow(
      MigrationError,
    );
    await expect(migrate(sqliteMigrationDriver(new Database(":memory:")), list)).rejects.toThrow(message);
  });

  it("does not apply a version another process recorded in the meantime", async () => {
    const db = new Database(":memory:");
    const driver = sqliteMigrationDriver(db);
    await driver.ensureTable();
    const mig = m(1, "CREATE TABLE a (v INTEGER)");
    expect(await driver.apply(mig, checksum(mig.sql), new Date())).toBe(true);
    expect(await driver.apply(mig, checksum(mig.sql), new Date())).toBe(false);
  });
});
