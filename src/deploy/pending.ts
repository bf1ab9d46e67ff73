// Protection-rule requests waiting for a gate verdict, so they are decided when it concludes
// (protectionFollowUp) — GitHub waits up to 30 days for an answer.
import type { SqliteDatabase } from "../store/sqlite.js";

export interface PendingProtection {
  /** "owner/repo" */
  repo: string;
  runId: number;
  environment: string;
  sha: string;
  deploymentId: number | null;
  installationId: number;
  callbackUrl: string;
  /** Status reports posted so far (GitHub keeps 10). */
  reportsSent: number;
  /** The last status report's text (not re-posted when unchanged). */
  lastReport: string | null;
  createdAt: Date;
}

export interface PendingProtectionStore {
  /** Insert, or keep the existing row (same repo, run, environment). */
  save(p: PendingProtection): Promise<void>;
  forSha(repo: string, sha: string): Promise<PendingProtection[]>;
  noteReport(repo: string, runId: number, environment: string, text: string): Promise<void>;
  remove(repo: string, runId: number, environment: string): Promise<void>;
}

interface Row {
  repo: string;
  run_id: number;
  environment: string;
  sha: string;
  deployment_id: number | null;
  installation_id: number;
  callback_url: string;
  reports_sent: number;
  last_report: string | null;
  created_at: number;
}

export class SqlitePendingProtections implements PendingProtectionStore {
  private readonly insert;
  private readonly bySha;
  private readonly report;
  private readonly del;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO pending_protections (repo, run_id, environment, sha, deployment_id, installation_id,
         callback_url, reports_sent, last_report, created_at)
       VALUES (@repo, @run_id, @environment, @sha, @deployment_id, @installation_id, @callback_url,
         @reports_sent, @last_report, @created_at)
       ON CONFLICT (repo, run_id, environment) DO NOTHING`,
    );
    this.bySha = db.prepare<[string, string], Row>(
      "SELECT * FROM pending_protections WHERE repo = ? AND sha = ? ORDER BY created_at, run_id",
    );
    this.report = db.prepare(
      `UPDATE pending_protections SET reports_sent = reports_sent + 1, last_report = ?
       WHERE repo = ? AND run_id = ? AND environment = ?`,
    );
    this.del = db.prepare(
      "DELETE FROM pending_protections WHERE repo = ? AND run_id = ? AND environment = ?",
    );
  }

  async save(p: PendingProtection): Promise<void> {
    this.insert.run({
      repo: p.repo,
      run_id: p.runId,
      environment: p.environment,
      sha: p.sha,
      deployment_id: p.deploymentId,
      installation_id: p.installationId,
      callback_url: p.callbackUrl,
      reports_sent: p.reportsSent,
      last_report: p.lastReport,
      created_at: p.createdAt.getTime(),
    });
  }

  async forSha(repo: string, sha: string): Promise<PendingProtection[]> {
    return this.bySha.all(repo, sha).map((r) => ({
      repo: r.repo,
      runId: r.run_id,
      environment: r.environment,
      sha: r.sha,
      deploymentId: r.deployment_id,
      installationId: r.installation_id,
      callbackUrl: r.callback_url,
      reportsSent: r.reports_sent,
      lastReport: r.last_report,
      createdAt: new Date(r.created_at),
    }));
  }

  async noteReport(repo: string, runId: number, environment: string, text: string): Promise<void> {
    this.report.run(text, repo, runId, environment);
  }

  async remove(repo: string, runId: number, environment: string): Promise<void> {
    this.del.run(repo, runId, environment);
  }
}
