import type { Migration } from "../../migrate.js";

/** Times are epoch milliseconds (INTEGER); JSON is TEXT. */
export const migration: Migration = {
  version: 1,
  name: "deliveries and app state",
  sql: `
CREATE TABLE deliveries (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  action          TEXT,
  installation_id INTEGER,
  repo            TEXT,
  received_at     INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  status          TEXT NOT NULL,
  error           TEXT
);
CREATE INDEX deliveries_status_received ON deliveries (status, received_at);
CREATE INDEX deliveries_received ON deliveries (received_at);

CREATE TABLE app_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};
