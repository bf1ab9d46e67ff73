// PendingProtectionStore over PostgreSQL (migration postgres/005); same semantics as src/deploy/pending.ts.
import type { PendingProtection, PendingProtectionStore } from "../deploy/pending.js";
import type { PostgresPool } from "./postgres.js";

interface Row {
  repo: string;
  run_id: string;
  environment: string;
  sha: string;
  deployment_id: string | null;
  installation_id: string;
  callback_url: string;
  reports_sent: number;
  last_report: string | null;
  created_at: Date;
}

export class PostgresPendingProtections implements PendingProtectionStore {
  constructor(private readonly pool: PostgresPool) {}

  async save(p: PendingProtection): Promise<void> {
    await this.pool.query(
      `INSERT INTO pending_protections (repo, run_id, environment, sha, deployment_id, installation_id,
         callback_url, reports_sent, last_report, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (repo, run_id, environment) DO NOTHING`,
      [
        p.repo,
        p.runId,
        p.environment,
        p.sha,
        p.deploymentId,
        p.installationId,
        p.callbackUrl,
        p.reportsSent,
        p.lastReport,
        p.createdAt,
      ],
    );
  }

  async forSha(repo: string, sha: string): Promise<PendingProtection[]> {
    const { rows } = await this.pool.query<Row>(
      "SELECT * FROM pending_protections WHERE repo = $1 AND sha = $2 ORDER BY created_at, run_id",
      [repo, sha],
    );
    return rows.map((r) => ({
      repo: r.repo,
      runId: Number(r.run_id),
      environment: r.environment,
      sha: r.sha,
      deploymentId: r.deployment_id === null ? null : Number(r.deployment_id),
      installationId: Number(r.installation_id),
      callbackUrl: r.callback_url,
      reportsSent: r.reports_sent,
      lastReport: r.last_report,
      createdAt: r.created_at,
    }));
  }

  async noteReport(repo: string, runId: number, environment: string, text: string): Promise<void> {
    await this.pool.query(
      `UPDATE pending_protections SET reports_sent = reports_sent + 1, last_report = $1
       WHERE repo = $2 AND run_id = $3 AND environment = $4`,
      [text, repo, runId, environment],
    );
  }

  async remove(repo: string, runId: number, environment: string): Promise<void> {
    await this.pool.query(
      "DELETE FROM pending_protections WHERE repo = $1 AND run_id = $2 AND environment = $3",
      [repo, runId, environment],
    );
  }
}
