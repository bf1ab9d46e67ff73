import { DELIVERY_JOB, type DeliveryJobPayload } from "../app/delivery-job.js";
import { withTimeout } from "../ops/with-timeout.js";
import type { Queue } from "../queue/queue.js";
import type { DeliveryStore } from "../store/store.js";
import type { PersistDelivery } from "./webhook-route.js";

/**
 * A queue that does not answer (Redis down: ioredis holds commands until it reconnects) must not hold
 * the request past GitHub's 10 s: after this long intake answers 503, the delivery stays `received`,
 * and the redelivery sweeper asks GitHub for it again (a job enqueued late is deduplicated by its id).
 */
export const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * Audit first, then the job: a crash between the two leaves a `received` delivery and no 2xx,
 * so GitHub's redelivery (same id) enqueues it. The queue's idempotent id decides whether it
 * runs: the same X-GitHub-Delivery twice runs once.
 */
export function persistDelivery(
  deliveries: DeliveryStore,
  queue: Pick<Queue, "enqueue">,
  enqueueTimeoutMs = ENQUEUE_TIMEOUT_MS,
): PersistDelivery {
  return async (delivery) => {
    const action = delivery.payload.action;
    const installation = delivery.payload.installation;
    const installationId =
      typeof installation === "object" && installation !== null && !Array.isArray(installation)
        ? installation.id
        : undefined;
    await deliveries.record({
      id: delivery.id,
      name: delivery.name,
      action: typeof action === "string" ? action : null,
      installationId: typeof installationId === "number" ? installationId : null,
      repo: delivery.repo ?? null,
      receivedAt: new Date(),
      status: "received",
    });
    const payload: DeliveryJobPayload = { id: delivery.id, name: delivery.name, payload: delivery.payload };
    const result = await withTimeout(
      queue.enqueue({ kind: DELIVERY_JOB, id: delivery.id, payload }),
      enqueueTimeoutMs,
      `the queue did not accept the delivery within ${enqueueTimeoutMs} ms`,
    );
    return { duplicate: result.deduped };
  };
}
