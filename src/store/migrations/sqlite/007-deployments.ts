import type { Migration } from "../../migrate.js";

/**
 * Deployment history per repo and environment (promotion and rollback read it) and the protection-rule
 * requests still waiting for a gate verdict. `succeeded_at` is kept when a later status (inactive) comes,
 * so "this sha deployed successfully to staging" stays true after the next deployment supersedes it.
 */
export const migration: Migration = {
  version: 7,
  name: "deployments and pending protection decisions",
  sql: `
CREATE TABLE deployments (
  repo          TEXT NOT NULL,
  deployment_id INTEGER NOT NULL,
  environment   TEXT NOT NULL,
  sha           TEXT NOT NULL,
  ref           TEXT NOT NULL,
  creator       TEXT,
  status        TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  started_at    INTEGER,
  finished_at   INTEGER,
  succeeded_at  INTEGER,
  log_url       TEXT,
  environment_url TEXT,
  PRIMARY KEY (repo, deployment_id)
);
CREATE INDEX deployments_env ON deployments (repo, environment, created_at);
CREATE INDEX deployments_sha ON deployments (repo, sha);

CREATE TABLE pending_protections (
  repo          TEXT NOT NULL,
  run_id        INTEGER NOT NULL,
  environment   TEXT NOT NULL,
  sha           TEXT NOT NULL,
  deployment_id INTEGER,
  installation_id INTEGER NOT NULL,
  callback_url  TEXT NOT NULL,
  reports_sent  INTEGER NOT NULL DEFAULT 0,
  last_report   TEXT,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (repo, run_id, environment)
);
CREATE INDEX pending_protections_sha ON pending_protections (repo, sha);
`,
};
