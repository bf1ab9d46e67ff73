// What the feedback use-cases (collect a run, judge a commit) need from the outside world: narrow ports.
import type { Logger } from "pino";
import type { ArtifactLimits } from "../artifacts/limits.js";
import type { LoadResult } from "../config/load.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { EnqueueRequest, EnqueueResult } from "../queue/queue.js";
import type { ReportStore } from "../store/reports.js";
import type { StateStore } from "../store/store.js";

export interface FeedbackDeps {
  /** An installation-authenticated Octokit (Probot's `auth(installationId)`). */
  octokitFor(installationId: number): Promise<Octokit>;
  /** The repository config, from the default branch so a PR cannot relax its own gates. */
  loadConfig(octokit: Octokit, repo: RepoRef): Promise<LoadResult>;
  reports: ReportStore;
  state: StateStore;
  enqueue(request: EnqueueRequest): Promise<EnqueueResult>;
  artifactLimits: ArtifactLimits;
  /** Total annotations per check run. */
  annotationCap: number;
  /** Debounce window for judging a commit after a run was collected. */
  judgeDebounceMs: number;
  now(): Date;
  log: Logger;
}
