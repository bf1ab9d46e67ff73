/**
 * Opening the scale-out database: a pg connection pool, migrated once however many replicas start
 * at the same time (every migration step holds a transaction-scoped advisory lock).
 */
import pg from "pg";
import { parseDatabaseUrl } from "./database-url.js";
import { type AppliedMigration, type Migration, type MigrationDriver, migrate } from "./migrate.js";
import { postgresMigrations } from "./migrations/postgres/index.js";

export type PostgresPool = pg.Pool;

export interface OpenPostgresOptions {
  /** Connections per process (default 10; replicas × max must stay under the server's max_connections). */
  max?: number;
  /** Schema for every table (tests isolate themselves; default: the server's search_path). */
  schema?: string;
  migrations?: readonly Migration[];
  /** An idle connection broke (server restart, network): logged, the pool reconnects on demand. */
  onError?: (error: Error) => void;
}

/** Any constant: the key of the advisory lock that serialises migrators across processes. */
const MIGRATION_LOCK = 7_461_616_772;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<PostgresPool> {
  const target = parseDatabaseUrl(url);
  if (target.kind !== "postgres") throw new Error("openPostgres needs a postgres:// DATABASE_URL");
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`schema "${options.schema}" must be a plain lower-case identifier`);
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on("error", (error) => options.onError?.(error));
  try {
    if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    await migrate(postgresMigrationDriver(pool), options.migrations ?? postgresMigrations);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/** Runs `work` in a transaction on one pooled connection that first takes the migration lock. */
async function locked<T>(pool: PostgresPool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function postgresMigrationDriver(pool: PostgresPool): MigrationDriver {
  return {
    async ensureTable() {
      // Under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide in pg_type.
      await locked(pool, (c) =>
        c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version    integer PRIMARY KEY,
          name       text NOT NULL,
          checksum   text NOT NULL,
          applied_at timestamptz NOT NULL
        )`),
      );
    },
    async applied() {
      const { rows } = await pool.query<AppliedMigration>(
        "SELECT version, name, checksum FROM schema_migrations ORDER BY version",
      );
      return rows;
    },
    async apply(migration, checksum, appliedAt) {
      return locked(pool, async (c) => {
        const exists = await c.query("SELECT 1 FROM schema_migrations WHERE version = $1", [
          migration.version,
        ]);
        if (exists.rowCount) return false;
        await c.query(migration.sql);
        await c.query(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
          [migration.version, migration.name, checksum, appliedAt],
        );
        return true;
      });
    },
  };
}
