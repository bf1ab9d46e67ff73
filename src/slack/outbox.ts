// The durable Slack outbox port: a message is stored before it is sent, and leaves `pending` only
// when Slack accepted it, a newer update replaced it, or Slack refused it for good.
import type { SlackMessage } from "./blocks/message.js";

/** post: a new message (remembered under `messageKey` when given); update: edit the message posted
 * under `messageKey`; reply: a thread reply under it. */
export type OutboxOp = "post" | "update" | "reply";
export type OutboxState = "pending" | "sent" | "superseded" | "failed";

export interface OutboxEntry {
  id: number;
  channel: string;
  op: OutboxOp;
  messageKey: string | null;
  message: SlackMessage;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
}

export interface NewOutboxEntry {
  channel: string;
  op: OutboxOp;
  messageKey: string | null;
  message: SlackMessage;
}

export interface SlackOutbox {
  add(entry: NewOutboxEntry, now: Date): Promise<number>;
  /** The oldest pending entry of every channel (messages of one channel go out strictly in order). */
  heads(): Promise<OutboxEntry[]>;
  /** Whether a later pending update of the same message exists (then this one is superseded). */
  hasNewerUpdate(entry: OutboxEntry): Promise<boolean>;
  markSent(id: number, now: Date): Promise<void>;
  markSuperseded(id: number, now: Date): Promise<void>;
  markRetry(id: number, nextAttemptAt: Date, error: string, now: Date): Promise<void>;
  markFailed(id: number, error: string, now: Date): Promise<void>;
  /** The Slack ts a logical message was posted with. */
  messageTs(messageKey: string): Promise<{ channel: string; ts: string } | undefined>;
  rememberTs(messageKey: string, channel: string, ts: string, now: Date): Promise<void>;
  get(id: number): Promise<OutboxEntry | undefined>;
  /** Deletes sent/superseded/failed entries last touched before `before` (pending ones are kept). */
  prune(before: Date): Promise<number>;
  /** Counts by state (metrics: pending depth, failed messages). */
  counts(): Promise<Record<OutboxState, number>>;
}
