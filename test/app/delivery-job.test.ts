import pino from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { deliveryJobHandler } from "../../src/app/delivery-job.js";
import { isPermanent, retryAfterMs } from "../../src/queue/errors.js";
import type { Job, Json } from "../../src/queue/queue.js";
import type { DeliveryStatus, DeliveryStore } from "../../src/store/store.js";
import { testPrivateKey } from "../support/app-env.js";
import { exampleEvent } from "../support/webhooks.js";

const log = pino({ level: "silent" });

function recordingDeliveries(marks: Array<[string, DeliveryStatus]>): DeliveryStore {
  return {
    record: async () => ({ inserted: true }),
    mark: async (id, status) => {
      marks.push([id, status]);
      return { updated: true };
    },
    get: async () => undefined,
    list: async () => [],
  };
}

function probotThrowing(error: unknown | undefined): Probot {
  const probot = new Probot({ appId: 1, privateKey: testPrivateKey(), secret: "s", log });
  probot.on("workflow_run.completed", async () => {
    if (error !== undefined) throw error;
  });
  return probot;
}

const job = (payload: Json): Job => ({
  id: "d-1",
  kind: "delivery",
  payload,
  key: null,
  attempt: 1,
  maxAttempts: 3,
  enqueuedAt: 0,
  signal: new AbortController().signal,
});
const deliveryPayload = {
  id: "d-1",
  name: "workflow_run",
  payload: exampleEvent("workflow_run", "completed") as Json,
};

const httpError = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, response: { headers } });

describe("delivery job", () => {
  it("runs the app's handlers and marks the delivery done", async () => {
    const marks: Array<[string, DeliveryStatus]> = [];
    await deliveryJobHandler(probotThrowing(undefined), recordingDeliveries(marks))(job(deliveryPayload), {
      log,
    });
    expect(marks).toEqual([
      ["d-1", "processing"],
      ["d-1", "done"],
    ]);
  });

  it.each([
    ["GitHub 502 → retried", httpError(502), false, undefined],
    [
      "rate limit with Retry-After → retried no sooner",
      httpError(429, { "retry-after": "30" }),
      false,
      30_000,
    ],
    ["404 → dead-lettered", httpError(404), true, undefined],
    ["a bug → dead-lettered", new TypeError("x is undefined"), true, undefined],
  ])("%s", async (_name, thrown, permanent, wait) => {
    const marks: Array<[string, DeliveryStatus]> = [];
    const run = deliveryJobHandler(probotThrowing(thrown), recordingDeliveries(marks));
    const error = await run(job(deliveryPayload), { log }).catch((e: unknown) => e);
    expect(isPermanent(error)).toBe(permanent);
    expect(retryAfterMs(error)).toBe(wait);
    expect(marks).toEqual([["d-1", "processing"]]);
  });

  it("an invalid job payload is permanent", async () => {
    const run = deliveryJobHandler(probotThrowing(undefined), recordingDeliveries([]));
    const error = await run(job({ id: 3 }), { log }).catch((e: unknown) => e);
    expect(isPermanent(error)).toBe(true);
  });
});
