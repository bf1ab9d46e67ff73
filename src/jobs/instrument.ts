import type { Logger } from "pino";
import { DELIVERY_JOB } from "../app/delivery-job.js";
import type { Metrics } from "../ops/metrics.js";
import { describeError } from "../queue/errors.js";
import type { Queue } from "../queue/queue.js";
import type { DeliveryStore } from "../store/store.js";
import { throttleRepeats } from "./log-throttle.js";

/**
 * Wires queue events to Prometheus, logs and the delivery audit, in one place.
 * Returns the unsubscribe function.
 */
export function instrumentQueue(queue: Queue, metrics: Metrics, deliveries: DeliveryStore, log: Logger) {
  // Every Redis client of the queue reports each failed reconnect during an outage.
  const repeats = throttleRepeats(30_000);
  const markDelivery = (kind: string, id: string, status: "failed" | "dead", error: unknown) => {
    if (kind !== DELIVERY_JOB) return;
    deliveries.mark(id, status, describeError(error)).catch((err: unknown) => {
      log.error({ err, deliveryId: id }, "could not update the delivery audit");
    });
  };
  const off = [
    queue.on("completed", ({ job, durationMs }) => {
      metrics.jobs.inc({ kind: job.kind, outcome: "completed" });
      metrics.jobDuration.observe({ kind: job.kind }, durationMs / 1000);
      log.info({ jobId: job.id, kind: job.kind, attempt: job.attempt, durationMs }, "job completed");
    }),
    queue.on("failed", ({ job, durationMs }) => {
      metrics.jobs.inc({ kind: job.kind, outcome: "failed" });
      metrics.jobDuration.observe({ kind: job.kind }, durationMs / 1000);
    }),
    queue.on("retrying", ({ job, error, delayMs }) => {
      metrics.jobs.inc({ kind: job.kind, outcome: "retry" });
      log.warn(
        { jobId: job.id, kind: job.kind, attempt: job.attempt, delayMs, err: error },
        "job will retry",
      );
      markDelivery(job.kind, job.id, "failed", error);
    }),
    queue.on("dead", ({ job, error, reason }) => {
      metrics.jobs.inc({ kind: job.kind, outcome: "dead" });
      log.error(
        { jobId: job.id, kind: job.kind, attempt: job.attempt, reason, err: error },
        "job dead-lettered",
      );
      markDelivery(job.kind, job.id, "dead", error);
    }),
    queue.on("released", ({ job }) => {
      log.warn({ jobId: job.id, kind: job.kind }, "job released at shutdown; it will run again");
    }),
    queue.on("leaseLost", ({ job }) => {
      log.warn({ jobId: job.id, kind: job.kind }, "job finished after losing its lease; result discarded");
    }),
    queue.on("error", ({ error }) => {
      const message = error instanceof Error ? error.message : String(error);
      repeats(message, (suppressed) =>
        log.error({ err: error, ...(suppressed > 0 ? { suppressed } : {}) }, "queue dispatch error"),
      );
    }),
  ];
  return () => {
    for (const unsubscribe of off) unsubscribe();
  };
}
