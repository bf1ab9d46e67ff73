// The Slack outbox at HTTP level: Slack's Web API and an incoming webhook mocked with nock using the
// response shapes Slack documents ({ok: true, channel, ts}, {ok: false, error}, 429 + Retry-After).
// The clock is injected: "waiting" is advancing it, never sleeping.
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deploymentJob, deploymentStatusJob } from "../../src/deploy/events.js";
import { onDeploymentCreated, onDeploymentStatus } from "../../src/deploy/record-deployment.js";
import type { SlackMessage } from "../../src/slack/blocks/message.js";
import { createSlackNotifier } from "../../src/slack/notifier.js";
import { createWebApiClient } from "../../src/slack/web-client.js";
import { createWebhookClient } from "../../src/slack/webhook-client.js";
import {
  configWith,
  type DeployHarness,
  deployHarness,
  SLACK_API,
  SLACK_HOOK,
} from "../support/deploy-harness.js";
import { deploymentPayload, deploymentStatusPayload } from "../support/deploy-payloads.js";

const api = () => nock(SLACK_API.replace(/\/api\/$/, ""));
const web = () => createWebApiClient({ token: "xoxb-test", apiUrl: SLACK_API });
const hook = new URL(SLACK_HOOK);

let h: DeployHarness;
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  h = await deployHarness();
  h.config.current = { ok: true, config: configWith({ slack: { channel: "#deploys" } }), files: [] };
});
afterEach(() => {
  h.close();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

type Body = Record<string, unknown>;
const ok = (ts: string) => ({ ok: true, channel: "C0DEPLOYS", ts, message: { ts } });
const textOf = (b: Body) => String(b.text);

function message(text: string): SlackMessage {
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

async function queue(texts: string[], channel = "#deploys") {
  const notifier = createSlackNotifier({
    mode: "web_api",
    outbox: h.outbox,
    now: () => new Date(h.clock.now),
  });
  const config = configWith({ slack: { channel } });
  for (const t of texts)
    await notifier.notify({ config, event: "deployment", op: "post", messageKey: null, message: message(t) });
}

describe("one deployment, Web API: one message posted then updated in place", () => {
  it("post (created) → update (in_progress) → update (success), same ts", async () => {
    h.withSlack("web_api");
    const sender = h.sender(web());
    const calls: [string, Body][] = [];
    api()
      .post("/api/chat.postMessage", (b: Body) => calls.push(["post", b]) > 0)
      .reply(200, ok("1700000000.000100"))
      .post("/api/chat.update", (b: Body) => calls.push(["update", b]) > 0)
      .times(2)
      .reply(200, ok("1700000000.000100"));

    const created = deploymentJob(deploymentPayload() as never);
    if (!created) throw new Error("no job");
    await onDeploymentCreated(h.deps, created);
    await sender.drainOnce();
    for (const [state, minute] of [
      ["in_progress", "21"],
      ["success", "24"],
    ] as const) {
      h.clock.now += 1500;
      const job = deploymentStatusJob(
        deploymentStatusPayload(state, { at: `2019-05-15T15:${minute}:00Z` }) as never,
      );
      if (!job) throw new Error("no job");
      await onDeploymentStatus(h.deps, job);
      await sender.drainOnce();
    }
    expect(calls.map(([op]) => op)).toEqual(["post", "update", "update"]);
    expect(calls[1]?.[1]).toMatchObject({ channel: "C0DEPLOYS", ts: "1700000000.000100" });
    expect(calls[2]?.[1]).toMatchObject({ channel: "C0DEPLOYS", ts: "1700000000.000100" });
    expect(textOf(calls[0]?.[1] ?? {})).toContain("production: deploy requested");
    expect(textOf(calls[1]?.[1] ?? {})).toContain("deploy in progress");
    // The Web API takes attachments form-encoded as a JSON string.
    const [attachment] = JSON.parse(String(calls[2]?.[1]?.attachments)) as {
      color: string;
      blocks: unknown[];
    }[];
    expect(attachment?.color).toBe("#2eb886");
    const last = JSON.stringify(attachment?.blocks);
    expect(last).toContain("deploy succeeded");
    expect(last).toContain(JSON.stringify("*Duration*\n3m 0s"));
    expect(last).toContain(
      "<https://github.com/Codertocat/Hello-World/commit/f95f852bd8fca8fcc58a9a2d6c842781e32a215e|f95f852>",
    );
    expect(await h.outbox.counts()).toMatchObject({ pending: 0, sent: 3, failed: 0 });
  });

  it("a failure adds a thread reply with the log link; a redelivered status sends nothing", async () => {
    h.withSlack("web_api");
    const sender = h.sender(web());
    const calls: [string, Body][] = [];
    api()
      .post("/api/chat.postMessage", (b: Body) => calls.push(["post", b]) > 0)
      .reply(200, ok("1.1"))
      .post("/api/chat.update", (b: Body) => calls.push(["update", b]) > 0)
      .reply(200, ok("1.1"))
      .post("/api/chat.postMessage", (b: Body) => calls.push(["reply", b]) > 0)
      .reply(200, ok("1.2"));
    const created = deploymentJob(deploymentPayload() as never);
    if (!created) throw new Error("no job");
    await onDeploymentCreated(h.deps, created);
    const failed = deploymentStatusJob(
      deploymentStatusPayload("failure", {
        logUrl: "https://github.com/Codertocat/Hello-World/actions/runs/99",
      }) as never,
    );
    if (!failed) throw new Error("no job");
    await onDeploymentStatus(h.deps, failed);
    expect((await onDeploymentStatus(h.deps, failed)).notified).toBe(0);
    for (let i = 0; i < 3; i++) {
      await sender.drainOnce();
      h.clock.now += 1000;
    }
    expect(calls.map(([op]) => op)).toEqual(["post", "update", "reply"]);
    expect(calls[2]?.[1]).toMatchObject({ thread_ts: "1.1" });
    expect(textOf(calls[2]?.[1] ?? {})).toContain(
      "<https://github.com/Codertocat/Hello-World/actions/runs/99|the deployment log>",
    );
  });

  it("updates queued during an outage collapse into the newest one", async () => {
    h.withSlack("web_api");
    const sender = h.sender(web());
    const calls: string[] = [];
    api()
      .post("/api/chat.postMessage", () => calls.push("post") > 0)
      .reply(200, ok("1.1"))
      .post("/api/chat.update", (b: Body) => calls.push(`update:${textOf(b).includes("succeeded")}`) > 0)
      .reply(200, ok("1.1"));
    const created = deploymentJob(deploymentPayload() as never);
    if (!created) throw new Error("no job");
    await onDeploymentCreated(h.deps, created);
    for (const state of ["queued", "in_progress", "success"]) {
      const job = deploymentStatusJob(deploymentStatusPayload(state) as never);
      if (job) await onDeploymentStatus(h.deps, job);
    }
    for (let i = 0; i < 5; i++) {
      await sender.drainOnce();
      h.clock.now += 1000;
    }
    expect(calls).toEqual(["post", "update:true"]);
    expect(await h.outbox.counts()).toMatchObject({ sent: 2, superseded: 2 });
  });

  it("with a webhook, only terminal states are posted", async () => {
    h.withSlack("webhook");
    const sender = h.sender(createWebhookClient(SLACK_HOOK));
    const bodies: Body[] = [];
    nock(hook.origin)
      .post(hook.pathname, (b: Body) => bodies.push(b) > 0)
      .reply(200, "ok");
    const created = deploymentJob(deploymentPayload() as never);
    if (!created) throw new Error("no job");
    await onDeploymentCreated(h.deps, created);
    for (const state of ["queued", "in_progress", "success"]) {
      const job = deploymentStatusJob(deploymentStatusPayload(state) as never);
      if (job) await onDeploymentStatus(h.deps, job);
      await sender.drainOnce();
      h.clock.now += 1000;
    }
    expect(bodies).toHaveLength(1);
    expect(textOf(bodies[0] ?? {})).toContain("deploy succeeded");
  });
});

describe("retries, pacing and permanent errors", () => {
  it("429 with Retry-After: waits that long, then the message arrives exactly once", async () => {
    await queue(["hello"]);
    const sender = h.sender(web());
    let posts = 0;
    api()
      .post("/api/chat.postMessage")
      .reply(429, { ok: false, error: "ratelimited" }, { "Retry-After": "3" });
    const first = await sender.drainOnce();
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    expect(first.nextDueAt?.getTime()).toBe(h.clock.now + 3000);
    h.clock.now += 2999;
    expect(await sender.drainOnce()).toMatchObject({ sent: 0, retried: 0 });
    h.clock.now += 1;
    api()
      .post("/api/chat.postMessage", () => ++posts > 0)
      .reply(200, ok("2.1"));
    expect(await sender.drainOnce()).toMatchObject({ sent: 1 });
    h.clock.now += 60_000;
    expect(await sender.drainOnce()).toMatchObject({ sent: 0, retried: 0, nextDueAt: null });
    expect(posts).toBe(1);
  });

  it("Slack down for a while: nothing dropped, everything delivered in order once it is back", async () => {
    await queue(["m1", "m2", "m3", "m4"]);
    const sender = h.sender(web());
    api().post("/api/chat.postMessage").times(6).reply(503, "upstream connect error");
    for (let i = 0; i < 6; i++) {
      const r = await sender.drainOnce();
      expect(r.sent).toBe(0);
      h.clock.now = r.nextDueAt?.getTime() ?? h.clock.now;
    }
    const entry = (await h.outbox.heads())[0];
    expect(entry).toMatchObject({ message: { text: "m1" }, attempts: 6 });
    const delivered: string[] = [];
    api()
      .post("/api/chat.postMessage", (b: Body) => delivered.push(textOf(b)) > 0)
      .times(4)
      .reply(200, ok("3.1"));
    for (let i = 0; i < 10 && delivered.length < 4; i++) {
      const r = await sender.drainOnce();
      expect(r.sent).toBeLessThanOrEqual(1); // one per channel per pass, a second apart
      h.clock.now = r.nextDueAt?.getTime() ?? h.clock.now;
    }
    expect(delivered).toEqual(["m1", "m2", "m3", "m4"]);
    expect(await h.outbox.counts()).toMatchObject({ pending: 0, sent: 4 });
  });

  it("backs off exponentially up to the cap, never giving up", async () => {
    await queue(["x"]);
    const sender = h.sender(web());
    api()
      .post("/api/chat.postMessage")
      .times(10)
      // Refused: never sent, so no lookup before the next try (a reset would ask for history first).
      .replyWithError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = h.clock.now;
      const r = await sender.drainOnce();
      const next = r.nextDueAt?.getTime() ?? before;
      waits.push(next - before);
      h.clock.now = next;
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000]);
    expect(await h.outbox.counts()).toMatchObject({ pending: 1 });
  });

  it("paces one channel to a message per second; other channels are not held back", async () => {
    await queue(["a1", "a2"], "#a");
    await queue(["b1"], "#b");
    const sender = h.sender(web());
    const seen: string[] = [];
    api()
      .post("/api/chat.postMessage", (b: Body) => seen.push(textOf(b)) > 0)
      .times(3)
      .reply(200, ok("4.1"));
    const r1 = await sender.drainOnce();
    expect(r1.sent).toBe(2);
    expect(seen.sort()).toEqual(["a1", "b1"]);
    h.clock.now += 999;
    expect((await sender.drainOnce()).sent).toBe(0);
    h.clock.now += 1;
    expect((await sender.drainOnce()).sent).toBe(1);
    expect(seen).toContain("a2");
  });

  it("a permanent error (channel_not_found) fails that message once, shows in the metric hook, and the channel moves on", async () => {
    await queue(["lost", "next"]);
    let permanent = 0;
    const sender = h.sender(web(), { onPermanent: () => permanent++ });
    api()
      .post("/api/chat.postMessage")
      .reply(200, { ok: false, error: "channel_not_found" })
      .post("/api/chat.postMessage")
      .reply(200, ok("5.1"));
    expect(await sender.drainOnce()).toMatchObject({ failed: 1, retried: 0 });
    h.clock.now += 1000;
    expect(await sender.drainOnce()).toMatchObject({ sent: 1 });
    h.clock.now += 3_600_000;
    expect(await sender.drainOnce()).toMatchObject({ sent: 0, failed: 0 });
    expect(permanent).toBe(1);
    expect(await h.outbox.counts()).toMatchObject({ failed: 1, sent: 1, pending: 0 });
  });

  it.each([
    ["invalid_auth", "permanent"],
    ["token_revoked", "permanent"],
    ["internal_error", "retry"],
  ])("Web API error %s is %s", async (error, kind) => {
    await queue(["x"]);
    const sender = h.sender(web());
    api().post("/api/chat.postMessage").reply(200, { ok: false, error });
    const r = await sender.drainOnce();
    expect(kind === "permanent" ? r.failed : r.retried).toBe(1);
  });

  it("webhook: 429 honours Retry-After, a revoked URL (404 no_service) is permanent", async () => {
    const notifier = createSlackNotifier({
      mode: "webhook",
      outbox: h.outbox,
      now: () => new Date(h.clock.now),
    });
    const config = configWith({});
    await notifier.notify({
      config,
      event: "automerge",
      op: "post",
      messageKey: null,
      message: message("one"),
    });
    const sender = h.sender(createWebhookClient(SLACK_HOOK));
    nock(hook.origin).post(hook.pathname).reply(429, "rate_limited", { "Retry-After": "7" });
    expect((await sender.drainOnce()).nextDueAt?.getTime()).toBe(h.clock.now + 7000);
    h.clock.now += 7000;
    nock(hook.origin).post(hook.pathname).reply(404, "no_service");
    expect(await sender.drainOnce()).toMatchObject({ failed: 1 });
  });
});

describe("the notifier", () => {
  it("respects slack.notify, needs a channel with the Web API, and never updates through a webhook", async () => {
    const now = () => new Date(h.clock.now);
    const webApi = createSlackNotifier({ mode: "web_api", outbox: h.outbox, now });
    const hookN = createSlackNotifier({ mode: "webhook", outbox: h.outbox, now });
    const m = message("x");
    const off = configWith({ slack: { channel: "#c", notify: ["automerge"] } });
    expect(
      await webApi.notify({ config: off, event: "deployment", op: "post", messageKey: null, message: m }),
    ).toEqual({ queued: false, reason: "event_disabled" });
    expect(
      await webApi.notify({
        config: configWith({}),
        event: "deployment",
        op: "post",
        messageKey: null,
        message: m,
      }),
    ).toEqual({ queued: false, reason: "no_channel" });
    expect(
      await hookN.notify({
        config: configWith({}),
        event: "deployment",
        op: "update",
        messageKey: "k",
        message: m,
      }),
    ).toEqual({ queued: false, reason: "unsupported_by_webhook" });
    expect(
      await hookN.notify({
        config: configWith({}),
        event: "deployment",
        op: "post",
        messageKey: null,
        message: m,
      }),
    ).toMatchObject({ queued: true });
  });
});
