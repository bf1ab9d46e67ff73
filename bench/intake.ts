/**
 * Intake benchmark: signed deliveries (a real 17 KB workflow_run.completed payload from
 * @octokit/webhooks-examples) over loopback at rising rates; p50/p99 time-to-answer and answered
 * deliveries/s. Tollgate (verify → record → enqueue → 202) against the baseline in the same run:
 * a plain Probot app whose handler does its (simulated, 50–150 ms) GitHub work before answering.
 * Server and load generator are separate processes. Afterwards every Tollgate delivery id is
 * looked up in the store's audit and the queue. BENCH_QUICK=1: 5 s at every rate.
 * Target (2 cores): p99 ≤ 25 ms at 200 deliveries/s sustained for 30 s, every delivery persisted.
 */

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { SqliteQueue } from "../src/queue/sqlite-queue.js";
import { openSqlite } from "../src/store/sqlite.js";
import { SqliteStore } from "../src/store/sqlite-store.js";
import type { Bench, BenchTable } from "./lib/types.js";

const here = import.meta.dirname;
const OUT = join(here, "out");
const SECRET = "bench-secret";
const SUSTAINED_RATE = 200;
const TARGET_P99_MS = 25;

export interface IntakeRow {
  target: "tollgate" | "probot";
  rate: number;
  durationS: number;
  sent: number;
  answered: number;
  non2xx: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
  /** Tollgate only: ids found in both the delivery audit and the queue. */
  persisted: number | null;
  /**
   * Host noise: the longest event-loop stall of this (idle, waiting) orchestrator process during
   * the phase. On a shared machine it shows how much of the tail is scheduling, not the server.
   */
  hostStallMs: number;
}

export interface IntakeResult {
  rows: IntakeRow[];
  target: { rate: number; p99Ms: number; met: boolean };
}

interface LoadResult {
  sent: number;
  answered: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

function schedule(quick: boolean): Array<{ rate: number; durationS: number }> {
  return [
    { rate: 50, durationS: 5 },
    { rate: 100, durationS: 5 },
    { rate: SUSTAINED_RATE, durationS: quick ? 5 : 30 },
    { rate: 400, durationS: 5 },
  ];
}

/**
 * Server and generator are bundled (esbuild, packages external) and run on plain node, like the
 * built app: under tsx every first use of a module compiles it on the loader thread, which
 * shows up as event-loop stalls in the measurement.
 */
function bundle(name: "server" | "load"): string {
  const outfile = join(OUT, `intake-${name}.mjs`);
  const esbuild = join(here, "..", "node_modules", ".bin", "esbuild");
  const args = [join(here, "intake", `${name}.ts`), "--bundle", "--platform=node", "--format=esm"];
  const result = spawnSync(
    esbuild,
    [...args, "--packages=external", `--outfile=${outfile}`, "--log-level=warning"],
    {
      encoding: "utf8",
    },
  );
  if (result.status !== 0) throw new Error(`esbuild failed: ${result.stderr}`);
  return outfile;
}

function nodeChild(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function firstJsonLine<T>(
  child: ChildProcess,
  has: (value: Record<string, unknown>) => boolean,
): Promise<T> {
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  return new Promise<T>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before answering`)));
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return;
      const value = JSON.parse(line) as Record<string, unknown>;
      if (has(value)) resolve(value as T);
    });
  });
}

async function waitQueueDrained(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const depth = (state: string) =>
      Number(new RegExp(`tollgate_queue_depth\\{state="${state}"\\} (\\d+)`).exec(text)?.[1] ?? "0");
    if (depth("pending") + depth("running") === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Scripts {
  server: string;
  load: string;
}

async function benchTarget(
  scripts: Scripts,
  target: IntakeRow["target"],
  baseEnv: Record<string, string>,
  bodyFile: string,
  quick: boolean,
): Promise<IntakeRow[]> {
  const server = nodeChild(scripts.server, { ...baseEnv, MODE: target });
  const { benchUrl } = await firstJsonLine<{ benchUrl: string }>(
    server,
    (v) => typeof v.benchUrl === "string",
  );
  server.stdout?.resume();
  const rows: IntakeRow[] = [];
  const loadRun = (rate: number, durationS: number, prefix: string) =>
    firstJsonLine<LoadResult>(
      nodeChild(scripts.load, {
        URL: `${benchUrl}/api/github/webhooks`,
        RATE: String(rate),
        DURATION_MS: String(durationS * 1000),
        SECRET,
        ID_PREFIX: prefix,
        EVENT: "workflow_run",
        BODY_FILE: bodyFile,
      }),
      (v) => typeof v.p99 === "number",
    );
  const stalls = monitorEventLoopDelay({ resolution: 2 });
  stalls.enable();
  try {
    // Warm-up, not measured: lazy module loading (tsx compiles on first use), JIT, SQLite page cache.
    await loadRun(50, 3, `${target}-warmup`);
    if (target === "tollgate") await waitQueueDrained(benchUrl, 20_000);
    for (const { rate, durationS } of schedule(quick)) {
      stalls.reset();
      const result = await loadRun(rate, durationS, `${target}-${rate}`);
      const hostStallMs = stalls.max / 1e6;
      const ok = Object.entries(result.statuses)
        .filter(([status]) => /^2\d\d$/.test(status))
        .reduce((sum, [, n]) => sum + n, 0);
      rows.push({
        target,
        rate,
        durationS,
        sent: result.sent,
        answered: result.answered,
        non2xx: result.sent - ok,
        p50: result.p50,
        p99: result.p99,
        max: result.max,
        perSecond: result.perSecond,
        persisted: null,
        hostStallMs,
      });
      if (target === "tollgate") await waitQueueDrained(benchUrl, 20_000);
    }
  } finally {
    stalls.disable();
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  return rows;
}

async function countPersisted(databaseUrl: string, rows: IntakeRow[]): Promise<void> {
  const db = await openSqlite(databaseUrl);
  const store = new SqliteStore(db);
  const queue = new SqliteQueue(db);
  try {
    for (const row of rows) {
      let found = 0;
      for (let i = 0; i < row.sent; i++) {
        const id = `tollgate-${row.rate}-${i}`;
        if ((await store.deliveries.get(id)) && (await queue.getJob(id))) found++;
      }
      row.persisted = found;
    }
  } finally {
    db.close();
  }
}

function table(rows: IntakeRow[], title: string, notes: string[]): BenchTable {
  return {
    title,
    columns: [
      "target",
      "rate/s",
      "secs",
      "sent",
      "non-2xx",
      "p50 ms",
      "p99 ms",
      "max ms",
      "answered/s",
      "persisted",
      "host stall ms",
    ],
    rows: rows.map((r) => [
      r.target,
      r.rate,
      r.durationS,
      r.sent,
      r.non2xx,
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.max.toFixed(1),
      r.perSecond.toFixed(1),
      r.persisted === null ? "n/a" : `${r.persisted}/${r.sent}`,
      r.hostStallMs.toFixed(0),
    ]),
    notes,
  };
}

export async function runIntake(log: (line: string) => void): Promise<IntakeResult & { table: BenchTable }> {
  const quick = process.env.BENCH_QUICK === "1";
  const dir = mkdtempSync(join(tmpdir(), "tollgate-bench-"));
  const bodyFile = join(dir, "workflow_run.completed.json");
  const example = examples.find((group) => group.name === "workflow_run")?.examples[0];
  writeFileSync(bodyFile, JSON.stringify(example));
  const databaseUrl = `sqlite:${join(dir, "tollgate.db")}`;
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs1",
    format: "pem",
  });
  const baseEnv = {
    APP_ID: "1",
    PRIVATE_KEY: String(privateKey),
    WEBHOOK_SECRET: SECRET,
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
    WORKER_CONCURRENCY: "32",
    NODE_ENV: "production",
  };
  mkdirSync(OUT, { recursive: true });
  const scripts = { server: bundle("server"), load: bundle("load") };
  log("tollgate: warm-up, then each rate");
  const tollgate = await benchTarget(scripts, "tollgate", baseEnv, bodyFile, quick);
  log("tollgate: looking every delivery id up in the audit and the queue");
  await countPersisted(databaseUrl, tollgate);
  log("probot baseline: warm-up, then each rate");
  const probot = await benchTarget(scripts, "probot", baseEnv, bodyFile, quick);
  const rows = [...tollgate, ...probot];

  const sustained = tollgate.find((r) => r.rate === SUSTAINED_RATE);
  const met =
    sustained !== undefined &&
    sustained.p99 <= TARGET_P99_MS &&
    sustained.non2xx === 0 &&
    sustained.persisted === sustained.sent;
  const notes = [
    "time-to-answer from each request's scheduled send time (open loop); persisted = in the delivery audit and the queue",
    "probot = plain Probot app (createNodeMiddleware), handler awaits a simulated 50–150 ms GitHub call before answering",
    "host stall = longest event-loop stall of the idle orchestrator during the phase (machine noise)",
    `target: p99 ≤ ${TARGET_P99_MS} ms at ${SUSTAINED_RATE}/s for ${sustained?.durationS ?? "?"} s, every delivery persisted: ${met ? "MET" : "NOT MET"}`,
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${cpus().length} cores`,
  ];
  const title = `Intake: signed ${JSON.stringify(example).length}-byte workflow_run deliveries over loopback`;
  return {
    rows,
    target: { rate: SUSTAINED_RATE, p99Ms: TARGET_P99_MS, met },
    table: table(rows, title, notes),
  };
}

export const bench: Bench = {
  name: "intake",
  description:
    "webhook intake: p50/p99 time-to-answer at rising rates, Tollgate (verify, record, enqueue) vs a plain Probot app",
  async run(log) {
    const { table: result, ...data } = await runIntake(log);
    return { tables: [result], data };
  },
};
