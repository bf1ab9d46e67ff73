import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type JobOutcome = "completed" | "retry" | "dead" | "failed";

export interface Metrics {
  registry: Registry;
  deliveriesReceived: Counter<"event">;
  deliveriesRejected: Counter<"reason">;
  jobs: Counter<"kind" | "outcome">;
  jobDuration: Histogram<"kind">;
  queueDepth: Gauge<"state">;
}

export interface MetricsOptions {
  /** Read at scrape time; keys become the `state` label (e.g. pending, running, dead). */
  queueDepth: () => Promise<Record<string, number>> | Record<string, number>;
  /** Node process metrics (CPU, memory, event loop lag). On by default. */
  processMetrics?: boolean;
}

/** One registry per server instance, so tests can run several servers in one process. */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "tollgate_" });
  const deliveriesReceived = new Counter({
    name: "tollgate_deliveries_received_total",
    help: "Webhook deliveries verified and persisted, by event name",
    labelNames: ["event"],
    registers: [registry],
  });
  const deliveriesRejected = new Counter({
    name: "tollgate_deliveries_rejected_total",
    help: "Webhook requests refused before anything was stored, by reason",
    labelNames: ["reason"],
    registers: [registry],
  });
  const jobs = new Counter({
    name: "tollgate_jobs_total",
    help: "Job attempts by kind and outcome (completed, retry, dead, failed)",
    labelNames: ["kind", "outcome"],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: "tollgate_job_duration_seconds",
    help: "Time a job attempt spent in its handler",
    labelNames: ["kind"],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: "tollgate_queue_depth",
    help: "Jobs in the queue by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const depth = await options.queueDepth();
      this.reset();
      for (const [state, count] of Object.entries(depth)) this.set({ state }, count);
    },
  });
  return { registry, deliveriesReceived, deliveriesRejected, jobs, jobDuration, queueDepth };
}
