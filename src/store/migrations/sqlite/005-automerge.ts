import type { Migration } from "../../migrate.js";

/**
 * Every Dependabot auto-merge decision, per PR: what was decided on which head sha, what the app did
 * about it and why. Append-only; the newest row per PR is what the comment and Slack show.
 */
export const migration: Migration = {
  version: 5,
  name: "automerge decisions",
  sql: `
CREATE TABLE automerge_decisions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  repo        TEXT NOT NULL,
  number      INTEGER NOT NULL,
  head_sha    TEXT NOT NULL,
  action      TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  summary     TEXT NOT NULL,
  reasons     TEXT NOT NULL,
  dependencies TEXT NOT NULL,
  decided_at  INTEGER NOT NULL
);
CREATE INDEX automerge_decisions_pr ON automerge_decisions (repo, number, id);
`,
};
