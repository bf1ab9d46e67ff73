// What the deployment use-cases need from the outside world: narrow ports.
import type { Logger } from "pino";
import type { LoadResult } from "../config/load.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { SlackNotifier } from "../slack/notifier.js";
import type { ReportStore } from "../store/reports.js";
import type { DeploymentHistory } from "./history.js";
import type { PendingProtectionStore } from "./pending.js";

export interface DeployDeps {
  octokitFor(installationId: number): Promise<Octokit>;
  /** The repository config from the default branch. */
  loadConfig(octokit: Octokit, repo: RepoRef): Promise<LoadResult>;
  history: DeploymentHistory;
  pending: PendingProtectionStore;
  reports: Pick<ReportStore, "getVerdict" | "getOverride">;
  slack: SlackNotifier;
  now(): Date;
  log: Logger;
}
