// Process faults: the real server in a child process, killed with SIGKILL at seeded random points of a
// workflow run's jobs (and at the named ones: after the download, after the comment, before the check
// run), restarted on the same SQLite file; the end state on GitHub must equal a fault-free run's.
// Also: a database that cannot be opened at start, and a full disk under the SQLite file.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishSecurityRun } from "../../demo/scenario.js";
import { tempDir } from "../support/app-env.js";
import { type GitHubSim, startGitHubSim } from "../support/github-sim.js";
import { chaosEnvVars, deliver, idle, startApp } from "./support/app.js";
import { type AppChild, childIdle, killHard, spawnApp } from "./support/child.js";
import { emptyFigures, saveFigures } from "./support/figures.js";
import {
  duplicates,
  type EndState,
  effectsLost,
  endState,
  seedRepository,
  storySteps,
} from "./support/story.js";

const figures = emptyFigures();
const SEED = Number(process.env.CHAOS_SEED ?? 20261122);
// The 50; CHAOS_KILL_RUNS=5 for a quick local run.
const KILL_RUNS = Number(process.env.CHAOS_KILL_RUNS ?? 50);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The PR's CI run finishing (Security already finished): delivery → collect → judge. */
function killStory() {
  const step = storySteps()[2];
  if (!step) throw new Error("story has no step 3");
  return step;
}

interface KillPoint {
  label: string;
  /** Which request (1-based) triggers the kill, or a predicate naming it. */
  match: (n: number, req: { method: string; path: string }) => boolean;
  /** "hang": killed before GitHub handled the request; "reset-after": after it did. */
  mode: "hang" | "reset-after";
}

async function runWithKill(
  point: KillPoint | undefined,
): Promise<{ state: EndState; killed: boolean; sequence: string[] }> {
  const sim: GitHubSim = await startGitHubSim();
  const repo = seedRepository(sim);
  finishSecurityRun(repo);
  const vars = chaosEnvVars(sim, { JOB_LEASE_MS: "2000", LOG_LEVEL: "silent" });
  const dbPath = (vars.DATABASE_URL ?? "").replace(/^sqlite:/, "");
  let app: AppChild | undefined = await spawnApp(vars);
  let killed = false;
  let n = 0;
  const sequence: string[] = [];
  sim.fault = (req) => {
    n++;
    sequence.push(`${req.method} ${req.path}`);
    if (!point || killed || !point.match(n, req)) return undefined;
    killed = true;
    app?.child.kill("SIGKILL");
    return point.mode;
  };
  try {
    const step = killStory();
    const id = crypto.randomUUID();
    // A kill can land while the webhook is in flight (the process also calls GitHub at start, e.g. the
    // redelivery sweep): GitHub then sees a failed delivery and delivers it again, same id, after restart.
    const answered = await deliver(app.webhookUrl, step.event, step.payload, id).catch(() => undefined);
    figures.deliveriesSent++;
    if (answered !== 202) expect(killed, `delivery answered ${answered} without a kill`).toBe(true);
    const deadline = Date.now() + 30_000;
    while (!killed && Date.now() < deadline) {
      const states = (() => {
        try {
          return childIdleOnce(dbPath);
        } catch {
          return false;
        }
      })();
      if (states) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (killed) {
      await app.exited;
      app = await spawnApp(vars);
      if (answered !== 202) {
        expect(await deliver(app.webhookUrl, step.event, step.payload, id)).toBe(202);
        figures.deliveriesSent++;
      }
    }
    const states = await childIdle(dbPath, 1_000);
    expect(states.dead ?? 0, "no job may end dead").toBe(0);
    return { state: endState(sim), killed, sequence };
  } finally {
    if (app) await killHard(app);
    await sim.close();
  }
}

let quietSince = 0;
function childIdleOnce(dbPath: string): boolean {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("SELECT count(*) AS n FROM queue_jobs WHERE state IN ('pending','running')")
      .get() as {
      n: number;
    };
    const total = db.prepare("SELECT count(*) AS n FROM queue_jobs").get() as { n: number };
    if (row.n > 0 || total.n < 2) {
      quietSince = Date.now();
      return false;
    }
    return Date.now() - quietSince > 1_000;
  } finally {
    db.close();
  }
}

describe("process faults", () => {
  let expected: EndState;
  let requests = 0;
  beforeAll(async () => {
    const clean = await runWithKill(undefined);
    expected = clean.state;
    requests = clean.sequence.length;
    figures.scenarios++;
    expect(expected.checks).toHaveLength(1);
    expect(expected.comments).toHaveLength(1);
    expect(requests).toBeGreaterThan(5);
  });
  afterAll(() => {
    figures.notes.push(`kill -9 runs: ${KILL_RUNS} random (seed ${SEED}) + 4 named`);
    saveFigures("process-faults", figures);
  });

  const named: KillPoint[] = [
    {
      label: "at the process's first GitHub request (the start-up redelivery sweep, racing the webhook)",
      match: (n) => n === 1,
      mode: "hang",
    },
    {
      label: "after the artifact download",
      match: (_n, r) => r.path.startsWith("/blob/"),
      mode: "reset-after",
    },
    {
      label: "after the comment was posted",
      match: (_n, r) => r.method === "POST" && /\/comments$/.test(r.path),
      mode: "reset-after",
    },
    {
      label: "before the check run is written",
      match: (_n, r) => r.method !== "GET" && /\/check-runs/.test(r.path),
      mode: "hang",
    },
  ];

  it.each(named.map((p) => [p.label, p] as const))(
    "kill -9 %s: restart reaches the fault-free end state",
    async (_l, point) => {
      const run = await runWithKill(point);
      expect(run.killed).toBe(true);
      tallyKill(run.state);
    },
  );

  // Drawn up front (the request count is known only once the fault-free run is done, so each point is a
  // fraction of it); one test per point, each with its own timeout and its own failure message.
  const random = mulberry32(SEED);
  const randomPoints = Array.from({ length: KILL_RUNS }, (_, i) => ({
    i: i + 1,
    at: random(),
    mode: random() < 0.5 ? ("hang" as const) : ("reset-after" as const),
  }));
  it.each(randomPoints)(
    `kill -9 at seeded random point $i of ${KILL_RUNS} (seed ${SEED}, $mode)`,
    async ({ at, mode }) => {
      const k = 1 + Math.floor(at * requests);
      const run = await runWithKill({ label: `request ${k}`, match: (n) => n === k, mode });
      const lost = tallyKill(run.state, false);
      if (process.env.CHAOS_DEBUG && lost.length > 0)
        console.log(JSON.stringify({ expected, actual: run.state }, null, 1));
      expect(
        { lost, duplicates: duplicates(run.state) },
        `kill at request ${k} (${mode}, ${run.sequence[k - 1]})`,
      ).toEqual({ lost: [], duplicates: 0 });
    },
  );

  function tallyKill(state: EndState, assert = true): string[] {
    const lost = effectsLost(expected, state);
    figures.scenarios++;
    figures.faultsInjected++;
    figures.effectsLost += lost.length;
    figures.duplicates += duplicates(state);
    if (assert) {
      expect(lost).toEqual([]);
      expect(duplicates(state)).toBe(0);
    }
    return lost;
  }
});

describe("store faults", () => {
  it("a database that cannot be opened at start: the process exits non-zero and names the problem", async () => {
    const sim = await startGitHubSim();
    try {
      const vars = chaosEnvVars(sim, { DATABASE_URL: "sqlite:/dev/null/tollgate.db" });
      await expect(spawnApp(vars)).rejects.toThrow(/exited \(1\)[\s\S]*\/dev\/null/);
      figures.scenarios++;
      figures.faultsInjected++;
    } finally {
      await sim.close();
    }
  });

  const mountDir = join(tempDir("tollgate-full-"), "disk");
  let mounted = false;
  try {
    mkdirSync(mountDir, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mountDir], { stdio: "ignore" });
    mounted = true;
  } catch {
    mounted = false;
  }

  it.skipIf(!mounted)(
    "disk full under the SQLite file: intake answers 503, nothing is corrupted, and it recovers",
    async () => {
      const sim = await startGitHubSim();
      seedRepository(sim);
      const app = await startApp(sim, { DATABASE_URL: `sqlite:${join(mountDir, "tollgate.db")}` });
      const filler = join(mountDir, "filler");
      try {
        const steps = storySteps();
        const first = steps[0];
        if (!first) throw new Error("no step");
        // fill the disk (1 KiB short of full, then the rest)
        try {
          writeFileSync(filler, Buffer.alloc(3 * 1024 * 1024));
        } catch {
          // ENOSPC: the disk is full, as wanted
        }
        let refused = 0;
        for (let i = 0; i < 20; i++) {
          const code = await deliver(app.webhookUrl, first.event, first.payload);
          figures.deliveriesSent++;
          if (code >= 500) refused++;
          else expect(code).toBe(202);
        }
        figures.faultsInjected++;
        figures.scenarios++;
        expect(refused).toBeGreaterThan(0);
        expect((await fetch(`${app.url}/health`)).status).toBe(200);
        rmSync(filler, { force: true });
        const code = await deliver(app.webhookUrl, first.event, first.payload);
        figures.deliveriesSent++;
        expect(code).toBe(202);
        await idle(app);
        expect(endState(sim).checks.map((c) => c.status)).toEqual(["completed"]);
      } finally {
        rmSync(filler, { force: true });
        await app.close(2_000);
        await sim.close();
      }
      const db = new Database(join(mountDir, "tollgate.db"), { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      } finally {
        db.close();
        execFileSync("umount", [mountDir], { stdio: "ignore" });
      }
    },
  );
});
