// What the feedback use-cases (collect a run, judge a commit) need from the outside world: narrow ports.
import type { Logger } from "pino";
import type { ArtifactLimits } from "../artifacts/limits.js";
import type { LoadResult } from "../config/load.js";
import type { TollgateConfig } from "../config/schema.js";
import type { Verdict } from "../gates/types.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { PullInfo } from "../github/pulls.js";
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
  /** Extra lines for a PR's sticky comment from other features (the auto-merge decision), escaped. */
  notesFor?(repo: string, number: number): Promise<string[]>;
  /** Called once a commit's verdict is saved: deployment protection, auto-merge and Slack react here. */
  afterVerdict?(event: VerdictEvent): Promise<void>;
}

export interface VerdictEvent {
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
  conclusion: Verdict["conclusion"] | "pending" | "action_required";
  /** Absent when the config was invalid. */
  verdict?: Verdict;
  config?: TollgateConfig;
  /** Open PRs whose head is this sha. */
  pulls: PullInfo[];
  checkRunUrl: string | null;
  decidedAt: Date;
}
