import type { Migration } from "../../migrate.js";

/** Dependabot auto-merge decisions (see migrations/sqlite/005-automerge.ts); append-only per PR. */
export const migration: Migration = {
  version: 3,
  name: "automerge decisions",
  sql: `
CREATE TABLE automerge_decisions (
  id           BIGSERIAL PRIMARY KEY,
  repo         TEXT NOT NULL,
  number       INTEGER NOT NULL,
  head_sha     TEXT NOT NULL,
  action       TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  summary      TEXT NOT NULL,
  reasons      JSONB NOT NULL,
  dependencies JSONB NOT NULL,
  decided_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX automerge_decisions_pr ON automerge_decisions (repo, number, id);
`,
};
