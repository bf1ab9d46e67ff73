// The Web API adapter: @slack/web-api's WebClient with its own retries and rate-limit waiting OFF
// (retryConfig: 0 retries, rejectRateLimitedCalls), so a 429 or 5xx comes straight back to the outbox.
import {
  ErrorCode,
  LogLevel,
  type Logger as SlackLogger,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
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
      return new SlackSendError("Slack's answer was not JSON", "retry", "invalid_response");
    const kind = TRANSIENT_SLACK_ERRORS.has(slackCode) ? "retry" : "permanent";
    return new SlackSendError(`Slack refused the message: ${slackCode}`, kind, slackCode);
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
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SlackSendError(`Slack unreachable: ${message}`, "retry", "request_error");
}

/** Blocks inside a coloured attachment when the message has a status colour, else top-level blocks. */
export function content(message: SlackMessage) {
  return message.color
    ? { text: message.text, attachments: [{ color: message.color, blocks: message.blocks }] }
    : { text: message.text, blocks: message.blocks };
}

export function createWebApiClient(options: WebApiOptions): SlackClient {
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl ?? "https://slack.com/api/",
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    // Its failures reach the outbox as errors, which the sender logs; keep the console clean.
    ...(options.log ? { logger: slackLogger(options.log) } : { logLevel: LogLevel.ERROR }),
  });
  return {
    mode: "web_api",
    async post(channel: string, message: SlackMessage, threadTs?: string): Promise<PostResult> {
      try {
        const res = await client.chat.postMessage({
          channel,
          ...content(message),
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
        return { ts: res.ts ?? null, channel: res.channel ?? channel };
      } catch (error) {
        throw classifyWebApiError(error);
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
