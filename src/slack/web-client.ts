// The Web API adapter: @slack/web-api's WebClient with its own retries and rate-limit waiting OFF
// (retryConfig: 0 retries, rejectRateLimitedCalls), so a 429 or 5xx comes straight back to the outbox.
import {
  ErrorCode,
  type WebAPIHTTPError,
  type WebAPIPlatformError,
  type WebAPIRateLimitedError,
  WebClient,
} from "@slack/web-api";
import type { SlackMessage } from "./blocks/message.js";
import { type PostResult, type SlackClient, SlackSendError, TRANSIENT_SLACK_ERRORS } from "./client.js";

export interface WebApiOptions {
  token: string;
  /** SLACK_API_URL; default https://slack.com/api/ (tests point it at loopback). */
  apiUrl?: string;
  timeoutMs?: number;
}

function codeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

/** Maps a WebClient error to a SlackSendError (exported for tests). */
export function classifyWebApiError(error: unknown): SlackSendError {
  const code = codeOf(error);
  if (code === ErrorCode.RateLimitedError) {
    const e = error as WebAPIRateLimitedError;
    return new SlackSendError("Slack rate limited the call", "retry", "ratelimited", e.retryAfter * 1000);
  }
  if (code === ErrorCode.PlatformError) {
    const slackCode = (error as WebAPIPlatformError).data.error;
    const kind = TRANSIENT_SLACK_ERRORS.has(slackCode) ? "retry" : "permanent";
    return new SlackSendError(`Slack refused the message: ${slackCode}`, kind, slackCode);
  }
  if (code === ErrorCode.HTTPError) {
    const e = error as WebAPIHTTPError;
    const kind = e.statusCode >= 500 || e.statusCode === 429 || e.statusCode === 408 ? "retry" : "permanent";
    return new SlackSendError(`Slack answered HTTP ${e.statusCode}`, kind, String(e.statusCode));
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
