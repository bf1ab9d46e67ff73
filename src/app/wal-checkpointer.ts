import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * SQLite WAL checkpoints off the event loop. With the default auto-checkpoint, the connection
 * that commits the 1000th WAL page copies pages back into the database file and fsyncs it, on the
 * main thread: on a busy disk that stalls every request for tens of milliseconds (measured by
 * bench/intake.ts: p99 at 200 deliveries/s went from ~6 ms to 14–100 ms). Here the main
 * connection turns auto-checkpoint off and a worker thread with its own connection runs a
 * PASSIVE checkpoint (never blocks writers) every `intervalMs`.
 */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
const checkpoint = () => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage({ error: String(error) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export function startWalCheckpointer(
  path: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, intervalMs: options.intervalMs ?? 1_000 },
  });
  worker.unref();
  const stopped = new Promise<void>((resolve) => {
    worker.on("message", (message: { error?: string; stopped?: boolean }) => {
      if (message.error) options.onError?.(message.error);
      if (message.stopped) resolve();
    });
    worker.on("exit", () => resolve());
    worker.on("error", (error) => {
      options.onError?.(String(error));
      resolve();
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        worker.postMessage("stop");
        await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
        await worker.terminate();
      })();
      return stopping;
    },
  };
}
