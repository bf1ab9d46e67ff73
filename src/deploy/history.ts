// Deployment history per repository and environment: what promotion, protection and rollback read.
// The port is here; the SQLite implementation is sqlite-history.ts.

/** GitHub's deployment status states, plus `created` before any status arrived. */
export type DeploymentState =
  | "created"
  | "queued"
  | "pending"
  | "in_progress"
  | "success"
  | "failure"
  | "error"
  | "inactive";

export const TERMINAL_STATES: ReadonlySet<DeploymentState> = new Set(["success", "failure", "error"]);

export interface DeploymentRecord {
  /** "owner/repo" */
  repo: string;
  deploymentId: number;
  environment: string;
  sha: string;
  ref: string;
  creator: string | null;
  status: DeploymentState;
  createdAt: Date;
  updatedAt: Date;
  /** First time it was seen in_progress. */
  startedAt: Date | null;
  /** When it reached success, failure or error. */
  finishedAt: Date | null;
  /** When it reached success (kept when it later turns inactive). */
  succeededAt: Date | null;
  logUrl: string | null;
  environmentUrl: string | null;
}

export interface DeploymentCreated {
  repo: string;
  deploymentId: number;
  environment: string;
  sha: string;
  ref: string;
  creator: string | null;
  createdAt: Date;
}

export interface DeploymentStatusUpdate {
  repo: string;
  deploymentId: number;
  state: DeploymentState;
  at: Date;
  logUrl: string | null;
  environmentUrl: string | null;
}

export interface DeploymentHistory {
  /** Insert a deployment (a second call with the same id changes nothing but missing fields). */
  recordCreated(d: DeploymentCreated): Promise<{ inserted: boolean }>;
  /**
   * Apply a status. Statuses may arrive out of order (webhooks are not ordered): a terminal state is
   * never replaced by a non-terminal one. Answers the record after the change, or undefined when the
   * deployment was never recorded (its `deployment` event was lost; the caller records it first).
   * `changed` is false when the status was already applied (a redelivery) or is stale.
   */
  recordStatus(
    s: DeploymentStatusUpdate,
  ): Promise<{ record: DeploymentRecord; changed: boolean } | undefined>;
  get(repo: string, deploymentId: number): Promise<DeploymentRecord | undefined>;
  /** Deployments of one environment, newest first. */
  forEnvironment(repo: string, environment: string, limit: number): Promise<DeploymentRecord[]>;
  /** Deployments of one sha (every environment), newest first. */
  forSha(repo: string, sha: string): Promise<DeploymentRecord[]>;
}
