// The Web API adapter: @slack/web-api's WebClient with its own retries and rate-limit waiting OFF
// (retryConfig: 0 retries, rejectRateLimitedCalls), so a 429 or 5xx comes straight back to the outbox.
import {
  ErrorCode,
  LogLevel,
  type Logger as SlackLogger,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  type WebAPIRequestError,
  WebClient,
} from "@slack/web-api";
import type { Logger } from "pino";
import type { SlackMessage } from "./blocks/message.js";
import {
  type PostResult,
  retryAfterHeader,
  type SlackClient,
  SlackSendError,
  TRANSIENT_SLACK_ERRORS,
} from "./client.js";

export interface WebApiOptions {
  token: string;
  /** SLACK_API_URL; default https://slack.com/api/ (tests point it at loopback). */
  apiUrl?: string;
  timeoutMs?: number;
  /** Where WebClient's own messages go; without it they would be plain text on the console. */
  log?: Logger;
}

/** WebClient's logger interface over pino (its info chatter at debug), one JSON line per message. */
export function slackLogger(log: Logger): SlackLogger {
  const child = log.child({ component: "slack-web-api" });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : String(m))).join(" ");
  let level = LogLevel.DEBUG;
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.debug(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function codeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** Connection failures before the request went out: Slack cannot have applied it. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/** fetch reports a refused connection as TypeError("fetch failed") with the system error as its cause. */
function neverSent(error: unknown): boolean {
  let e = error;
  for (let depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    if (NEVER_SENT.has(String(codeOf(e)))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Slack documents these as "some aspect of the operation may have succeeded". */
const MAYBE_APPLIED_ERRORS = new Set(["internal_error", "fatal_error"]);

/** Slack's error codes: snake_case words (channel_not_found, ratelimited). */
const SLACK_ERROR_CODE = /^[a-z][a-z0-9_]*$/;

/** Maps a WebClient error to a SlackSendError (exported for tests). */
export function classifyWebApiError(error: unknown): SlackSendError {
  const code = codeOf(error);
  if (code === ErrorCode.RateLimitedError) {
    const e = error as WebAPIRateLimitedError;
    return new SlackSendError("Slack rate limited the call", "retry", "ratelimited", e.retryAfter * 1000);
  }
  if (code === ErrorCode.PlatformError) {
    const slackCode: unknown = (error as WebAPIPlatformError).data.error;
    // WebClient reports a body that is not JSON (a proxy's error page) as the error "code": that is
    // no answer from Slack, not a refusal, so it is retried like a network failure.
    if (typeof slackCode !== "string" || !SLACK_ERROR_CODE.test(slackCode))
      return new SlackSendError("Slack's answer was not JSON", "retry", "invalid_response", undefined, true);
    const kind = TRANSIENT_SLACK_ERRORS.has(slackCode) ? "retry" : "permanent";
    return new SlackSendError(
      `Slack refused the message: ${slackCode}`,
      kind,
      slackCode,
      undefined,
      MAYBE_APPLIED_ERRORS.has(slackCode),
    );
  }
  if (code === ErrorCode.HTTPError) {
    const e = error as WebAPIHTTPError;
    const kind = e.statusCode >= 500 || e.statusCode === 429 || e.statusCode === 408 ? "retry" : "permanent";
    // A 503 during maintenance may say when to come back; the outbox waits that long instead of its backoff.
    const retryAfterMs = kind === "retry" ? retryAfterHeader(e.headers?.["retry-after"]) : undefined;
    return new SlackSendError(
      `Slack answered HTTP ${e.statusCode}`,
      kind,
      String(e.statusCode),
      retryAfterMs,
      // A gateway's 502/504: the call may have reached Slack behind it.
      e.statusCode === 502 || e.statusCode === 504,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const original: unknown = code === ErrorCode.RequestError ? (error as WebAPIRequestError).original : error;
  const sent = !neverSent(original);
  return new SlackSendError(`Slack unreachable: ${message}`, "retry", "request_error", undefined, sent);
}

/** Blocks inside a coloured attachment when the message has a status colour, else top-level blocks. */
export function content(message: SlackMessage) {
  return message.color
    ? { text: message.text, attachments: [{ color: message.color, blocks: message.blocks }] }
    : { text: message.text, blocks: message.blocks };
}

/** The metadata event type every Web API post carries (findPosted looks for it). */
export const POST_EVENT_TYPE = "tollgate_message";

/** How far before the first ambiguous attempt the lookup starts (clock skew between us and Slack). */
const LOOKUP_MARGIN_MS = 5 * 60_000;
/** History pages (of LOOKUP_PAGE_SIZE) read per lookup: the post is recent, so it is near the top. */
const LOOKUP_PAGES = 2;
const LOOKUP_PAGE_SIZE = 100;
/** conversations.list pages read to resolve a channel name (200 channels each). */
const LIST_PAGES = 5;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

const isChannelId = (channel: string) => /^[CGD][A-Z0-9]{2,}$/.test(channel);

export function createWebApiClient(options: WebApiOptions): SlackClient {
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl ?? "https://slack.com/api/",
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    // Its failures reach the outbox as errors, which the sender logs; keep the console clean.
    ...(options.log ? { logger: slackLogger(options.log) } : { logLevel: LogLevel.ERROR }),
  });
  // Channel names ("#deploys") → ids: chat.postMessage takes either, conversations.history ids only.
  const channelIds = new Map<string, string>();
  const nameOf = (channel: string) => channel.replace(/^#/, "");

  async function resolveChannel(channel: string): Promise<string> {
    if (isChannelId(channel)) return channel;
    const known = channelIds.get(nameOf(channel));
    if (known) return known;
    let cursor: string | undefined;
    for (let page = 0; page < LIST_PAGES; page++) {
      const res = await client.conversations.list({
        types: "public_channel,private_channel",
        exclude_archived: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of res.channels ?? []) if (c.name && c.id) channelIds.set(c.name, c.id);
      const id = channelIds.get(nameOf(channel));
      if (id) return id;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    throw new SlackSendError(
      `no channel named ${channel} in conversations.list`,
      "permanent",
      "channel_not_found",
    );
  }

  return {
    mode: "web_api",
    async post(channel: string, message: SlackMessage, threadTs?: string, key?: string): Promise<PostResult> {
      try {
        const res = await client.chat.postMessage({
          channel,
          ...content(message),
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...(key ? { metadata: { event_type: POST_EVENT_TYPE, event_payload: { outbox_id: key } } } : {}),
        });
        if (res.channel && !isChannelId(channel)) channelIds.set(nameOf(channel), res.channel);
        return { ts: res.ts ?? null, channel: res.channel ?? channel };
      } catch (error) {
        throw classifyWebApiError(error);
      }
    },
    async findPosted(channel: string, key: string, since: Date, threadTs?: string) {
      try {
        const id = await resolveChannel(channel);
        const oldest = ((since.getTime() - LOOKUP_MARGIN_MS) / 1000).toFixed(6);
        let cursor: string | undefined;
        for (let page = 0; page < LOOKUP_PAGES; page++) {
          const args = {
            channel: id,
            oldest,
            inclusive: true,
            limit: LOOKUP_PAGE_SIZE,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          };
          // A reply lives in its thread, which conversations.history does not list.
          const res = threadTs
            ? await client.conversations.replies({ ...args, ts: threadTs })
            : await client.conversations.history(args);
          const hit = ((res.messages ?? []) as HistoryMessage[]).find(
            (m) => m.metadata?.event_type === POST_EVENT_TYPE && m.metadata.event_payload?.outbox_id === key,
          );
          if (hit?.ts) return { ts: hit.ts, channel: id };
          cursor = (res.has_more && res.response_metadata?.next_cursor) || undefined;
          if (!cursor) break;
        }
        return null;
      } catch (error) {
        throw error instanceof SlackSendError ? error : classifyWebApiError(error);
      }
    },
    async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
      try {
        await client.chat.update({ channel, ts, ...content(message) });
      } catch (error) {
        throw classifyWebApiError(error);
      }
    },
  };
}
