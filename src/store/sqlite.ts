/**
 * Opening the embedded database: one SQLite file shared by the store and the queue.
 *
 * Durability: WAL journal + synchronous=NORMAL. A committed transaction survives a crash of the
 * process (kill -9, OOM): the WAL is in the OS page cache and is replayed on the next open. On a
 * power loss or kernel crash the last few transactions (since the last checkpoint/fsync) may be
 * lost, never corrupted. GitHub's redelivery (and the delivery audit) covers that window; FULL
 * would fsync every commit and cost ~10× in enqueue latency on ordinary disks.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { parseDatabaseUrl } from "./database-url.js";
import { type AppliedMigration, type Migration, type MigrationDriver, migrate } from "./migrate.js";
import { sqliteMigrations } from "./migrations/sqlite/index.js";
import { type Checkpointer, startCheckpointer } from "./sqlite-checkpointer.js";

export type SqliteDatabase = Database.Database;

export interface OpenSqliteOptions {
  /** How long a statement waits for another process's write lock before SQLITE_BUSY (default 5000). */
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
  /**
   * Run WAL checkpoints every this many ms in a worker thread (default 500; 0: only SQLite's
   * automatic checkpoint, inside commits). File databases only. See sqlite-checkpointer.ts.
   */
  checkpointIntervalMs?: number;
}

const checkpointers = new WeakMap<SqliteDatabase, Checkpointer>();

export class UnsupportedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedDatabaseError";
  }
}

/** Opens (creating the file and its directory) and migrates the database named by a DATABASE_URL. */
export async function openSqlite(
  url: string | undefined,
  options: OpenSqliteOptions = {},
): Promise<SqliteDatabase> {
  const target = parseDatabaseUrl(url);
  if (target.kind !== "sqlite") {
    throw new UnsupportedDatabaseError(
      "DATABASE_URL=postgres://… is not supported yet (the PostgreSQL store comes with the scale-out issue); use sqlite:<path>",
    );
  }
  const memory = target.path === ":memory:";
  if (!memory) mkdirSync(dirname(target.path), { recursive: true });
  const db = new Database(target.path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    if (!memory) db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    await migrate(sqliteMigrationDriver(db), options.migrations ?? sqliteMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const intervalMs = options.checkpointIntervalMs ?? 500;
  if (!memory && intervalMs > 0) {
    // Safety net for sustained writes (~16 MB of WAL); the worker normally checkpoints first.
    db.pragma("wal_autocheckpoint = 4000");
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    checkpointers.set(db, startCheckpointer(target.path, intervalMs));
  }
  return db;
}

/** Closes a database from `openSqlite` and its checkpointer. Idempotent. */
export async function closeSqlite(db: SqliteDatabase): Promise<void> {
  const checkpointer = checkpointers.get(db);
  checkpointers.delete(db);
  await checkpointer?.stop();
  if (db.open) db.close();
}

export function sqliteMigrationDriver(db: SqliteDatabase): MigrationDriver {
  return {
    async ensureTable() {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        checksum   TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      )`);
    },
    async applied() {
      return db
        .prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
        .all() as AppliedMigration[];
    },
    async apply(migration, checksum, appliedAt) {
      const run = db.transaction(() => {
        const exists = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").get(migration.version);
        if (exists) return false;
        db.exec(migration.sql);
        db.prepare(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
        ).run(migration.version, migration.name, checksum, appliedAt.getTime());
        return true;
      });
      return run.immediate();
    },
  };
}
