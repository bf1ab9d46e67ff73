// The real server (startServer, embedded SQLite store and queue) pointed at the simulated GitHub, in
// this process, with the knobs that make retries fast enough for a test run.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pino from "pino";
import { parseEnv } from "../../../src/env.js";
import { type RunningServer, startServer } from "../../../src/server.js";
import { tempDir, testPrivateKey } from "../../support/app-env.js";
import type { GitHubSim } from "../../support/github-sim.js";
import { signBody, TEST_SECRET } from "../../support/webhooks.js";

/** Environment variables of a server under test, as the process would get them. */
export function chaosEnvVars(sim: GitHubSim, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: TEST_SECRET,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: "http",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `sqlite:${join(tempDir("tollgate-chaos-"), "tollgate.db")}`,
    LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? "silent",
    JUDGE_DEBOUNCE_MS: "200",
    JOB_BACKOFF_BASE_MS: "300",
    GITHUB_TIMEOUT_MS: "1500",
    ...overrides,
  };
}

export async function startApp(
  sim: GitHubSim,
  overrides: Record<string, string> = {},
): Promise<RunningServer> {
  const parsed = parseEnv(chaosEnvVars(sim, overrides));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return startServer({ env: parsed.env, log: pino({ level: parsed.env.logLevel }), processMetrics: false });
}

export async function deliver(
  webhookUrl: string,
  event: string,
  payload: unknown,
  id: string = randomUUID(),
): Promise<number> {
  const body = JSON.stringify(payload);
  const res = await fetch(webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": id,
      "x-hub-signature-256": signBody(TEST_SECRET, body),
    },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

/** Resolves once no job is pending or running for `quietMs`. */
export async function idle(server: RunningServer, quietMs = 500, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  let quietSince = Date.now();
  while (Date.now() - started < timeoutMs) {
    const { byState } = await server.queue.stats();
    if (byState.pending + byState.running > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`jobs did not finish within ${timeoutMs} ms`);
}
