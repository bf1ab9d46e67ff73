// The outbox sender. Why its own loop rather than a queue job per message: Slack needs strict order
// per channel (an update must follow its post; a retrying message must hold back the ones behind it)
// and unbounded retrying through an outage, while the job queue retries each job on its own and
// dead-letters after maxAttempts. The outbox row is the durable record either way; this loop is a
// few lines over it, deterministic under an injected clock (tests call drainOnce).
// Rules: per channel only the oldest pending message may go; at most one send per channel per
// SLACK_CHANNEL_INTERVAL_MS; 429 waits Retry-After; 5xx/network back off exponentially (capped, never
// giving up); permanent errors fail the message once (onPermanent: log + metric) and the channel moves on.
// One sender per database (the embedded deployment); scale-out needs a lease on the channel first.
import type { Logger } from "pino";
import { SLACK_CHANNEL_INTERVAL_MS } from "./blocks/limits.js";
import { type PostResult, type SlackClient, SlackSendError } from "./client.js";
import type { OutboxEntry, SlackOutbox } from "./outbox.js";

export interface SenderOptions {
  outbox: SlackOutbox;
  client: SlackClient;
  now: () => Date;
  log: Logger;
  /** Minimum spacing of sends to one channel (default 1000 ms). */
  channelIntervalMs?: number;
  /** First retry delay without Retry-After (default 2000 ms), doubled per attempt up to maxBackoffMs. */
  baseBackoffMs?: number;
  /** Default 300 000 ms (5 min): during an outage a message is tried at least this often. */
  maxBackoffMs?: number;
  /** Called once per message Slack refused for good (metrics). */
  onPermanent?: (entry: OutboxEntry, error: SlackSendError) => void;
  /** Called after every send attempt (metrics). */
  onAttempt?: (outcome: "sent" | "retry" | "failed" | "superseded") => void;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  superseded: number;
  /** Earliest time something is due again (null: nothing pending). */
  nextDueAt: Date | null;
}

export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/** Marks an entry's lastError once an attempt may have been applied by Slack (no answer came back):
 * `maybe-posted@<ms of that attempt> ` stays in front of every later error until the entry is done. */
const MAYBE_POSTED = /^maybe-posted@(\d+) /;

/** When the first attempt that Slack may have applied started, or null (every failure was a refusal). */
export function maybePostedSince(lastError: string | null): Date | null {
  const m = lastError ? MAYBE_POSTED.exec(lastError) : null;
  return m?.[1] ? new Date(Number(m[1])) : null;
}

/** The key a Web API post carries in its metadata: the outbox id, with its creation time so two
 * databases (say staging and production) posting to one channel cannot mistake each other's. */
export function postKey(entry: OutboxEntry): string {
  return `${entry.id}-${entry.createdAt.getTime()}`;
}

export class OutboxSender {
  readonly #lastSend = new Map<string, number>();
  #toldNoLookup = false;
  readonly #o: Required<Omit<SenderOptions, "onPermanent" | "onAttempt">> &
    Pick<SenderOptions, "onPermanent" | "onAttempt">;

  constructor(options: SenderOptions) {
    this.#o = {
      channelIntervalMs: SLACK_CHANNEL_INTERVAL_MS,
      baseBackoffMs: 2000,
      maxBackoffMs: 300_000,
      ...options,
    };
  }

  /** One pass: sends at most one message per channel that is due and not paced. */
  async drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0, superseded: 0, nextDueAt: null };
    const now = this.#o.now().getTime();
    const due = (await this.#o.outbox.heads()).filter((head) => this.#dueAt(head) <= now);
    await Promise.all(due.map((entry) => this.#sendOne(entry, result)));
    for (const head of await this.#o.outbox.heads()) {
      const at = this.#dueAt(head);
      if (result.nextDueAt === null || at < result.nextDueAt.getTime()) result.nextDueAt = new Date(at);
    }
    return result;
  }

  /** When a channel's head may go: its retry time, and a second after the channel's last send. */
  #dueAt(head: OutboxEntry): number {
    const pacedUntil =
      (this.#lastSend.get(head.channel) ?? Number.NEGATIVE_INFINITY) + this.#o.channelIntervalMs;
    return Math.max(head.nextAttemptAt.getTime(), pacedUntil);
  }

  async #sendOne(entry: OutboxEntry, result: DrainResult): Promise<void> {
    const { outbox, log } = this.#o;
    if (entry.op === "update" && (await outbox.hasNewerUpdate(entry))) {
      await outbox.markSuperseded(entry.id, this.#o.now());
      result.superseded++;
      this.#o.onAttempt?.("superseded");
      return;
    }
    const attemptAt = this.#o.now();
    try {
      this.#lastSend.set(entry.channel, attemptAt.getTime());
      await this.#deliver(entry);
      await outbox.markSent(entry.id, this.#o.now());
      result.sent++;
      this.#o.onAttempt?.("sent");
    } catch (error) {
      const err =
        error instanceof SlackSendError
          ? error
          : new SlackSendError(error instanceof Error ? error.message : String(error), "retry", "unknown");
      if (err.kind === "permanent") {
        await outbox.markFailed(entry.id, `${err.code}: ${err.message}`, this.#o.now());
        result.failed++;
        log.error(
          { outboxId: entry.id, channel: entry.channel, code: err.code },
          "Slack refused a message for good; not retrying",
        );
        this.#o.onPermanent?.(entry, err);
        this.#o.onAttempt?.("failed");
        return;
      }
      const wait =
        err.retryAfterMs ?? backoffMs(entry.attempts + 1, this.#o.baseBackoffMs, this.#o.maxBackoffMs);
      const next = new Date(this.#o.now().getTime() + wait);
      // Remember the earliest attempt Slack may have applied, whatever the later failures were.
      const since = maybePostedSince(entry.lastError) ?? (err.maybeApplied ? attemptAt : null);
      const mark = since ? `maybe-posted@${since.getTime()} ` : "";
      await outbox.markRetry(entry.id, next, `${mark}${err.code}: ${err.message}`, this.#o.now());
      result.retried++;
      log.warn(
        { outboxId: entry.id, channel: entry.channel, code: err.code, retryInMs: wait },
        "Slack send failed; will retry",
      );
      this.#o.onAttempt?.("retry");
    }
  }

  async #deliver(entry: OutboxEntry): Promise<void> {
    const { outbox, client } = this.#o;
    const known = entry.messageKey !== null ? await outbox.messageTs(entry.messageKey) : undefined;
    if (entry.op === "update" && known && client.mode === "web_api") {
      await client.update(known.channel, known.ts, entry.message);
      return;
    }
    // A reply under its parent; an update whose post never landed (refused, or a webhook) is posted.
    const threadTs = entry.op === "reply" && known && client.mode === "web_api" ? known.ts : undefined;
    const key = postKey(entry);
    const res =
      (await this.#alreadyPosted(entry, key, threadTs)) ??
      (await client.post(entry.channel, entry.message, threadTs, key));
    if (entry.op !== "reply" && entry.messageKey !== null && res.ts !== null)
      await outbox.rememberTs(entry.messageKey, res.channel ?? entry.channel, res.ts, this.#o.now());
  }

  /**
   * After an attempt whose answer was lost, the message Slack may have posted then (found by the key
   * in its metadata), so it is not posted twice. Null: not found, or no lookup possible (webhook,
   * missing history scope): then it is posted again (at-least-once). A transient failure throws (retry).
   */
  async #alreadyPosted(entry: OutboxEntry, key: string, threadTs?: string): Promise<PostResult | null> {
    const { client, log } = this.#o;
    const since = maybePostedSince(entry.lastError);
    if (!since || !client.findPosted) return null;
    try {
      const found = await client.findPosted(entry.channel, key, since, threadTs);
      if (found)
        log.info(
          { outboxId: entry.id, channel: entry.channel, ts: found.ts },
          "Slack had posted the message before its answer was lost; not posting it again",
        );
      return found;
    } catch (error) {
      if (!(error instanceof SlackSendError) || error.kind !== "permanent") throw error;
      if (!this.#toldNoLookup) {
        this.#toldNoLookup = true;
        log.info(
          { outboxId: entry.id, channel: entry.channel, code: error.code },
          "Slack post whose answer was lost is posted again (may duplicate it): reading the channel failed; " +
            "the bot scopes channels:history and channels:read (groups:history and groups:read for private " +
            "channels), with the bot in the channel, would prevent duplicates",
        );
      }
      return null;
    }
  }
}

export interface RunningSender {
  /** Ask for a pass now (after an enqueue). */
  wake(): void;
  /** Stop after the pass in flight. */
  stop(): Promise<void>;
}

/** How long finished outbox entries are kept (for inspection) before the loop deletes them. */
export const OUTBOX_RETENTION_MS = 7 * 24 * 3600_000;

/**
 * Runs the sender in the background: a pass when woken, when something falls due, and every pollMs;
 * about once an hour it also prunes finished entries older than OUTBOX_RETENTION_MS.
 */
export function startOutboxSender(
  sender: OutboxSender,
  log: Logger,
  options: { pollMs?: number; prune?: (before: Date) => Promise<number> } = {},
): RunningSender {
  const pollMs = options.pollMs ?? 1000;
  let lastPrune = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, ms));
    timer.unref();
  };
  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = sender
      .drainOnce()
      .then(async (r) => {
        if (options.prune && Date.now() - lastPrune > 3600_000) {
          lastPrune = Date.now();
          const removed = await options.prune(new Date(Date.now() - OUTBOX_RETENTION_MS));
          if (removed > 0) log.debug({ removed }, "Slack outbox pruned");
        }
        const dueIn = r.nextDueAt ? r.nextDueAt.getTime() - Date.now() : pollMs;
        schedule(again ? 0 : Math.min(pollMs, Math.max(10, dueIn)));
      })
      .catch((error: unknown) => {
        log.error({ err: error }, "Slack outbox pass failed");
        schedule(pollMs);
      })
      .finally(() => {
        running = undefined;
        again = false;
      });
  };
  schedule(0);
  return {
    wake: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
