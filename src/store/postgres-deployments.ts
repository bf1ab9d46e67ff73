// DeploymentHistory over PostgreSQL (migration postgres/005); same semantics as
// src/deploy/sqlite-history.ts. A status is applied under a row lock (SELECT … FOR UPDATE) because two
// replicas may handle two statuses of one deployment at the same time.
import {
  type DeploymentCreated,
  type DeploymentHistory,
  type DeploymentRecord,
  type DeploymentState,
  type DeploymentStatusUpdate,
  TERMINAL_STATES,
} from "../deploy/history.js";
import { replaces } from "../deploy/sqlite-history.js";
import type { PostgresPool } from "./postgres.js";

interface Row {
  repo: string;
  deployment_id: string;
  environment: string;
  sha: string;
  ref: string;
  creator: string | null;
  status: DeploymentState;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  succeeded_at: Date | null;
  log_url: string | null;
  environment_url: string | null;
}

function toRecord(r: Row): DeploymentRecord {
  return {
    repo: r.repo,
    deploymentId: Number(r.deployment_id),
    environment: r.environment,
    sha: r.sha,
    ref: r.ref,
    creator: r.creator,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    succeededAt: r.succeeded_at,
    logUrl: r.log_url,
    environmentUrl: r.environment_url,
  };
}

export class PostgresDeploymentHistory implements DeploymentHistory {
  constructor(private readonly pool: PostgresPool) {}

  async recordCreated(d: DeploymentCreated): Promise<{ inserted: boolean }> {
    const res = await this.pool.query(
      `INSERT INTO deployments (repo, deployment_id, environment, sha, ref, creator, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'created', $7, $7) ON CONFLICT (repo, deployment_id) DO NOTHING`,
      [d.repo, d.deploymentId, d.environment, d.sha, d.ref, d.creator, d.createdAt],
    );
    return { inserted: (res.rowCount ?? 0) > 0 };
  }

  async recordStatus(
    s: DeploymentStatusUpdate,
  ): Promise<{ record: DeploymentRecord; changed: boolean } | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<Row>(
        "SELECT * FROM deployments WHERE repo = $1 AND deployment_id = $2 FOR UPDATE",
        [s.repo, s.deploymentId],
      );
      const row = rows[0];
      if (!row) {
        await client.query("COMMIT");
        return undefined;
      }
      const next: Row = {
        ...row,
        log_url: s.logUrl ?? row.log_url,
        environment_url: s.environmentUrl ?? row.environment_url,
      };
      const changed = replaces(row.status, s.state);
      if (changed) {
        next.status = s.state;
        next.updated_at = s.at;
        if (s.state === "in_progress" && next.started_at === null) next.started_at = s.at;
        if (TERMINAL_STATES.has(s.state)) next.finished_at = s.at;
        if (s.state === "success") next.succeeded_at = s.at;
      }
      await client.query(
        `UPDATE deployments SET status = $1, updated_at = $2, started_at = $3, finished_at = $4,
           succeeded_at = $5, log_url = $6, environment_url = $7
         WHERE repo = $8 AND deployment_id = $9`,
        [
          next.status,
          next.updated_at,
          next.started_at,
          next.finished_at,
          next.succeeded_at,
          next.log_url,
          next.environment_url,
          s.repo,
          s.deploymentId,
        ],
      );
      await client.query("COMMIT");
      return { record: toRecord(next), changed };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async get(repo: string, deploymentId: number): Promise<DeploymentRecord | undefined> {
    const { rows } = await this.pool.query<Row>(
      "SELECT * FROM deployments WHERE repo = $1 AND deployment_id = $2",
      [repo, deploymentId],
    );
    const row = rows[0];
    return row ? toRecord(row) : undefined;
  }

  async forEnvironment(repo: string, environment: string, limit: number): Promise<DeploymentRecord[]> {
    // COLLATE NOCASE in SQLite: environment names compare case-insensitively.
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM deployments WHERE repo = $1 AND lower(environment) = lower($2)
       ORDER BY created_at DESC, deployment_id DESC LIMIT $3`,
      [repo, environment, limit],
    );
    return rows.map(toRecord);
  }

  async forSha(repo: string, sha: string): Promise<DeploymentRecord[]> {
    const { rows } = await this.pool.query<Row>(
      "SELECT * FROM deployments WHERE repo = $1 AND sha = $2 ORDER BY created_at DESC, deployment_id DESC",
      [repo, sha],
    );
    return rows.map(toRecord);
  }
}
