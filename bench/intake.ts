/**
 * Intake benchmark: signed deliveries (a real 17 KB workflow_run.completed payload from
 * @octokit/webhooks-examples) over loopback at rising rates; p50/p99 time-to-answer and answered
 * deliveries/s. Tollgate (verify → record → enqueue → 202) against the baseline in the same run:
 * a plain Probot app whose handler does its (simulated, 50–150 ms) GitHub work before answering.
 * Server and load generator are separate processes. Afterwards every Tollgate delivery id is
 * looked up in the store's audit and the queue. BENCH_QUICK=1: 5 s at every rate.
 * Target (2 cores): p99 ≤ 25 ms at 200 deliveries/s sustained for 30 s, every delivery persisted.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { SqliteQueue } from "../src/queue/sqlite-queue.js";
import { openSqlite } from "../src/store/sqlite.js";
import { SqliteStore } from "../src/store/sqlite-store.js";

const here = fileURLToPath(new URL(".", import.meta.url));
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

function tsxChild(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(here, script)], {
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

async function benchTarget(
  target: IntakeRow["target"],
  baseEnv: Record<string, string>,
  bodyFile: string,
  quick: boolean,
): Promise<IntakeRow[]> {
  const server = tsxChild("intake-server.ts", { ...baseEnv, MODE: target });
  const { benchUrl } = await firstJsonLine<{ benchUrl: string }>(
    server,
    (v) => typeof v.benchUrl === "string",
  );
  server.stdout?.resume();
  const rows: IntakeRow[] = [];
  const loadRun = (rate: number, durationS: number, prefix: string) =>
    firstJsonLine<LoadResult>(
      tsxChild("intake-load.ts", {
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
  try {
    // Warm-up, not measured: lazy module loading (tsx compiles on first use), JIT, SQLite page cache.
    await loadRun(50, 3, `${target}-warmup`);
    if (target === "tollgate") await waitQueueDrained(benchUrl, 20_000);
    for (const { rate, durationS } of schedule(quick)) {
      const result = await loadRun(rate, durationS, `${target}-${rate}`);
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
      });
      if (target === "tollgate") await waitQueueDrained(benchUrl, 20_000);
    }
  } finally {
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

function table(rows: IntakeRow[]): string {
  const head = [
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
  ];
  const body = rows.map((r) => [
    r.target,
    String(r.rate),
    String(r.durationS),
    String(r.sent),
    String(r.non2xx),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    r.max.toFixed(1),
    r.perSecond.toFixed(1),
    r.persisted === null ? "n/a" : `${r.persisted}/${r.sent}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ");
  return [line(head), ...body.map(line)].join("\n");
}

export async function run(): Promise<IntakeResult> {
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
  const tollgate = await benchTarget("tollgate", baseEnv, bodyFile, quick);
  await countPersisted(databaseUrl, tollgate);
  const probot = await benchTarget("probot", baseEnv, bodyFile, quick);
  const rows = [...tollgate, ...probot];

  const sustained = tollgate.find((r) => r.rate === SUSTAINED_RATE);
  const met =
    sustained !== undefined &&
    sustained.p99 <= TARGET_P99_MS &&
    sustained.non2xx === 0 &&
    sustained.persisted === sustained.sent;
  console.log(
    `\nIntake: signed ${JSON.stringify(example).length}-byte workflow_run deliveries over loopback`,
  );
  console.log(table(rows));
  console.log(
    `target: p99 ≤ ${TARGET_P99_MS} ms at ${SUSTAINED_RATE}/s for ${sustained?.durationS ?? "?"} s, every delivery persisted: ${met ? "MET" : "NOT MET"}`,
  );
  return { rows, target: { rate: SUSTAINED_RATE, p99Ms: TARGET_P99_MS, met } };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  await run();
}
