// DeploymentHistory over the embedded SQLite database (migration 007).
import type { SqliteDatabase } from "../store/sqlite.js";
import {
  type DeploymentCreated,
  type DeploymentHistory,
  type DeploymentRecord,
  type DeploymentState,
  type DeploymentStatusUpdate,
  TERMINAL_STATES,
} from "./history.js";

interface Row {
  repo: string;
  deployment_id: number;
  environment: string;
  sha: string;
  ref: string;
  creator: string | null;
  status: DeploymentState;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  succeeded_at: number | null;
  log_url: string | null;
  environment_url: string | null;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function toRecord(r: Row): DeploymentRecord {
  return {
    repo: r.repo,
    deploymentId: r.deployment_id,
    environment: r.environment,
    sha: r.sha,
    ref: r.ref,
    creator: r.creator,
    status: r.status,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
    succeededAt: date(r.succeeded_at),
    logUrl: r.log_url,
    environmentUrl: r.environment_url,
  };
}

/** Whether `next` may replace `current`: terminal states stick, except success → inactive. */
export function replaces(current: DeploymentState, next: DeploymentState): boolean {
  if (current === next) return false;
  if (next === "inactive") return true;
  if (TERMINAL_STATES.has(current)) return TERMINAL_STATES.has(next) && current !== "success";
  if (current === "inactive") return false;
  return true;
}

export class SqliteDeploymentHistory implements DeploymentHistory {
  private readonly insert;
  private readonly select;
  private readonly update;
  private readonly byEnv;
  private readonly bySha;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO deployments (repo, deployment_id, environment, sha, ref, creator, status, created_at, updated_at)
       VALUES (@repo, @deployment_id, @environment, @sha, @ref, @creator, 'created', @created_at, @created_at)
       ON CONFLICT (repo, deployment_id) DO NOTHING`,
    );
    this.select = db.prepare<[string, number], Row>(
      "SELECT * FROM deployments WHERE repo = ? AND deployment_id = ?",
    );
    this.update = db.prepare(
      `UPDATE deployments SET status = @status, updated_at = @updated_at, started_at = @started_at,
         finished_at = @finished_at, succeeded_at = @succeeded_at, log_url = @log_url,
         environment_url = @environment_url
       WHERE repo = @repo AND deployment_id = @deployment_id`,
    );
    this.byEnv = db.prepare<[string, string, number], Row>(
      `SELECT * FROM deployments WHERE repo = ? AND environment = ? COLLATE NOCASE
       ORDER BY created_at DESC, deployment_id DESC LIMIT ?`,
    );
    this.bySha = db.prepare<[string, string], Row>(
      "SELECT * FROM deployments WHERE repo = ? AND sha = ? ORDER BY created_at DESC, deployment_id DESC",
    );
  }

  async recordCreated(d: DeploymentCreated): Promise<{ inserted: boolean }> {
    const res = this.insert.run({
      repo: d.repo,
      deployment_id: d.deploymentId,
      environment: d.environment,
      sha: d.sha,
      ref: d.ref,
      creator: d.creator,
      created_at: d.createdAt.getTime(),
    });
    return { inserted: res.changes > 0 };
  }

  async recordStatus(
    s: DeploymentStatusUpdate,
  ): Promise<{ record: DeploymentRecord; changed: boolean } | undefined> {
    const row = this.select.get(s.repo, s.deploymentId);
    if (!row) return undefined;
    const at = s.at.getTime();
    const next: Row = {
      ...row,
      log_url: s.logUrl ?? row.log_url,
      environment_url: s.environmentUrl ?? row.environment_url,
    };
    const changed = replaces(row.status, s.state);
    if (changed) {
      next.status = s.state;
      next.updated_at = at;
      if (s.state === "in_progress" && next.started_at === null) next.started_at = at;
      if (TERMINAL_STATES.has(s.state)) next.finished_at = at;
      if (s.state === "success") next.succeeded_at = at;
    }
    this.update.run(next);
    return { record: toRecord(next), changed };
  }

  async get(repo: string, deploymentId: number): Promise<DeploymentRecord | undefined> {
    const row = this.select.get(repo, deploymentId);
    return row ? toRecord(row) : undefined;
  }

  async forEnvironment(repo: string, environment: string, limit: number): Promise<DeploymentRecord[]> {
    return this.byEnv.all(repo, environment, limit).map(toRecord);
  }

  async forSha(repo: string, sha: string): Promise<DeploymentRecord[]> {
    return this.bySha.all(repo, sha).map(toRecord);
  }
}
