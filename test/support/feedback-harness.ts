// A FeedbackDeps wired to the simulated GitHub and a real in-memory SQLite store, recording enqueues.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import pino from "pino";
import { DEFAULT_ARTIFACT_LIMITS } from "../../src/artifacts/limits.js";
import { cachedConfigLoader } from "../../src/feedback/config-cache.js";
import type { FeedbackDeps } from "../../src/feedback/deps.js";
import type { Octokit } from "../../src/github/octokit.js";
import type { EnqueueRequest } from "../../src/queue/queue.js";
import { openSqlite } from "../../src/store/sqlite.js";
import { SqliteReportStore } from "../../src/store/sqlite-reports.js";
import { SqliteStateStore } from "../../src/store/sqlite-state.js";
import { type GitHubSim, testOctokit } from "./github-sim.js";

export interface FeedbackHarness {
  deps: FeedbackDeps;
  enqueued: EnqueueRequest[];
  /** Mutable clock (ms); advance it to expire caches. */
  clock: { now: number };
  close(): void;
}

export async function feedbackHarness(sim: GitHubSim, clock = { now: Date.parse("2026-11-01T10:00:00Z") }) {
  const db = await openSqlite("sqlite::memory:");
  const octokit: Octokit = testOctokit(sim);
  const enqueued: EnqueueRequest[] = [];
  const deps: FeedbackDeps = {
    octokitFor: async () => octokit,
    loadConfig: cachedConfigLoader(60_000, () => clock.now),
    reports: new SqliteReportStore(db),
    state: new SqliteStateStore(db, () => clock.now),
    enqueue: async (request) => {
      enqueued.push(request);
      return { id: String(enqueued.length), deduped: false, merged: false };
    },
    artifactLimits: DEFAULT_ARTIFACT_LIMITS,
    annotationCap: 250,
    judgeDebounceMs: 0,
    now: () => new Date(clock.now),
    log: pino({ level: "silent" }),
  };
  return { deps, enqueued, clock, close: () => db.close() } satisfies FeedbackHarness;
}

const ROOT = resolve(import.meta.dirname, "../..");

/** A real report file from fixtures/ (each has its provenance in a README next to it). */
export function fixture(path: string): Buffer {
  return readFileSync(resolve(ROOT, "fixtures", path));
}
