// What the auto-merge use-case needs from the outside world: narrow ports.
import type { Logger } from "pino";
import type { LoadResult } from "../config/load.js";
import type { TollgateConfig } from "../config/schema.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { EnqueueRequest, EnqueueResult } from "../queue/queue.js";
import type { AutomergeStore } from "../store/automerge.js";
import type { ReportStore } from "../store/reports.js";
import type { AutomergeEvent } from "./note.js";

export interface AutomergeDeps {
  octokitFor(installationId: number): Promise<Octokit>;
  /** From the default branch, so a PR cannot enable its own auto-merge. */
  loadConfig(octokit: Octokit, repo: RepoRef): Promise<LoadResult>;
  reports: Pick<ReportStore, "getVerdict">;
  automerge: AutomergeStore;
  enqueue(request: EnqueueRequest): Promise<EnqueueResult>;
  /**
   * Called when a PR's decision changes (Slack: `slackAutomerge(event)` → `notifyAutomerge(slack,
   * config, …)`), with the repository config the decision used. Optional.
   */
  notify?(event: AutomergeEvent, config: TollgateConfig): Promise<void>;
  /**
   * Called when the PR's auto-merge line (automergeNote) changed, so the sticky comment can show it:
   * wire it to enqueue the judge job of `sha` (the judge reads the latest record). Optional.
   */
  rerender?(target: {
    installationId: number;
    owner: string;
    repo: string;
    number: number;
    sha: string;
  }): Promise<void>;
  /** dependabot[bot]'s account id when not github.com's 49699333 (GitHub Enterprise Server). */
  dependabotId?: number;
  /** Delay before evaluating again when GitHub has not computed mergeability or the head moved. */
  recheckDelayMs: number;
  /** How many such re-checks per evaluation chain. */
  maxRechecks: number;
  now(): Date;
  log: Logger;
}
