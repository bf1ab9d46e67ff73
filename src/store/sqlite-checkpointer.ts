/**
 * WAL checkpoints off the main thread. With synchronous=NORMAL a commit does no fsync; the fsync
 * happens at checkpoint time, and SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold — a multi-millisecond stall of the event loop (the webhook route) every
 * few hundred enqueues. A worker thread with its own connection runs PASSIVE checkpoints on a
 * timer instead (PASSIVE never blocks readers or writers); the main connection keeps a high
 * automatic threshold only as a safety net for sustained back-to-back writes, when a concurrent
 * checkpoint cannot catch up and the WAL would otherwise never restart.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface Checkpointer {
  stop(): Promise<void>;
}

// Plain CommonJS for `eval: true`. Exits by itself when the database file disappears.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { existsSync } = require("node:fs");
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma("synchronous = NORMAL");
} catch {
  process.exit(0);
}
setInterval(() => {
  if (!existsSync(workerData.path)) {
    db.close();
    process.exit(0);
  }
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {}
}, workerData.intervalMs);
`;

export function startCheckpointer(path: string, intervalMs: number): Checkpointer {
  const module = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, module } });
  worker.unref();
  worker.on("error", () => {
    // Checkpointing is an optimisation: the main connection's automatic checkpoint still runs.
  });
  return {
    async stop() {
      await worker.terminate();
    },
  };
}
