import type { Migration } from "../../migrate.js";

/**
 * Every slash command and check-run button press: who, what, when, and how it ended. One row per
 * command line of a comment (or per button event); the primary key makes a retried job skip what it
 * already started, so a deployment is never created twice for one comment.
 */
export const migration: Migration = {
  version: 8,
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
  created_at  INTEGER NOT NULL,
  finished_at INTEGER,
  PRIMARY KEY (repo, source, line)
);
CREATE INDEX command_log_pull ON command_log (repo, number, created_at);
`,
};
