// Spawns test/chaos/support/app-child.ts (the real server, every feature) and reads its memory.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";

const ENTRY = join(import.meta.dirname, "app-child.ts");

export interface AppChild {
  url: string;
  webhookUrl: string;
  child: ChildProcess;
  exited: Promise<number | string>;
  stderr: () => string;
}

export async function spawnApp(vars: Record<string, string>): Promise<AppChild> {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    env: { ...process.env, ...vars, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
  return { url, webhookUrl: `${url}/api/github/webhooks`, child, exited, stderr: () => err };
}

/** Peak resident set size of a live process (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? "0");
  return Math.round(kb / 1024);
}

/** Jobs by state in the embedded queue of a SQLite file (read from outside the server). */
export function queueStates(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 2000");
    const rows = db.prepare("SELECT state, count(*) AS n FROM queue_jobs GROUP BY state").all() as {
      state: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

/** Resolves once the queue in `dbPath` has nothing pending or running for `quietMs`. */
export async function childIdle(
  dbPath: string,
  quietMs = 600,
  timeoutMs = 60_000,
): Promise<Record<string, number>> {
  const started = Date.now();
  let quietSince = Date.now();
  for (;;) {
    let states: Record<string, number> = {};
    try {
      states = queueStates(dbPath);
    } catch {
      quietSince = Date.now(); // not created yet, or busy
    }
    if ((states.pending ?? 0) + (states.running ?? 0) > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return states;
    if (Date.now() - started > timeoutMs) throw new Error(`jobs did not finish within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function killHard(app: AppChild): Promise<void> {
  app.child.kill("SIGKILL");
  await app.exited;
}

/** Kind and last error of every dead job (for assertion messages). */
export function deadJobs(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT kind, last_error FROM queue_jobs WHERE state = 'dead'").all() as {
      kind: string;
      last_error: string | null;
    }[];
    return rows.map((r) => `${r.kind}: ${(r.last_error ?? "").slice(0, 500)}`);
  } finally {
    db.close();
  }
}
