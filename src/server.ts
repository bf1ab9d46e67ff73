/**
 * Process entry (`npm start`): env → store → queue → probot → HTTP server, or Probot's setup page
 * when the GitHub App credentials are missing. The wiring lives in src/app/start-server.ts.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createLogger } from "./app/logger.js";
import { startSetup } from "./app/setup.js";
import { exitOnSignals, startServer } from "./app/start-server.js";
import { loadEnv } from "./env.js";

export type { JobSetup, RunningServer, StartServerOptions } from "./app/start-server.js";
export { exitOnSignals, startServer };

/** Starts the app as `npm start` does; `.env` (written by the setup page) is read when present. */
export async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const env = loadEnv();
  const log = createLogger(env.logLevel);
  if (!env.credentials && env.missingCredentials.join() === "WEBHOOK_SECRET") {
    throw new Error("WEBHOOK_SECRET is missing: set it to the webhook secret of the GitHub App");
  }
  if (!env.credentials) {
    log.warn(
      { missing: env.missingCredentials },
      "GitHub App credentials missing: serving Probot's setup page",
    );
    const setup = await startSetup();
    exitOnSignals(() => setup.stop(), env.shutdownDeadlineMs, log);
    return;
  }
  const server = await startServer({ env, log });
  exitOnSignals(() => server.close(), env.shutdownDeadlineMs, log);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
