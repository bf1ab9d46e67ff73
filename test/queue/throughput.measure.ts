/**
 * Micro-measurement of the embedded queue (not part of `vitest run`):
 *   npx tsx test/queue/throughput.measure.ts
 * 1. enqueue latency alone; 2. enqueue latency at ~250/s while workers claim and complete;
 * 3. drain rate of a backlog with a no-op handler.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteQueue } from "../../src/queue/sqlite-queue.js";
import { closeSqlite, openSqlite } from "../../src/store/sqlite.js";

function pct(samples: number[], p: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const v = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return `${v.toFixed(3)} ms`;
}

function summary(label: string, samples: number[]): void {
  console.log(
    `${label}: n=${samples.length} p50=${pct(samples, 50)} p99=${pct(samples, 99)} max=${pct(samples, 100)}`,
  );
}

const payload = {
  id: "x",
  name: "workflow_run",
  payload: { action: "completed", repository: { full_name: "o/r" }, blob: "x".repeat(4000) },
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-measure-"));
  try {
    const db = await openSqlite(`sqlite:${join(dir, "q.db")}`);
    const queue = new SqliteQueue(db, { pollIntervalMs: 50 });

    const alone: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = performance.now();
      await queue.enqueue({ kind: "delivery", id: `a-${i}`, payload });
      alone.push(performance.now() - t);
    }
    summary("enqueue, no workers (4 KB payload)", alone);

    let completed = 0;
    const enqueuedAt = new Map<string, number>();
    const claimLags: number[] = [];
    const t0 = performance.now();
    await queue.start(
      async (job) => {
        const at = enqueuedAt.get(job.id);
        if (at !== undefined) claimLags.push(performance.now() - at);
        await new Promise((r) => setTimeout(r, 2));
        completed++;
      },
      { concurrency: 8 },
    );
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (completed >= 5000) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    const drainS = (performance.now() - t0) / 1000;
    console.log(`drain 5000 jobs, concurrency 8, 2 ms handler: ${(5000 / drainS).toFixed(0)} jobs/s`);

    const busy: number[] = [];
    const lags: number[] = [];
    const before = completed;
    queue.on("completed", (e) => {
      const at = enqueuedAt.get(e.job.id);
      if (at !== undefined) lags.push(performance.now() - at);
    });
    const started = performance.now();
    let i = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(async () => {
        for (let k = 0; k < 5; k++) {
          const id = `b-${i++}`;
          const t = performance.now();
          enqueuedAt.set(id, t);
          await queue.enqueue({ kind: "delivery", id, payload });
          busy.push(performance.now() - t);
        }
        if (performance.now() - started > 4000) {
          clearInterval(tick);
          resolve();
        }
      }, 20);
    });
    await new Promise((r) => setTimeout(r, 500));
    const rate = busy.length / ((performance.now() - started - 500) / 1000);
    summary(`enqueue at ~${rate.toFixed(0)}/s while 8 workers claim`, busy);
    summary("enqueue → handler start (claim latency)", claimLags);
    summary("enqueue → completed (2 ms handler)", lags);
    console.log(`completed during that phase: ${completed - before}`);
    await queue.stop();
    await closeSqlite(db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
