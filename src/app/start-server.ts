/**
 * The server wiring: env → store → queue → probot → HTTP routes → workers, and graceful close.
 * src/server.ts is the process entry that calls it; tests and the bench start it directly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { AppCredentials, Env } from "../env.js";
import { hookDeliveriesApi } from "../github/hook-deliveries.js";
import type { Octokit } from "../github/octokit.js";
import { rateLimitGauge } from "../github/rate-limit-gauge.js";
import { createApp } from "../index.js";
import { persistDelivery } from "../intake/persist.js";
import { createWebhookRoute, sendJson } from "../intake/webhook-route.js";
import { instrumentQueue } from "../jobs/instrument.js";
import { JobRegistry } from "../jobs/registry.js";
import { createMetrics, type Metrics } from "../ops/metrics.js";
import { createOpsRoutes } from "../ops/routes.js";
import type { Queue } from "../queue/queue.js";
import { startRedeliverySweeper } from "../redelivery/schedule.js";
import type { Store } from "../store/store.js";
import { type Backends, openBackends } from "./backends.js";
import { DELIVERY_JOB, deliveryJobHandler } from "./delivery-job.js";
import { conditionalRequestCounter, createEtagCache } from "./etag-cache.js";
import { registerFeatures } from "./features.js";
import { createLogger, flushLogs } from "./logger.js";
import { createProbot } from "./probot.js";
import { waitForBackends } from "./wait-for-backends.js";

export interface JobSetup {
  jobs: JobRegistry;
  queue: Queue;
  store: Store;
  log: Logger;
}

export interface StartServerOptions {
  env: Env;
  /** Defaults to `env.credentials`; required (setup mode is `main`'s business). */
  credentials?: AppCredentials;
  log?: Logger;
  /** Registers job kinds besides `delivery` and the features' (tests add slow or failing kinds). */
  registerJobs?: (setup: JobSetup) => void;
  /** Register the product's job kinds (collect, judge, …). Off for tests that bring their own. Default true. */
  features?: boolean;
  /** Default Prometheus process metrics (off in tests that start many servers). */
  processMetrics?: boolean;
}

export interface RunningServer {
  url: string;
  webhookUrl: string;
  queue: Queue;
  store: Store;
  metrics: Metrics;
  log: Logger;
  /** Stop accepting, drain jobs up to the deadline, close the store. Idempotent. */
  close(deadlineMs?: number): Promise<void>;
}

/** Builds env → store → queue → probot → HTTP server and starts the workers. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { env } = options;
  const credentials = options.credentials ?? env.credentials;
  if (!credentials) {
    throw new Error(`missing ${env.missingCredentials.join(", ")}: run \`npm start\` to register the app`);
  }
  const log = options.log ?? createLogger(env.logLevel);
  let backends: Backends | undefined;
  const metrics = createMetrics({
    processMetrics: options.processMetrics,
    queueDepth: async () => (backends ? (await backends.queue.stats()).byState : {}),
  });

  // Listen first: while the database is not there yet, /health says alive and /ready says why not.
  let waitingFor = "opening the database";
  let routes: Route[] = [
    createOpsRoutes({
      registry: metrics.registry,
      accepting: () => true,
      checks: [{ name: "store", ping: () => Promise.reject(new Error(waitingFor)) }],
    }),
    async (req, res) => {
      if ((req.url ?? "").split("?")[0] !== env.webhookPath) return false;
      // GitHub records the failed delivery; the redelivery sweeper asks for it again once we are up.
      sendJson(res, 503, { error: "starting", reason: `database not available yet: ${waitingFor}` });
      return true;
    },
  ];
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal" });
      else res.destroy();
    });
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    for (const route of routes) if (await route(req, res)) return;
    sendJson(res, 404, { error: "not_found" });
  };
  server.keepAliveTimeout = 5_000;
  await listen(server, env.port, env.host);
  try {
    backends = await waitForBackends(() => openBackends(env, log), {
      onWaiting: (reason, attempt, retryInMs) => {
        waitingFor = reason;
        log.error(
          { reason, attempt, retryInMs },
          "database not available yet; /ready answers 503 until it is",
        );
      },
    });
  } catch (error) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  const { store, queue } = backends;
  const jobs = new JobRegistry();
  const probot = await createProbot({
    credentials,
    baseUrl: env.githubBaseUrl,
    requestTimeoutMs: env.githubTimeoutMs,
    redisUrl: env.redisUrl,
    onRateLimit: rateLimitGauge(metrics.registry),
    etagCache: createEtagCache({ onLookup: conditionalRequestCounter(metrics.registry) }),
    log,
    appFn: createApp({ enqueue: (request) => queue.enqueue(request), handles: (kind) => jobs.has(kind) }),
  });
  jobs.register(DELIVERY_JOB, deliveryJobHandler(probot, store.deliveries));
  const features =
    options.features === false
      ? undefined
      : registerFeatures({ env, probot, jobs, queue, store, metrics, log });
  // GitHub does not retry failed deliveries: ask it to redeliver those we never recorded (one replica).
  const sweeper =
    env.redeliverySweepMinutes > 0
      ? startRedeliverySweeper(
          {
            api: hookDeliveriesApi((await probot.auth()) as Octokit),
            deliveries: store.deliveries,
            state: store.state,
            lease: () => backends.lease("redelivery-sweep", 5 * 60_000),
            now: Date.now,
          },
          log.child({ name: "redelivery" }),
          env.redeliverySweepMinutes * 60_000,
        )
      : undefined;
  options.registerJobs?.({ jobs, queue, store, log });
  const stopInstrumenting = instrumentQueue(queue, metrics, store.deliveries, log);

  let accepting = true;
  routes = [
    createWebhookRoute({
      path: env.webhookPath,
      secret: credentials.secret,
      maxBytes: env.webhookMaxBytes,
      persist: persistDelivery(store.deliveries, queue),
      metrics,
      log: log.child({ name: "intake" }),
    }),
    createOpsRoutes({
      registry: metrics.registry,
      accepting: () => accepting,
      checks: [
        { name: "store", ping: () => store.ping() },
        { name: "queue", ping: () => queue.ping() },
      ],
    }),
  ];
  await queue.start((job) => jobs.dispatch(job, log), { concurrency: env.workerConcurrency });

  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info({ url, webhookPath: env.webhookPath, jobKinds: jobs.kinds() }, "tollgate listening");

  let closing: Promise<void> | undefined;
  const close = (deadlineMs = env.shutdownDeadlineMs) => {
    closing ??= (async () => {
      const started = Date.now();
      accepting = false;
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await sweeper?.stop();
      await queue.stop({ deadlineMs });
      const left = Math.max(0, deadlineMs - (Date.now() - started));
      const timer = setTimeout(() => server.closeAllConnections(), left);
      await httpClosed;
      clearTimeout(timer);
      stopInstrumenting();
      await features?.stop();
      await backends?.close();
      log.info({ durationMs: Date.now() - started }, "tollgate stopped");
    })();
    return closing;
  };
  return { url, webhookUrl: `${url}${env.webhookPath}`, queue, store, metrics, log, close };
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Shuts down on SIGTERM/SIGINT: exit 0 once drained, 1 if the deadline passes first. */
export function exitOnSignals(close: () => Promise<void>, deadlineMs: number, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, deadlineMs }, "shutting down");
    const force = setTimeout(() => {
      log.error({ deadlineMs }, "shutdown deadline passed; exiting");
      process.exit(1);
    }, deadlineMs + 2_000);
    force.unref();
    close().then(
      () => flushLogs(log).finally(() => process.exit(0)),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        flushLogs(log).finally(() => process.exit(1));
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
