import type { Migration } from "../../migrate.js";

/** The command log (see migrations/sqlite/008-command-log.ts): one row per command line or button press. */
export const migration: Migration = {
  version: 6,
  name: "command log",
  sql: `
CREATE TABLE command_log (
  repo        TEXT NOT NULL,
  source      TEXT NOT NULL,
  line        INTEGER NOT NULL,
  number      INTEGER,
  actor       TEXT NOT NULL,
  command     TEXT NOT NULL,
  result      TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '',
  created_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  PRIMARY KEY (repo, source, line)
);
CREATE INDEX command_log_pull ON command_log (repo, number, created_at);
`,
};
