// SlackOutbox over the embedded SQLite database (migration 006).
import type { SqliteDatabase } from "../store/sqlite.js";
import type { SlackMessage } from "./blocks/message.js";
import type { NewOutboxEntry, OutboxEntry, OutboxOp, OutboxState, SlackOutbox } from "./outbox.js";

interface Row {
  id: number;
  channel: string;
  op: OutboxOp;
  message_key: string | null;
  body: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

function toEntry(r: Row): OutboxEntry {
  return {
    id: r.id,
    channel: r.channel,
    op: r.op,
    messageKey: r.message_key,
    message: JSON.parse(r.body) as SlackMessage,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at),
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
  };
}

export class SqliteSlackOutbox implements SlackOutbox {
  private readonly insert;
  private readonly selectHeads;
  private readonly newer;
  private readonly setState;
  private readonly retry;
  private readonly selectTs;
  private readonly upsertTs;
  private readonly selectOne;
  private readonly count;
  private readonly pruneDone;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO slack_outbox (channel, op, message_key, body, state, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
    );
    this.selectHeads = db.prepare<[], Row>(
      `SELECT o.* FROM slack_outbox o
       JOIN (SELECT channel, MIN(id) AS id FROM slack_outbox WHERE state = 'pending' GROUP BY channel) h
         ON o.id = h.id ORDER BY o.id`,
    );
    this.newer = db.prepare<[string, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM slack_outbox WHERE message_key = ? AND state = 'pending' AND op = 'update' AND id > ?`,
    );
    this.setState = db.prepare(
      "UPDATE slack_outbox SET state = ?, last_error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?",
    );
    this.retry = db.prepare(
      `UPDATE slack_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.selectTs = db.prepare<[string], { channel: string; ts: string }>(
      "SELECT channel, ts FROM slack_messages WHERE message_key = ?",
    );
    this.upsertTs = db.prepare(
      `INSERT INTO slack_messages (message_key, channel, ts, posted_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (message_key) DO UPDATE SET channel = excluded.channel, ts = excluded.ts, posted_at = excluded.posted_at`,
    );
    this.selectOne = db.prepare<[number], Row>("SELECT * FROM slack_outbox WHERE id = ?");
    this.pruneDone = db.prepare("DELETE FROM slack_outbox WHERE state <> 'pending' AND updated_at < ?");
    this.count = db.prepare<[], { state: OutboxState; n: number }>(
      "SELECT state, COUNT(*) AS n FROM slack_outbox GROUP BY state",
    );
  }

  async add(entry: NewOutboxEntry, now: Date): Promise<number> {
    const t = now.getTime();
    const res = this.insert.run(
      entry.channel,
      entry.op,
      entry.messageKey,
      JSON.stringify(entry.message),
      t,
      t,
      t,
    );
    return Number(res.lastInsertRowid);
  }

  async heads(): Promise<OutboxEntry[]> {
    return this.selectHeads.all().map(toEntry);
  }

  async hasNewerUpdate(entry: OutboxEntry): Promise<boolean> {
    if (entry.messageKey === null) return false;
    return (this.newer.get(entry.messageKey, entry.id)?.n ?? 0) > 0;
  }

  async markSent(id: number, now: Date): Promise<void> {
    this.setState.run("sent", null, 1, now.getTime(), id);
  }

  async markSuperseded(id: number, now: Date): Promise<void> {
    this.setState.run("superseded", null, 0, now.getTime(), id);
  }

  async markRetry(id: number, nextAttemptAt: Date, error: string, now: Date): Promise<void> {
    this.retry.run(nextAttemptAt.getTime(), error, now.getTime(), id);
  }

  async markFailed(id: number, error: string, now: Date): Promise<void> {
    this.setState.run("failed", error, 1, now.getTime(), id);
  }

  async messageTs(messageKey: string): Promise<{ channel: string; ts: string } | undefined> {
    return this.selectTs.get(messageKey);
  }

  async rememberTs(messageKey: string, channel: string, ts: string, now: Date): Promise<void> {
    this.upsertTs.run(messageKey, channel, ts, now.getTime());
  }

  async get(id: number): Promise<OutboxEntry | undefined> {
    const row = this.selectOne.get(id);
    return row ? toEntry(row) : undefined;
  }

  async prune(before: Date): Promise<number> {
    return this.pruneDone.run(before.getTime()).changes;
  }

  async counts(): Promise<Record<OutboxState, number>> {
    const out: Record<OutboxState, number> = { pending: 0, sent: 0, superseded: 0, failed: 0 };
    for (const r of this.count.all()) out[r.state] = r.n;
    return out;
  }
}
