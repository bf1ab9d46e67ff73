import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server.js";
import { testEnv } from "../support/app-env.js";
import { waitFor } from "../support/wait.js";
import {
  type Delivery,
  deliveryHeaders,
  exampleEvent,
  postDelivery,
  signBody,
  TEST_SECRET,
} from "../support/webhooks.js";

const workflowRun = JSON.stringify(exampleEvent("workflow_run", "completed"));
const delivery = (id: string, body = workflowRun, event = "workflow_run"): Delivery => ({ id, event, body });

let server: RunningServer;
const unmatched: string[] = [];
// nock reports every request it did not intercept; loopback ones are ours, anything else is a leak.
const onNoMatch = (req: { href?: string; hostname?: string }) => {
  const where = req.href ?? String(req.hostname);
  if (!/^https?:\/\/127\.0\.0\.1[:/]/.test(where) && req.hostname !== "127.0.0.1") unmatched.push(where);
};

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  nock.emitter.on("no match", onNoMatch);
});
afterAll(() => {
  nock.emitter.off("no match", onNoMatch);
  nock.enableNetConnect();
});

beforeEach(async () => {
  unmatched.length = 0;
  server = await startServer({ env: testEnv({ WEBHOOK_MAX_BYTES: "65536" }), processMetrics: false });
});
afterEach(async () => {
  await server.close(2_000);
});

async function nothingPersisted() {
  expect(await server.store.deliveries.list()).toEqual([]);
  expect((await server.queue.stats()).byState).toEqual({ pending: 0, running: 0, done: 0, dead: 0 });
}

describe("POST webhook: refused requests store nothing and call nobody", () => {
  const body = workflowRun;
  const good = deliveryHeaders(delivery("d-1"));
  const without = (name: string) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== name));
  const tampered = `${body.slice(0, -1)} }`;

  it.each([
    ["wrong secret", deliveryHeaders(delivery("d-1"), "not-the-secret"), body, 401, "signature_mismatch"],
    ["missing signature", without("x-hub-signature-256"), body, 401, "signature_missing"],
    ["tampered body", good, tampered, 401, "signature_mismatch"],
    [
      "signature over a different body",
      { ...good, "x-hub-signature-256": signBody(TEST_SECRET, "{}") },
      body,
      401,
      "signature_mismatch",
    ],
    [
      "sha1 signature format",
      { ...good, "x-hub-signature-256": "sha1=abc" },
      body,
      400,
      "signature_malformed",
    ],
    ["missing event header", without("x-github-event"), body, 400, "headers_missing"],
    ["missing delivery header", without("x-github-delivery"), body, 400, "headers_missing"],
    [
      "form-encoded content type",
      { ...good, "content-type": "application/x-www-form-urlencoded" },
      body,
      415,
      "unsupported_media_type",
    ],
    [
      "signed body that is not JSON",
      { ...good, "x-hub-signature-256": signBody(TEST_SECRET, "payload=oops") },
      "payload=oops",
      400,
      "body_not_json",
    ],
    [
      "signed JSON that is not an object",
      { ...good, "x-hub-signature-256": signBody(TEST_SECRET, "[1,2]") },
      "[1,2]",
      400,
      "body_not_json",
    ],
    [
      "oversized body",
      { ...good, "x-hub-signature-256": signBody(TEST_SECRET, "x".repeat(70_000)) },
      "x".repeat(70_000),
      413,
      "payload_too_large",
    ],
  ])("%s", async (_name, headers, sent, status, reason) => {
    const res = await fetch(server.webhookUrl, { method: "POST", headers, body: sent });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: reason });
    await nothingPersisted();
    const metrics = await server.metrics.registry.getSingleMetricAsString(
      "tollgate_deliveries_rejected_total",
    );
    expect(metrics).toContain(`tollgate_deliveries_rejected_total{reason="${reason}"} 1`);
    expect(unmatched).toEqual([]);
  });

  it("GET on the webhook path → 405", async () => {
    const res = await fetch(server.webhookUrl);
    expect(res.status).toBe(405);
    await nothingPersisted();
  });
});

it("the leak detector sees a request to GitHub (so the assertions above can fail)", async () => {
  await expect(fetch("https://api.github.com/app")).rejects.toThrow();
  expect(unmatched).toHaveLength(1);
});

describe("POST webhook: accepted deliveries", () => {
  it.each([
    ["workflow_run", exampleEvent("workflow_run", "completed")],
    ["pull_request", exampleEvent("pull_request", "opened")],
    ["issue_comment", exampleEvent("issue_comment", "created")],
    ["check_suite", exampleEvent("check_suite", "completed")],
    ["an_event_github_may_add_later", { action: "created", zen: "Keep it logically awesome." }],
  ])("real %s example → 202, recorded and enqueued, handled in a worker", async (event, payload) => {
    const d = { id: `id-${event}`, event, body: JSON.stringify(payload) };
    const res = await postDelivery(server.webhookUrl, d);
    expect(res).toEqual({ status: 202, body: { id: d.id, duplicate: false } });
    const recorded = await server.store.deliveries.get(d.id);
    expect(recorded).toMatchObject({ id: d.id, name: event });
    expect(await server.queue.getJob(d.id)).toMatchObject({ kind: "delivery" });
    await waitFor(async () => (await server.store.deliveries.get(d.id))?.status === "done", "delivery done");
    expect(unmatched).toEqual([]);
  });

  it("storage down → 503, nothing enqueued (GitHub shows the failure; redeliver later)", async () => {
    server.store.deliveries.record = () => Promise.reject(new Error("disk I/O error"));
    const res = await postDelivery(server.webhookUrl, delivery("down-1"));
    expect(res).toEqual({ status: 503, body: { error: "storage_unavailable" } });
    expect((await server.queue.stats()).byState.pending).toBe(0);
    expect(await server.queue.getJob("down-1")).toBeUndefined();
  });

  it("the same X-GitHub-Delivery twice runs once", async () => {
    const runs: string[] = [];
    await server.close(1_000);
    server = await startServer({
      env: testEnv(),
      processMetrics: false,
      features: false,
      registerJobs: ({ jobs }) => {
        jobs.register("collect", async (job) => {
          runs.push(job.id);
        });
      },
    });
    const d = delivery("same-id");
    const first = await postDelivery(server.webhookUrl, d);
    const second = await postDelivery(server.webhookUrl, d);
    expect(first).toEqual({ status: 202, body: { id: "same-id", duplicate: false } });
    expect(second).toEqual({ status: 202, body: { id: "same-id", duplicate: true } });
    await waitFor(
      async () => (await server.queue.getJob("collect:same-id"))?.state === "done",
      "collect done",
    );
    // a third, late redelivery after the job ran is still a no-op
    expect((await postDelivery(server.webhookUrl, d)).body).toEqual({ id: "same-id", duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).toEqual(["collect:same-id"]);
    expect((await server.queue.stats()).byKind.delivery?.done).toBe(1);
    expect(await server.store.deliveries.list()).toHaveLength(1);
  });
});
