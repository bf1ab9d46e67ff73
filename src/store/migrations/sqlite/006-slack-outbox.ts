import type { Migration } from "../../migrate.js";

/**
 * The Slack outbox: every message is stored before it is sent and leaves the table's `pending` state
 * only once Slack accepted it (`sent`), it was superseded by a newer update of the same message
 * (`superseded`), or Slack refused it for good (`failed`, e.g. channel_not_found, token revoked).
 * Per channel, messages go out strictly in id order. `slack_messages` remembers the Slack `ts` of each
 * logical message (e.g. one per deployment) so later updates and thread replies find it.
 */
export const migration: Migration = {
  version: 6,
  name: "slack outbox",
  sql: `
CREATE TABLE slack_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  channel         TEXT NOT NULL,
  op              TEXT NOT NULL,
  message_key     TEXT,
  body            TEXT NOT NULL,
  state           TEXT NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  ts              TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX slack_outbox_due ON slack_outbox (state, channel, id);
CREATE INDEX slack_outbox_key ON slack_outbox (message_key, state);

CREATE TABLE slack_messages (
  message_key TEXT PRIMARY KEY,
  channel     TEXT NOT NULL,
  ts          TEXT NOT NULL,
  posted_at   INTEGER NOT NULL
);
`,
};
