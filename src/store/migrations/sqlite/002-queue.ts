import type { Migration } from "../../migrate.js";

/**
 * The embedded queue's tables (src/queue/sqlite-queue.ts) live in the same file as the store.
 * queue_ids remembers every idempotency id (a job's own id and ids merged into it by debounce)
 * for the id-retention window, independently of how long finished job rows are kept.
 */
export const migration: Migration = {
  version: 2,
  name: "embedded queue",
  sql: `
CREATE TABLE queue_jobs (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  key          TEXT,
  payload      TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'dead')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  run_at       INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  locked_by    TEXT,
  locked_until INTEGER,
  last_error   TEXT
);
CREATE INDEX queue_jobs_due ON queue_jobs (state, run_at);
CREATE INDEX queue_jobs_key ON queue_jobs (key, state) WHERE key IS NOT NULL;
CREATE INDEX queue_jobs_owner ON queue_jobs (locked_by) WHERE locked_by IS NOT NULL;

CREATE TABLE queue_ids (
  id         TEXT PRIMARY KEY,
  job_id     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX queue_ids_created ON queue_ids (created_at);

CREATE TABLE queue_workers (
  id           TEXT PRIMARY KEY,
  hostname     TEXT NOT NULL,
  pid          INTEGER NOT NULL,
  started_at   INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
`,
};
