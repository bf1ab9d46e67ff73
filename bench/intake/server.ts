/**
 * The server under test for bench/intake.ts (bundled to bench/out/intake-server.mjs, run on plain node), in its own process. MODE=tollgate: the real server
 * (verify, record, enqueue, answer; a worker later runs the app and a "collect" job that waits
 * WORK_MIN_MS..WORK_MAX_MS like a GitHub call). MODE=probot: a plain Probot app through Probot's
 * own createNodeMiddleware, whose handler does the same wait *before* the answer (Probot's default).
 * Prints {"benchUrl": …} on stdout when listening.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot } from "probot";
import { createLogger } from "../../src/app/logger.js";
import { exitOnSignals, startServer } from "../../src/app/start-server.js";
import { loadEnv } from "../../src/env.js";

const workMin = Number(process.env.WORK_MIN_MS ?? "50");
const workMax = Number(process.env.WORK_MAX_MS ?? "150");
const simulatedGitHubCall = () =>
  new Promise((resolve) => setTimeout(resolve, workMin + Math.random() * (workMax - workMin)));

const env = loadEnv();
const credentials = env.credentials;
if (!credentials) throw new Error("bench server needs APP_ID, PRIVATE_KEY and WEBHOOK_SECRET");

if (process.env.MODE === "probot") {
  const log = createLogger(env.logLevel);
  const probot = new Probot({
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    secret: credentials.secret,
    log,
  });
  const middleware = await createNodeMiddleware(
    (app) => {
      app.on("workflow_run.completed", async () => {
        await simulatedGitHubCall();
      });
    },
    { probot, webhooksPath: env.webhookPath },
  );
  const server = createServer((req, res) => {
    middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  server.listen(env.port, env.host, () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ benchUrl: `http://${env.host}:${port}` })}\n`);
  });
  exitOnSignals(() => new Promise((resolve) => server.close(() => resolve())), env.shutdownDeadlineMs, log);
} else {
  const server = await startServer({
    env,
    features: false,
    registerJobs: ({ jobs }) => {
      jobs.register("collect", async () => {
        await simulatedGitHubCall();
      });
    },
  });
  process.stdout.write(`${JSON.stringify({ benchUrl: server.url })}\n`);
  exitOnSignals(() => server.close(), env.shutdownDeadlineMs, server.log);
}
