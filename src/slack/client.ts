// The Slack client port. Two adapters: the Web API (web-client.ts: per-repo channels, threads,
// chat.update) and an incoming webhook (webhook-client.ts: one fixed channel, post only). Neither
// retries: the outbox (sender.ts) owns retrying, pacing and ordering. Adapters turn Slack's answers
// into SlackSendError values the sender can act on.
import type { SlackMessage } from "./blocks/message.js";

export type SlackMode = "web_api" | "webhook";

export interface PostResult {
  /** Message timestamp (its id in Slack); null for webhooks, which do not return one. */
  ts: string | null;
  channel: string | null;
}

export interface SlackClient {
  readonly mode: SlackMode;
  /** Post a message; `threadTs` makes it a thread reply (Web API only); `key` tags it (message
   * metadata) so findPosted can recognise it after an answer was lost. */
  post(channel: string, message: SlackMessage, threadTs?: string, key?: string): Promise<PostResult>;
  /** Edit a posted message in place (Web API only). */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /**
   * The message (its ts, channel id) posted with `key` since `since` (in the thread `threadTs` when given), or null.
   * Absent for the webhook, which cannot read history: there a lost answer means at-least-once.
   * Throws SlackSendError: `permanent` (missing_scope, not_in_channel…) means no lookup is possible.
   */
  findPosted?(
    channel: string,
    key: string,
    since: Date,
    threadTs?: string,
  ): Promise<{ ts: string; channel: string } | null>;
}

/** Why a send failed and what to do about it. */
export class SlackSendError extends Error {
  constructor(
    message: string,
    /** `retry`: transient (429, 5xx, network); `permanent`: Slack refused for good. */
    readonly kind: "retry" | "permanent",
    /** Slack's error code (e.g. channel_not_found) or the HTTP status. */
    readonly code: string,
    /** From Retry-After, when Slack sent one. */
    readonly retryAfterMs?: number,
    /** No answer (reset, timeout, a proxy's page, Slack's own internal_error): Slack may have applied
     * the call. A 429 or an `ok: false` refusal means it did not. */
    readonly maybeApplied = false,
  ) {
    super(message);
    this.name = "SlackSendError";
  }
}

/** Web API error codes that are worth retrying; every other `ok: false` error is permanent. */
export const TRANSIENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  "ratelimited",
  "rate_limited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "team_added_to_org",
]);

/** Parses a Retry-After header value (seconds) into ms; undefined when absent or invalid. */
export function retryAfterHeader(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}
