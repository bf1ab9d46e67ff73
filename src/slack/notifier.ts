// What features call to tell Slack something: checks the repo's `slack.notify` switch, picks the
// channel (the webhook's own, or the repo's `slack.channel` with the Web API), stores the message in
// the outbox and wakes the sender. Returns whether it queued something and, if not, why.
import type { TollgateConfig } from "../config/schema.js";
import type { SlackMessage } from "./blocks/message.js";
import type { SlackMode } from "./client.js";
import type { OutboxOp, SlackOutbox } from "./outbox.js";
import { WEBHOOK_CHANNEL } from "./webhook-client.js";

export type SlackEvent = TollgateConfig["slack"]["notify"][number];

export interface NotifyRequest {
  config: TollgateConfig;
  event: SlackEvent;
  op: OutboxOp;
  /** Logical message id for updates and thread replies, e.g. "deploy:owner/repo:123". */
  messageKey: string | null;
  message: SlackMessage;
}

export type NotifyResult =
  | { queued: true; id: number }
  | {
      queued: false;
      reason: "slack_not_configured" | "event_disabled" | "no_channel" | "unsupported_by_webhook";
    };

export interface SlackNotifier {
  /** null when neither SLACK_WEBHOOK_URL nor SLACK_BOT_TOKEN is set. */
  readonly mode: SlackMode | null;
  notify(request: NotifyRequest): Promise<NotifyResult>;
}

export function createSlackNotifier(options: {
  mode: SlackMode | null;
  outbox: SlackOutbox;
  now: () => Date;
  wake?: () => void;
}): SlackNotifier {
  return {
    mode: options.mode,
    async notify(request: NotifyRequest): Promise<NotifyResult> {
      if (options.mode === null) return { queued: false, reason: "slack_not_configured" };
      if (!request.config.slack.notify.includes(request.event))
        return { queued: false, reason: "event_disabled" };
      if (options.mode === "webhook" && request.op === "update")
        return { queued: false, reason: "unsupported_by_webhook" };
      const channel = options.mode === "webhook" ? WEBHOOK_CHANNEL : request.config.slack.channel;
      if (channel === null) return { queued: false, reason: "no_channel" };
      const id = await options.outbox.add(
        { channel, op: request.op, messageKey: request.messageKey, message: request.message },
        options.now(),
      );
      options.wake?.();
      return { queued: true, id };
    },
  };
}

/** A notifier that discards everything (Slack not configured). */
export const NO_SLACK: SlackNotifier = {
  mode: null,
  notify: async () => ({ queued: false, reason: "slack_not_configured" }),
};

/** Picks the adapter from the environment: the bot token wins over the webhook (it can do more). */
export function slackModeFromEnv(env: {
  botToken?: string | undefined;
  webhookUrl?: string | undefined;
}): SlackMode | null {
  if (env.botToken) return "web_api";
  if (env.webhookUrl) return "webhook";
  return null;
}
