/**
 * Child-process entry for the crash and SIGTERM tests: the real server (env from the process
 * environment, as in production) plus a "collect" job handler that appends `started <id> <attempt>`
 * to $MARKER_DIR/events, waits BLOCK_MS (giving up early when the queue aborts it at shutdown),
 * then appends `completed <id> <attempt>`. Prints {"url": …} on stdout once listening.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { loadEnv } from "../../src/env.js";
import { exitOnSignals, startServer } from "../../src/server.js";

const markerDir = process.env.MARKER_DIR;
if (!markerDir) throw new Error("MARKER_DIR is required");
const events = join(markerDir, "events");
const blockMs = Number(process.env.BLOCK_MS ?? "0");

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error("aborted at shutdown"));
    });
  });
}

const env = loadEnv();
const server = await startServer({
  env,
  features: false,
  registerJobs: ({ jobs }) => {
    jobs.register("collect", async (job) => {
      appendFileSync(events, `started ${job.id} ${job.attempt} ${process.pid}\n`);
      await sleep(blockMs, job.signal);
      appendFileSync(events, `completed ${job.id} ${job.attempt} ${process.pid}\n`);
    });
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
exitOnSignals(() => server.close(), env.shutdownDeadlineMs, server.log);
