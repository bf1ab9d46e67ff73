import type { Migration } from "../../migrate.js";

/** Deployment history and pending protection decisions (see migrations/sqlite/007-deployments.ts). */
export const migration: Migration = {
  version: 5,
  name: "deployments and pending protection decisions",
  sql: `
CREATE TABLE deployments (
  repo            text NOT NULL,
  deployment_id   bigint NOT NULL,
  environment     text NOT NULL,
  sha             text NOT NULL,
  ref             text NOT NULL,
  creator         text,
  status          text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  started_at      timestamptz,
  finished_at     timestamptz,
  succeeded_at    timestamptz,
  log_url         text,
  environment_url text,
  PRIMARY KEY (repo, deployment_id)
);
CREATE INDEX deployments_env ON deployments (repo, lower(environment), created_at);
CREATE INDEX deployments_sha ON deployments (repo, sha);

CREATE TABLE pending_protections (
  repo            text NOT NULL,
  run_id          bigint NOT NULL,
  environment     text NOT NULL,
  sha             text NOT NULL,
  deployment_id   bigint,
  installation_id bigint NOT NULL,
  callback_url    text NOT NULL,
  reports_sent    integer NOT NULL DEFAULT 0,
  last_report     text,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (repo, run_id, environment)
);
CREATE INDEX pending_protections_sha ON pending_protections (repo, sha);
`,
};
