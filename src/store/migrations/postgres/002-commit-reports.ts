import type { Migration } from "../../migrate.js";

/** SQLite's 003 (commit reports, overrides, verdicts); the queue lives in Redis, so no queue tables. */
export const migration: Migration = {
  version: 2,
  name: "commit reports, overrides and verdicts",
  sql: `
CREATE TABLE run_reports (
  repo         text NOT NULL,
  run_id       bigint NOT NULL,
  sha          text NOT NULL,
  run_name     text NOT NULL,
  branch       text,
  html_url     text,
  collected_at timestamptz NOT NULL,
  reports      json NOT NULL,
  problems     json NOT NULL,
  PRIMARY KEY (repo, run_id)
);
CREATE INDEX run_reports_sha ON run_reports (repo, sha);
CREATE INDEX run_reports_branch ON run_reports (repo, branch, collected_at);

CREATE TABLE gate_overrides (
  repo       text NOT NULL,
  sha        text NOT NULL,
  by_login   text NOT NULL,
  reason     text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (repo, sha)
);

CREATE TABLE verdicts (
  repo         text NOT NULL,
  sha          text NOT NULL,
  conclusion   text NOT NULL,
  summary      text NOT NULL,
  coverage_pct double precision,
  decided_at   timestamptz NOT NULL,
  PRIMARY KEY (repo, sha)
);
`,
};
