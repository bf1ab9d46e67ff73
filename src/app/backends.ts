import type { Logger } from "pino";
import type { Env } from "../env.js";
import { BullmqQueue } from "../queue/bullmq-queue.js";
import type { Queue } from "../queue/queue.js";
import { SqliteQueue } from "../queue/sqlite-queue.js";
import { parseDatabaseUrl, redactDatabaseUrl } from "../store/database-url.js";
import { openPostgres } from "../store/postgres.js";
import { PostgresStore } from "../store/postgres-store.js";
import { openSqlite } from "../store/sqlite.js";
import { SqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store.js";

export interface Backends {
  store: Store;
  queue: Queue;
  /**
   * A lease named `name` for `ttlMs`, held by one replica at a time (the redelivery sweeper's leader
   * election): Redis SET NX in scale-out mode, always granted to the single embedded process.
   */
  lease(name: string, ttlMs: number): Promise<boolean>;
  /** Closes what the backends opened (after `queue.stop`): the queue's connections, then the store. */
  close(): Promise<void>;
}

/**
 * Store and queue, chosen here and nowhere else:
 *   DATABASE_URL sqlite:… (default) → SQLite store; postgres://… → PostgreSQL store (pooled).
 *   REDIS_URL unset (default) → the embedded queue in the SQLite file; set → BullMQ on Redis.
 * Replicas need both shared backends: REDIS_URL with a SQLite file would give each process its own
 * store, and PostgreSQL without REDIS_URL has no shared queue, so both mixes are refused.
 */
export async function openBackends(env: Env, log: Logger): Promise<Backends> {
  const target = parseDatabaseUrl(env.databaseUrl);
  const redisUrl = env.redisUrl;
  if (target.kind === "sqlite" && redisUrl !== undefined) {
    throw new Error(
      "REDIS_URL is set but DATABASE_URL is SQLite: replicas sharing a Redis queue need a shared database; set DATABASE_URL=postgres://… or unset REDIS_URL",
    );
  }
  if (target.kind === "postgres") {
    if (redisUrl === undefined) {
      throw new Error(
        "DATABASE_URL is PostgreSQL but REDIS_URL is unset: the embedded queue lives in a SQLite file; set REDIS_URL=redis://… for the scale-out queue",
      );
    }
    const pool = await openPostgres(target.url, {
      onError: (err) => log.warn({ err }, "idle database connection failed; the pool reconnects"),
    });
    log.info({ database: redactDatabaseUrl(target.url), queue: "redis" }, "database opened");
    const store = new PostgresStore(pool);
    const queue = new BullmqQueue(redisUrl, {
      leaseMs: env.jobLeaseMs,
      maxAttempts: env.jobMaxAttempts,
      backoff: { baseMs: env.jobBackoffBaseMs },
    });
    return {
      store,
      queue,
      lease: (name, ttlMs) => queue.tryLease(name, ttlMs),
      async close() {
        await queue.close();
        await store.close();
      },
    };
  }
  const db = await openSqlite(env.databaseUrl);
  log.info({ database: redactDatabaseUrl(env.databaseUrl) }, "database opened");
  const store = new SqliteStore(db);
  const queue = new SqliteQueue(db, {
    leaseMs: env.jobLeaseMs,
    maxAttempts: env.jobMaxAttempts,
    backoff: { baseMs: env.jobBackoffBaseMs },
  });
  // One process: it always holds every lease.
  return { store, queue, lease: async () => true, close: () => store.close() };
}
