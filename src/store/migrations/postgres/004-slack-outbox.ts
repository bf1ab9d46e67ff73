import type { Migration } from "../../migrate.js";

/** The Slack outbox (see migrations/sqlite/006-slack-outbox.ts). */
export const migration: Migration = {
  version: 4,
  name: "slack outbox",
  sql: `
CREATE TABLE slack_outbox (
  id              bigserial PRIMARY KEY,
  channel         text NOT NULL,
  op              text NOT NULL,
  message_key     text,
  body            json NOT NULL,
  state           text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error      text,
  ts              text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX slack_outbox_due ON slack_outbox (state, channel, id);
CREATE INDEX slack_outbox_key ON slack_outbox (message_key, state);

CREATE TABLE slack_messages (
  message_key text PRIMARY KEY,
  channel     text NOT NULL,
  ts          text NOT NULL,
  posted_at   timestamptz NOT NULL
);
`,
};
