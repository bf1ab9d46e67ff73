// What the commands feature needs from the outside world: narrow ports, built in src/app/features.ts.
import type { Logger } from "pino";
import type { LoadResult } from "../config/load.js";
import type { DeploymentHistory } from "../deploy/history.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { EnqueueRequest, EnqueueResult } from "../queue/queue.js";
import type { ReportStore } from "../store/reports.js";
import type { StateStore } from "../store/store.js";
import type { CommandLog } from "./command-log.js";
import type { RoleLookup } from "./permission-cache.js";

export interface CommandsDeps {
  octokitFor(installationId: number): Promise<Octokit>;
  /** The repository config from the default branch (a PR cannot add its own environments). */
  loadConfig(octokit: Octokit, repo: RepoRef): Promise<LoadResult>;
  /** Overrides (`/gate override`) and verdicts (`/merge`). */
  reports: Pick<ReportStore, "setOverride" | "getOverride" | "getVerdict">;
  /** `/rollback` reads an environment's history; `/deploy` checks the promotion order early. */
  history: Pick<DeploymentHistory, "forEnvironment" | "forSha">;
  commandLog: CommandLog;
  /** `/merge` requests waiting for their sha's gate (merge-waiting.ts). */
  state: StateStore;
  /** The commenter's role, cached (cachedRoleLookup). */
  roleOf: RoleLookup;
  /** `/report` re-collects runs; `/gate override` re-judges. */
  enqueue(request: EnqueueRequest): Promise<EnqueueResult>;
  now(): Date;
  log: Logger;
}
