// SlackOutbox over PostgreSQL (migration postgres/004); same semantics as src/slack/sqlite-outbox.ts.
import type { SlackMessage } from "../slack/blocks/message.js";
import type { NewOutboxEntry, OutboxEntry, OutboxOp, OutboxState, SlackOutbox } from "../slack/outbox.js";
import type { PostgresPool } from "./postgres.js";

interface Row {
  id: string;
  channel: string;
  op: OutboxOp;
  message_key: string | null;
  body: SlackMessage;
  state: OutboxState;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
}

function toEntry(r: Row): OutboxEntry {
  return {
    id: Number(r.id),
    channel: r.channel,
    op: r.op,
    messageKey: r.message_key,
    message: r.body,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
}

export class PostgresSlackOutbox implements SlackOutbox {
  constructor(private readonly pool: PostgresPool) {}

  async add(entry: NewOutboxEntry, now: Date): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO slack_outbox (channel, op, message_key, body, state, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4::json, 'pending', $5, $5, $5) RETURNING id`,
      [entry.channel, entry.op, entry.messageKey, JSON.stringify(entry.message), now],
    );
    return Number(rows[0]?.id);
  }

  async heads(): Promise<OutboxEntry[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT o.* FROM slack_outbox o
       JOIN (SELECT channel, MIN(id) AS id FROM slack_outbox WHERE state = 'pending' GROUP BY channel) h
         ON o.id = h.id ORDER BY o.id`,
    );
    return rows.map(toEntry);
  }

  async hasNewerUpdate(entry: OutboxEntry): Promise<boolean> {
    if (entry.messageKey === null) return false;
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM slack_outbox WHERE message_key = $1 AND state = 'pending' AND op = 'update' AND id > $2 LIMIT 1`,
      [entry.messageKey, entry.id],
    );
    return (rowCount ?? 0) > 0;
  }

  private async setState(id: number, state: OutboxState, error: string | null, attempts: number, now: Date) {
    await this.pool.query(
      "UPDATE slack_outbox SET state = $1, last_error = $2, attempts = attempts + $3, updated_at = $4 WHERE id = $5",
      [state, error, attempts, now, id],
    );
  }

  markSent(id: number, now: Date): Promise<void> {
    return this.setState(id, "sent", null, 1, now);
  }

  markSuperseded(id: number, now: Date): Promise<void> {
    return this.setState(id, "superseded", null, 0, now);
  }

  async markRetry(id: number, nextAttemptAt: Date, error: string, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE slack_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2, updated_at = $3
       WHERE id = $4`,
      [nextAttemptAt, error, now, id],
    );
  }

  markFailed(id: number, error: string, now: Date): Promise<void> {
    return this.setState(id, "failed", error, 1, now);
  }

  async messageTs(messageKey: string): Promise<{ channel: string; ts: string } | undefined> {
    const { rows } = await this.pool.query<{ channel: string; ts: string }>(
      "SELECT channel, ts FROM slack_messages WHERE message_key = $1",
      [messageKey],
    );
    return rows[0];
  }

  async rememberTs(messageKey: string, channel: string, ts: string, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO slack_messages (message_key, channel, ts, posted_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_key) DO UPDATE SET channel = excluded.channel, ts = excluded.ts, posted_at = excluded.posted_at`,
      [messageKey, channel, ts, now],
    );
  }

  async get(id: number): Promise<OutboxEntry | undefined> {
    const { rows } = await this.pool.query<Row>("SELECT * FROM slack_outbox WHERE id = $1", [id]);
    const row = rows[0];
    return row ? toEntry(row) : undefined;
  }

  async prune(before: Date): Promise<number> {
    const res = await this.pool.query(
      "DELETE FROM slack_outbox WHERE state <> 'pending' AND updated_at < $1",
      [before],
    );
    return res.rowCount ?? 0;
  }

  async counts(): Promise<Record<OutboxState, number>> {
    const out: Record<OutboxState, number> = { pending: 0, sent: 0, superseded: 0, failed: 0 };
    const { rows } = await this.pool.query<{ state: OutboxState; n: string }>(
      "SELECT state, COUNT(*) AS n FROM slack_outbox GROUP BY state",
    );
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }
}
