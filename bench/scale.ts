/**
 * Scale-out benchmark: the embedded default (1 process, SQLite) against PostgreSQL + Redis/BullMQ with
 * 1 and 3 replicas. Each replica is the real server with stand-in jobs (delivery → collect → publish,
 * debounced per commit; publish makes 4 calls to a simulated GitHub with a fixed latency).
 *   jobs/s:   N deliveries as fast as 32 concurrent senders go; every job run (delivery, collect, publish)
 *             counted until the last one finishes.
 *   p99:      deliveries at a fixed rate (open loop, BENCH_SCALE_RATE, default 500/s) spread round-robin
 *             over the replicas, after a warm-up of 50 deliveries per replica.
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL for the scale-out rows (scripts/test-services.sh starts
 * throwaway servers); without them only the embedded row runs. BENCH_QUICK=1 halves the counts.
 */

import type { Bench, BenchTable } from "./lib/types.js";
import { type Cluster, deliveries, post, type ScaleOut, startCluster } from "./scale/cluster.js";

const quick = process.env.BENCH_QUICK === "1";
const THROUGHPUT_DELIVERIES = quick ? 300 : 600;
const RATE = Number(process.env.BENCH_SCALE_RATE ?? "500");
const RATE_SECONDS = quick ? 3 : 5;
const LATENCY_MS = 20;

interface Row {
  setup: string;
  replicas: number;
  jobs: number;
  seconds: number;
  jobsPerSecond: number;
  rate: number;
  sent: number;
  non2xx: number;
  p50: number;
  p99: number;
  max: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function throughput(cluster: Cluster): Promise<{ jobs: number; seconds: number }> {
  const list = deliveries(THROUGHPUT_DELIVERIES, `tp${Date.now()}`);
  const started = Date.now();
  let next = 0;
  const sender = async () => {
    for (;;) {
      const i = next++;
      const d = list[i];
      if (!d) return;
      const target = cluster.replicas[i % cluster.replicas.length];
      if (target) await post(target.url, d);
    }
  };
  await Promise.all(Array.from({ length: 32 }, sender));
  // Done when every collect ran and no job finished in the last second.
  for (;;) {
    await sleep(250);
    const events = cluster.events();
    const collects = events.filter((e) => e[0] === "collect").length;
    const last = Math.max(0, ...events.map((e) => Number(e[3])));
    if (collects >= list.length && Date.now() - last > 1000) {
      return { jobs: list.length + events.length, seconds: (last - started) / 1000 };
    }
  }
}

async function latency(
  cluster: Cluster,
): Promise<{ sent: number; non2xx: number; p50: number; p99: number; max: number }> {
  // Warm-up (JIT, connection pools): 50 deliveries per replica, then let their jobs drain.
  const warm = deliveries(50 * cluster.replicas.length, `warm${Date.now()}`);
  await Promise.all(warm.map((d, i) => post(cluster.replicas[i % cluster.replicas.length]?.url ?? "", d)));
  await sleep(2000);
  const list = deliveries(RATE * RATE_SECONDS, `lat${Date.now()}`);
  const started = performance.now();
  const answers = await Promise.all(
    list.map(async (d, i) => {
      const at = started + (i * 1000) / RATE;
      await sleep(Math.max(0, at - performance.now()));
      const target = cluster.replicas[i % cluster.replicas.length];
      return target ? post(target.url, d) : { status: 0, ms: 0 };
    }),
  );
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  return {
    sent: list.length,
    non2xx: answers.filter((a) => a.status < 200 || a.status >= 300).length,
    p50: Math.round(percentile(ms, 0.5) * 10) / 10,
    p99: Math.round(percentile(ms, 0.99) * 10) / 10,
    max: Math.round((ms.at(-1) ?? 0) * 10) / 10,
  };
}

async function measure(
  setup: string,
  replicas: number,
  scaleOut: ScaleOut | undefined,
  log: (l: string) => void,
): Promise<Row> {
  log(`${setup}: ${replicas} replica(s)`);
  const tp = await startCluster(replicas, scaleOut, LATENCY_MS);
  const t = await throughput(tp).finally(() => tp.close());
  const lat = await startCluster(replicas, scaleOut, LATENCY_MS);
  const l = await latency(lat).finally(() => lat.close());
  return {
    setup,
    replicas,
    jobs: t.jobs,
    seconds: Math.round(t.seconds * 100) / 100,
    jobsPerSecond: Math.round(t.jobs / t.seconds),
    rate: RATE,
    ...l,
  };
}

export const bench: Bench = {
  name: "scale",
  description:
    "jobs/s and time-to-answer: embedded SQLite vs PostgreSQL + Redis/BullMQ with 1 and 3 replicas",
  async run(log) {
    const databaseUrl = process.env.TEST_DATABASE_URL?.trim();
    const redisUrl = process.env.TEST_REDIS_URL?.trim();
    const rows: Row[] = [await measure("embedded (SQLite)", 1, undefined, log)];
    const notes = [
      `simulated GitHub latency ${LATENCY_MS} ms per request; publish = 4 requests; 8 workers per replica`,
      "one host: replicas, PostgreSQL, Redis and the load generator share its cores",
    ];
    if (databaseUrl && redisUrl) {
      for (const n of [1, 3])
        rows.push(await measure("PostgreSQL + Redis", n, { databaseUrl, redisUrl }, log));
    } else {
      notes.push(
        "scale-out rows skipped: set TEST_DATABASE_URL and TEST_REDIS_URL (scripts/test-services.sh)",
      );
    }
    const table: BenchTable = {
      title: "Scale-out: throughput and time to answer",
      columns: [
        "setup",
        "replicas",
        "jobs",
        "s",
        "jobs/s",
        "rate/s",
        "sent",
        "non-2xx",
        "p50 ms",
        "p99 ms",
        "max ms",
      ],
      rows: rows.map((r) => [
        r.setup,
        r.replicas,
        r.jobs,
        r.seconds,
        r.jobsPerSecond,
        r.rate,
        r.sent,
        r.non2xx,
        r.p50,
        r.p99,
        r.max,
      ]),
      notes,
    };
    return { tables: [table], data: rows };
  },
};
