// The incoming-webhook adapter: @slack/webhook's IncomingWebhook (no retries of its own). The
// webhook URL fixes the channel; there is no ts, so no updates and no threads. The library's HTTP
// error does not carry headers, so a fetch wrapper keeps the 429's Retry-After for the outbox.
import { type FetchFunction, IncomingWebhook } from "@slack/webhook";
import type { SlackMessage } from "./blocks/message.js";
import { type PostResult, retryAfterHeader, type SlackClient, SlackSendError } from "./client.js";
import { content } from "./web-client.js";

/** The outbox's channel name for the webhook (pacing and ordering key). */
export const WEBHOOK_CHANNEL = "webhook";

/** Webhook answers (plain text) that mean the URL or channel is gone for good. */
const PERMANENT_BODIES = [
  "invalid_token",
  "no_service",
  "no_service_id",
  "no_team",
  "team_disabled",
  "channel_not_found",
  "channel_is_archived",
  "action_prohibited",
  "posting_to_general_channel_denied",
];

function statusOf(error: unknown): { status: number; body: string } | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { statusCode?: unknown; body?: unknown };
  return typeof e.statusCode === "number" ? { status: e.statusCode, body: String(e.body ?? "") } : undefined;
}

export function createWebhookClient(url: string, options: { timeoutMs?: number } = {}): SlackClient {
  return {
    mode: "webhook",
    async post(_channel: string, message: SlackMessage): Promise<PostResult> {
      let retryAfter: number | undefined;
      const fetchFn: FetchFunction = async (input, init) => {
        const res = await fetch(input, init);
        if (res.status === 429) retryAfter = retryAfterHeader(res.headers.get("retry-after"));
        return res;
      };
      const webhook = new IncomingWebhook(url, {
        fetch: fetchFn,
        timeout: options.timeoutMs ?? 10_000,
        retryConfig: { retries: 0 },
      });
      try {
        await webhook.send({ ...content(message), unfurl_links: false });
        return { ts: null, channel: null };
      } catch (error) {
        const http = statusOf(error);
        if (!http) {
          const text = error instanceof Error ? error.message : String(error);
          throw new SlackSendError(`Slack webhook unreachable: ${text}`, "retry", "request_error");
        }
        if (http.status === 429)
          throw new SlackSendError("Slack webhook rate limited", "retry", "429", retryAfter);
        if (http.status >= 500 || http.status === 408)
          throw new SlackSendError(
            `Slack webhook answered HTTP ${http.status}`,
            "retry",
            String(http.status),
          );
        const code = PERMANENT_BODIES.find((b) => http.body.includes(b)) ?? String(http.status);
        throw new SlackSendError(`Slack webhook refused the message: ${code}`, "permanent", code);
      }
    },
    async update(): Promise<void> {
      throw new SlackSendError("an incoming webhook cannot update messages", "permanent", "unsupported");
    },
  };
}
