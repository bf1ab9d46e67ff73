// What the Slack-only use-cases (branch health, PR events) need.
import type { Logger } from "pino";
import type { LoadResult } from "../config/load.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { StateStore } from "../store/store.js";
import type { SlackNotifier } from "./notifier.js";

export interface SlackDeps {
  octokitFor(installationId: number): Promise<Octokit>;
  loadConfig(octokit: Octokit, repo: RepoRef): Promise<LoadResult>;
  state: StateStore;
  slack: SlackNotifier;
  now(): Date;
  log: Logger;
}
