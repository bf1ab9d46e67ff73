import type { Migration } from "../../migrate.js";

/**
 * What each workflow run of a commit produced (compacted reports, problems met while collecting), the
 * gate overrides given by maintainers, and the verdicts published. One row per (repo, run): collecting
 * a run again replaces its row, so re-running a job converges on the same state.
 */
export const migration: Migration = {
  version: 3,
  name: "commit reports, overrides and verdicts",
  sql: `
CREATE TABLE run_reports (
  repo         TEXT NOT NULL,
  run_id       INTEGER NOT NULL,
  sha          TEXT NOT NULL,
  run_name     TEXT NOT NULL,
  branch       TEXT,
  html_url     TEXT,
  collected_at INTEGER NOT NULL,
  reports      TEXT NOT NULL,
  problems     TEXT NOT NULL,
  PRIMARY KEY (repo, run_id)
);
CREATE INDEX run_reports_sha ON run_reports (repo, sha);
CREATE INDEX run_reports_branch ON run_reports (repo, branch, collected_at);

CREATE TABLE gate_overrides (
  repo       TEXT NOT NULL,
  sha        TEXT NOT NULL,
  by_login   TEXT NOT NULL,
  reason     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (repo, sha)
);

CREATE TABLE verdicts (
  repo        TEXT NOT NULL,
  sha         TEXT NOT NULL,
  conclusion  TEXT NOT NULL,
  summary     TEXT NOT NULL,
  coverage_pct REAL,
  decided_at  INTEGER NOT NULL,
  PRIMARY KEY (repo, sha)
);
`,
};
