// Prometheus metrics for the Slack outbox, registered on the server's registry: attempts by outcome
// (a permanently refused message counts once, as `failed`) and the outbox's rows by state, read at
// scrape time (pending = messages waiting through an outage; failed = refused for good).
import { Counter, Gauge, type Registry } from "prom-client";
import type { SlackOutbox } from "./outbox.js";
import type { SenderOptions } from "./sender.js";

export interface SlackMetrics {
  onAttempt: NonNullable<SenderOptions["onAttempt"]>;
}

export function registerSlackMetrics(registry: Registry, outbox: SlackOutbox): SlackMetrics {
  const attempts = new Counter({
    name: "tollgate_slack_sends_total",
    help: "Slack send attempts by outcome (sent, retry, failed = refused for good, superseded)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  new Gauge({
    name: "tollgate_slack_outbox_messages",
    help: "Slack outbox entries by state (pending waits for Slack; failed were refused for good)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const counts = await outbox.counts();
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  return { onAttempt: (outcome) => attempts.inc({ outcome }) };
}
