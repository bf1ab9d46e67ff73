import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server.js";
import { testEnv } from "../support/app-env.js";
import { waitFor } from "../support/wait.js";
import { exampleEvent, postDelivery } from "../support/webhooks.js";

let server: RunningServer;
beforeEach(async () => {
  server = await startServer({ env: testEnv() });
});
afterEach(async () => {
  await server.close(1_000);
});

describe("operations endpoints", () => {
  it("GET /health → 200", async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /ready → 200 while store and queue answer, 503 naming the failing one", async () => {
    const ok = await fetch(`${server.url}/ready`);
    expect(ok.status).toBe(200);
    server.store.ping = () => Promise.reject(new Error("database is locked"));
    const down = await fetch(`${server.url}/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "not_ready", reasons: ["store: database is locked"] });
  });

  it("unknown paths → 404", async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it("GET /metrics: Prometheus text with the tollgate series, counters move", async () => {
    const before = await (await fetch(`${server.url}/metrics`)).text();
    for (const name of [
      "tollgate_deliveries_received_total",
      "tollgate_deliveries_rejected_total",
      "tollgate_jobs_total",
      "tollgate_job_duration_seconds",
      "tollgate_queue_depth",
      "tollgate_process_cpu_seconds_total",
    ]) {
      expect(before).toContain(`# TYPE ${name}`);
    }
    expect(before).toContain('tollgate_queue_depth{state="pending"} 0');

    const body = JSON.stringify(exampleEvent("pull_request", "opened"));
    await postDelivery(server.webhookUrl, { id: "m-1", event: "pull_request", body });
    await fetch(server.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
    await waitFor(async () => (await server.store.deliveries.get("m-1"))?.status === "done", "delivery done");

    const after = await waitFor(async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return text.includes('tollgate_jobs_total{kind="delivery",outcome="completed"} 1') && text;
    }, "job metrics");
    expect(after).toContain('tollgate_deliveries_received_total{event="pull_request"} 1');
    expect(after).toContain('tollgate_deliveries_rejected_total{reason="signature_missing"} 1');
    expect(after).toContain('tollgate_job_duration_seconds_count{kind="delivery"} 1');
    expect(after).toContain('tollgate_queue_depth{state="done"} 1');
  });
});
