import type { Migration } from "../../migrate.js";

/** Lets the queue's stats (counts by state and kind, scraped for metrics) read the index only. */
export const migration: Migration = {
  version: 4,
  name: "queue stats index",
  sql: "CREATE INDEX queue_jobs_state_kind ON queue_jobs (state, kind);",
};
