import type { Report } from "../reports/model.js";
import type { PostgresPool } from "./postgres.js";
import type { CollectProblem, GateOverride, ReportStore, RunReports, StoredVerdict } from "./reports.js";

interface RunRow {
  repo: string;
  /** bigint: pg answers a string. */
  run_id: string;
  sha: string;
  run_name: string;
  branch: string | null;
  html_url: string | null;
  collected_at: Date;
  reports: Report[];
  problems: CollectProblem[];
}

interface VerdictRow {
  repo: string;
  sha: string;
  conclusion: StoredVerdict["conclusion"];
  summary: string;
  coverage_pct: number | null;
  decided_at: Date;
}

function toRun(row: RunRow): RunReports {
  return {
    repo: row.repo,
    runId: Number(row.run_id),
    sha: row.sha,
    runName: row.run_name,
    branch: row.branch,
    htmlUrl: row.html_url,
    collectedAt: row.collected_at,
    reports: row.reports,
    problems: row.problems,
  };
}

export class PostgresReportStore implements ReportStore {
  constructor(private readonly pool: PostgresPool) {}

  async saveRun(run: RunReports): Promise<void> {
    await this.pool.query(
      `INSERT INTO run_reports (repo, run_id, sha, run_name, branch, html_url, collected_at, reports, problems)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9::json)
       ON CONFLICT (repo, run_id) DO UPDATE SET sha = excluded.sha, run_name = excluded.run_name,
         branch = excluded.branch, html_url = excluded.html_url, collected_at = excluded.collected_at,
         reports = excluded.reports, problems = excluded.problems`,
      [
        run.repo,
        run.runId,
        run.sha,
        run.runName,
        run.branch,
        run.htmlUrl,
        run.collectedAt,
        JSON.stringify(run.reports),
        JSON.stringify(run.problems),
      ],
    );
  }

  async runsForSha(repo: string, sha: string): Promise<RunReports[]> {
    const { rows } = await this.pool.query<RunRow>(
      "SELECT * FROM run_reports WHERE repo = $1 AND sha = $2 ORDER BY collected_at, run_id",
      [repo, sha],
    );
    return rows.map(toRun);
  }

  async branchShas(
    repo: string,
    branch: string,
    limit: number,
  ): Promise<{ sha: string; collectedAt: Date }[]> {
    const { rows } = await this.pool.query<{ sha: string; collected_at: Date }>(
      `SELECT sha, MAX(collected_at) AS collected_at FROM run_reports WHERE repo = $1 AND branch = $2
       GROUP BY sha ORDER BY collected_at DESC LIMIT $3`,
      [repo, branch, limit],
    );
    return rows.map((r) => ({ sha: r.sha, collectedAt: r.collected_at }));
  }

  async setOverride(repo: string, sha: string, o: GateOverride): Promise<void> {
    await this.pool.query(
      `INSERT INTO gate_overrides (repo, sha, by_login, reason, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (repo, sha) DO UPDATE SET by_login = excluded.by_login, reason = excluded.reason,
         created_at = excluded.created_at`,
      [repo, sha, o.by, o.reason, o.at],
    );
  }

  async getOverride(repo: string, sha: string): Promise<GateOverride | undefined> {
    const { rows } = await this.pool.query<{ by_login: string; reason: string; created_at: Date }>(
      "SELECT by_login, reason, created_at FROM gate_overrides WHERE repo = $1 AND sha = $2",
      [repo, sha],
    );
    const row = rows[0];
    return row ? { by: row.by_login, reason: row.reason, at: row.created_at } : undefined;
  }

  async saveVerdict(v: StoredVerdict): Promise<void> {
    await this.pool.query(
      `INSERT INTO verdicts (repo, sha, conclusion, summary, coverage_pct, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (repo, sha) DO UPDATE SET conclusion = excluded.conclusion, summary = excluded.summary,
         coverage_pct = excluded.coverage_pct, decided_at = excluded.decided_at`,
      [v.repo, v.sha, v.conclusion, v.summary, v.coveragePct, v.decidedAt],
    );
  }

  async getVerdict(repo: string, sha: string): Promise<StoredVerdict | undefined> {
    const { rows } = await this.pool.query<VerdictRow>(
      "SELECT * FROM verdicts WHERE repo = $1 AND sha = $2",
      [repo, sha],
    );
    const row = rows[0];
    return row
      ? {
          repo: row.repo,
          sha: row.sha,
          conclusion: row.conclusion,
          summary: row.summary,
          coveragePct: row.coverage_pct,
          decidedAt: row.decided_at,
        }
      : undefined;
  }
}
