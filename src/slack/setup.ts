// Process wiring for Slack, in one place for server.ts: the adapter chosen by the environment
// (SLACK_BOT_TOKEN → Web API with SLACK_API_URL; else SLACK_WEBHOOK_URL → webhook; else none),
// the outbox on the store's database, the notifier features call, and the background sender.
import type { Logger } from "pino";
import type { SlackClient } from "./client.js";
import { createSlackNotifier, NO_SLACK, type SlackNotifier, slackModeFromEnv } from "./notifier.js";
import type { SlackOutbox } from "./outbox.js";
import { OutboxSender, type RunningSender, type SenderOptions, startOutboxSender } from "./sender.js";
import { createWebApiClient } from "./web-client.js";
import { createWebhookClient } from "./webhook-client.js";

/** `Env["slack"]` (src/env.ts): SLACK_BOT_TOKEN, SLACK_WEBHOOK_URL, SLACK_API_URL. */
export interface SlackEnv {
  botToken?: string | undefined;
  webhookUrl?: string | undefined;
  apiUrl?: string | undefined;
}

export interface SlackRuntime {
  notifier: SlackNotifier;
  /** Stops the background sender (before closing the store). */
  stop(): Promise<void>;
}

export function clientFromEnv(env: SlackEnv, log?: Logger): SlackClient | null {
  const mode = slackModeFromEnv(env);
  if (mode === "web_api" && env.botToken)
    return createWebApiClient({
      token: env.botToken,
      ...(env.apiUrl ? { apiUrl: env.apiUrl } : {}),
      ...(log ? { log } : {}),
    });
  if (mode === "webhook" && env.webhookUrl) return createWebhookClient(env.webhookUrl);
  return null;
}

export function startSlack(options: {
  env: SlackEnv;
  outbox: SlackOutbox;
  log: Logger;
  now?: () => Date;
  onPermanent?: SenderOptions["onPermanent"];
  onAttempt?: SenderOptions["onAttempt"];
}): SlackRuntime {
  const client = clientFromEnv(options.env, options.log);
  if (!client) {
    options.log.info("Slack not configured (no SLACK_BOT_TOKEN or SLACK_WEBHOOK_URL)");
    return { notifier: NO_SLACK, stop: async () => {} };
  }
  const now = options.now ?? (() => new Date());
  const sender = new OutboxSender({
    outbox: options.outbox,
    client,
    now,
    log: options.log,
    ...(options.onPermanent ? { onPermanent: options.onPermanent } : {}),
    ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
  });
  const running: RunningSender = startOutboxSender(sender, options.log, {
    prune: (before) => options.outbox.prune(before),
  });
  options.log.info({ mode: client.mode }, "Slack outbox sender started");
  return {
    notifier: createSlackNotifier({ mode: client.mode, outbox: options.outbox, now, wake: running.wake }),
    stop: () => running.stop(),
  };
}
