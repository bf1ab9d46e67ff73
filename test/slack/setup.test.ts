// The process wiring: adapter chosen from the environment, the background sender woken by a notify,
// the metrics read from the outbox. Real timers, a few milliseconds.
import nock from "nock";
import pino from "pino";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerSlackMetrics } from "../../src/slack/metrics.js";
import { slackModeFromEnv } from "../../src/slack/notifier.js";
import { startSlack } from "../../src/slack/setup.js";
import {
  configWith,
  type DeployHarness,
  deployHarness,
  SLACK_API,
  SLACK_HOOK,
} from "../support/deploy-harness.js";

const log = pino({ level: "silent" });
let h: DeployHarness;
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  h = await deployHarness();
});
afterEach(() => {
  h.close();
  nock.cleanAll();
});

async function until(check: () => boolean | Promise<boolean>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("startSlack", () => {
  it.each([
    [{ botToken: "xoxb", webhookUrl: SLACK_HOOK }, "web_api"],
    [{ webhookUrl: SLACK_HOOK }, "webhook"],
    [{}, null],
  ])("mode from %j is %s", (env, mode) => {
    expect(slackModeFromEnv(env)).toBe(mode);
  });

  it("without Slack settings nothing is queued", async () => {
    const slack = startSlack({ env: {}, outbox: h.outbox, log });
    expect(
      await slack.notifier.notify({
        config: configWith({}),
        event: "deployment",
        op: "post",
        messageKey: null,
        message: { text: "x", blocks: [] },
      }),
    ).toEqual({ queued: false, reason: "slack_not_configured" });
    await slack.stop();
  });

  it("a notify wakes the sender: the message reaches SLACK_API_URL at once, and metrics count it", async () => {
    const registry = new Registry();
    const metrics = registerSlackMetrics(registry, h.outbox);
    let body: Record<string, unknown> | undefined;
    nock(SLACK_API.replace(/\/api\/$/, ""))
      .post("/api/chat.postMessage", (b: Record<string, unknown>) => {
        body = b;
        return true;
      })
      .reply(200, { ok: true, channel: "C1", ts: "9.9" });
    const slack = startSlack({
      env: { botToken: "xoxb-1", apiUrl: SLACK_API },
      outbox: h.outbox,
      log,
      onAttempt: metrics.onAttempt,
    });
    try {
      await slack.notifier.notify({
        config: configWith({ slack: { channel: "#c" } }),
        event: "deployment",
        op: "post",
        messageKey: null,
        message: { text: "hi", blocks: [] },
      });
      await until(async () => (await h.outbox.counts()).sent === 1);
    } finally {
      await slack.stop();
    }
    expect(body).toMatchObject({ channel: "#c", text: "hi" });
    const text = await registry.metrics();
    expect(text).toContain('tollgate_slack_sends_total{outcome="sent"} 1');
    expect(text).toContain('tollgate_slack_outbox_messages{state="sent"} 1');
  });

  it("prunes finished entries past the retention, never pending ones", async () => {
    const now = new Date(h.clock.now);
    const id = await h.outbox.add(
      { channel: "c", op: "post", messageKey: null, message: { text: "a", blocks: [] } },
      now,
    );
    await h.outbox.add(
      { channel: "c", op: "post", messageKey: null, message: { text: "b", blocks: [] } },
      now,
    );
    await h.outbox.markSent(id, now);
    expect(await h.outbox.prune(new Date(h.clock.now + 1))).toBe(1);
    expect(await h.outbox.counts()).toMatchObject({ sent: 0, pending: 1 });
  });
});
