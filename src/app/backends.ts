import type { Logger } from "pino";
import type { Env } from "../env.js";
import type { Queue } from "../queue/queue.js";
import { SqliteQueue } from "../queue/sqlite-queue.js";
import { parseDatabaseUrl, redactDatabaseUrl } from "../store/database-url.js";
import { openSqlite } from "../store/sqlite.js";
import { SqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store.js";
import { startWalCheckpointer } from "./wal-checkpointer.js";

export interface Backends {
  store: Store;
  queue: Queue;
  /** Closes the store and what the backends run besides (call after the queue stopped). */
  close(): Promise<void>;
}

/**
 * Store and queue chosen by DATABASE_URL / REDIS_URL. Embedded default: one SQLite file for
 * both, its WAL checkpointed off the event loop. The PostgreSQL store and the Redis queue arrive
 * with the scale-out issue.
 */
export async function openBackends(env: Env, log: Logger): Promise<Backends> {
  if (env.redisUrl !== undefined) {
    throw new Error("REDIS_URL is set but the scale-out queue is not available yet: unset REDIS_URL");
  }
  const db = await openSqlite(env.databaseUrl);
  log.info({ database: redactDatabaseUrl(env.databaseUrl) }, "database opened");
  const target = parseDatabaseUrl(env.databaseUrl);
  const file = target.kind === "sqlite" && target.path !== ":memory:" ? target.path : undefined;
  const checkpointer =
    file === undefined
      ? undefined
      : startWalCheckpointer(file, { onError: (error) => log.warn({ error }, "WAL checkpoint failed") });
  if (checkpointer) db.pragma("wal_autocheckpoint = 0");
  const store = new SqliteStore(db);
  const queue = new SqliteQueue(db, { leaseMs: env.jobLeaseMs, maxAttempts: env.jobMaxAttempts });
  return {
    store,
    queue,
    async close() {
      await store.close();
      await checkpointer?.stop();
    },
  };
}
