import type { Migration } from "../../migrate.js";

/**
 * Same tables as SQLite's 001, in PostgreSQL types: times are timestamptz, JSON values `json` (kept as
 * written: jsonb would reject a "\u0000" in a string and reorder keys, and nothing queries inside).
 */
export const migration: Migration = {
  version: 1,
  name: "deliveries and app state",
  sql: `
CREATE TABLE deliveries (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  action          text,
  installation_id bigint,
  repo            text,
  received_at     timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  status          text NOT NULL,
  error           text
);
CREATE INDEX deliveries_status_received ON deliveries (status, received_at);
CREATE INDEX deliveries_received ON deliveries (received_at);

CREATE TABLE app_state (
  key        text PRIMARY KEY,
  value      json NOT NULL,
  updated_at timestamptz NOT NULL
);
`,
};
