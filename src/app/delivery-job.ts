import type { Probot } from "probot";
import { z } from "zod";
import type { KindHandler } from "../jobs/registry.js";
import { PermanentError, RetryLaterError } from "../queue/errors.js";
import type { Json } from "../queue/queue.js";
import type { DeliveryStore } from "../store/store.js";
import { classifyError } from "./classify-error.js";

/** The job intake enqueues for every verified delivery; its id is the X-GitHub-Delivery id. */
export const DELIVERY_JOB = "delivery";

export interface DeliveryJobPayload {
  [key: string]: Json;
  id: string;
  name: string;
  payload: { [key: string]: Json };
}

const payloadSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});

type WebhookEvent = Parameters<Probot["receive"]>[0];

/**
 * Runs the app's event handlers (src/index.ts) for one delivery, in a worker.
 * Transient failures (network, 5xx, 429, rate limits) are thrown for the queue to retry;
 * anything else is permanent and goes to the dead letters at once.
 */
export function deliveryJobHandler(probot: Probot, deliveries: DeliveryStore): KindHandler {
  return async (job, { log }) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentError(`delivery job payload is invalid: ${parsed.error.message}`);
    const { id, name } = parsed.data;
    await deliveries.mark(id, "processing");
    // The payload's shape is GitHub's contract for `name`, and its signature was verified at intake;
    // @octokit/webhooks' own verifyAndReceive hands the parsed JSON over the same way.
    const event = { id, name, payload: parsed.data.payload } as WebhookEvent;
    try {
      await probot.receive(event);
    } catch (error) {
      const verdict = classifyError(error);
      log.warn({ err: error, deliveryId: id, event: name, retry: verdict.retry }, "event handler failed");
      if (!verdict.retry) throw new PermanentError(verdict.reason, { cause: error });
      const waitMs = retryAfter(error);
      if (waitMs !== undefined) throw new RetryLaterError(verdict.reason, waitMs, { cause: error });
      throw error;
    }
    await deliveries.mark(id, "done");
  };
}

/** GitHub's Retry-After (seconds) or x-ratelimit-reset (epoch seconds), on the error or one inside it. */
function retryAfter(error: unknown): number | undefined {
  const errors = error instanceof AggregateError ? error.errors : [error];
  for (const inner of errors) {
    const headers = responseHeaders(inner);
    if (!headers) continue;
    const seconds = Number(headers["retry-after"]);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const reset = Number(headers["x-ratelimit-reset"]);
    if (headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset)) {
      return Math.max(0, reset * 1000 - Date.now());
    }
  }
  return undefined;
}

function responseHeaders(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== "object" || error === null || !("response" in error)) return undefined;
  const response = error.response;
  if (typeof response !== "object" || response === null || !("headers" in response)) return undefined;
  const headers = response.headers;
  return typeof headers === "object" && headers !== null ? { ...headers } : undefined;
}
