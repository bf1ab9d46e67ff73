import type { Report } from "../reports/model.js";
import type { CollectProblem, GateOverride, ReportStore, RunReports, StoredVerdict } from "./reports.js";
import type { SqliteDatabase } from "./sqlite.js";

interface RunRow {
  repo: string;
  run_id: number;
  sha: string;
  run_name: string;
  branch: string | null;
  html_url: string | null;
  collected_at: number;
  reports: string;
  problems: string;
}

function toRun(row: RunRow): RunReports {
  return {
    repo: row.repo,
    runId: row.run_id,
    sha: row.sha,
    runName: row.run_name,
    branch: row.branch,
    htmlUrl: row.html_url,
    collectedAt: new Date(row.collected_at),
    reports: JSON.parse(row.reports) as Report[],
    problems: JSON.parse(row.problems) as CollectProblem[],
  };
}

export class SqliteReportStore implements ReportStore {
  private readonly upsertRun;
  private readonly selectRuns;
  private readonly selectBranch;
  private readonly upsertOverride;
  private readonly selectOverride;
  private readonly upsertVerdict;
  private readonly selectVerdict;

  constructor(db: SqliteDatabase) {
    this.upsertRun = db.prepare(
      `INSERT INTO run_reports (repo, run_id, sha, run_name, branch, html_url, collected_at, reports, problems)
       VALUES (@repo, @run_id, @sha, @run_name, @branch, @html_url, @collected_at, @reports, @problems)
       ON CONFLICT (repo, run_id) DO UPDATE SET sha = excluded.sha, run_name = excluded.run_name,
         branch = excluded.branch, html_url = excluded.html_url, collected_at = excluded.collected_at,
         reports = excluded.reports, problems = excluded.problems`,
    );
    this.selectRuns = db.prepare(
      "SELECT * FROM run_reports WHERE repo = ? AND sha = ? ORDER BY collected_at, run_id",
    );
    this.selectBranch = db.prepare(
      `SELECT sha, MAX(collected_at) AS collected_at FROM run_reports WHERE repo = ? AND branch = ?
       GROUP BY sha ORDER BY collected_at DESC LIMIT ?`,
    );
    this.upsertOverride = db.prepare(
      `INSERT INTO gate_overrides (repo, sha, by_login, reason, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (repo, sha) DO UPDATE SET by_login = excluded.by_login, reason = excluded.reason,
         created_at = excluded.created_at`,
    );
    this.selectOverride = db.prepare(
      "SELECT by_login, reason, created_at FROM gate_overrides WHERE repo = ? AND sha = ?",
    );
    this.upsertVerdict = db.prepare(
      `INSERT INTO verdicts (repo, sha, conclusion, summary, coverage_pct, decided_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (repo, sha) DO UPDATE SET conclusion = excluded.conclusion, summary = excluded.summary,
         coverage_pct = excluded.coverage_pct, decided_at = excluded.decided_at`,
    );
    this.selectVerdict = db.prepare("SELECT * FROM verdicts WHERE repo = ? AND sha = ?");
  }

  async saveRun(run: RunReports): Promise<void> {
    this.upsertRun.run({
      repo: run.repo,
      run_id: run.runId,
      sha: run.sha,
      run_name: run.runName,
      branch: run.branch,
      html_url: run.htmlUrl,
      collected_at: run.collectedAt.getTime(),
      reports: JSON.stringify(run.reports),
      problems: JSON.stringify(run.problems),
    });
  }

  async runsForSha(repo: string, sha: string): Promise<RunReports[]> {
    return (this.selectRuns.all(repo, sha) as RunRow[]).map(toRun);
  }

  async branchShas(
    repo: string,
    branch: string,
    limit: number,
  ): Promise<{ sha: string; collectedAt: Date }[]> {
    const rows = this.selectBranch.all(repo, branch, limit) as { sha: string; collected_at: number }[];
    return rows.map((r) => ({ sha: r.sha, collectedAt: new Date(r.collected_at) }));
  }

  async setOverride(repo: string, sha: string, o: GateOverride): Promise<void> {
    this.upsertOverride.run(repo, sha, o.by, o.reason, o.at.getTime());
  }

  async getOverride(repo: string, sha: string): Promise<GateOverride | undefined> {
    const row = this.selectOverride.get(repo, sha) as
      | { by_login: string; reason: string; created_at: number }
      | undefined;
    return row ? { by: row.by_login, reason: row.reason, at: new Date(row.created_at) } : undefined;
  }

  async saveVerdict(v: StoredVerdict): Promise<void> {
    this.upsertVerdict.run(v.repo, v.sha, v.conclusion, v.summary, v.coveragePct, v.decidedAt.getTime());
  }

  async getVerdict(repo: string, sha: string): Promise<StoredVerdict | undefined> {
    const row = this.selectVerdict.get(repo, sha) as
      | {
          repo: string;
          sha: string;
          conclusion: StoredVerdict["conclusion"];
          summary: string;
          coverage_pct: number | null;
          decided_at: number;
        }
      | undefined;
    return row
      ? {
          repo: row.repo,
          sha: row.sha,
          conclusion: row.conclusion,
          summary: row.summary,
          coveragePct: row.coverage_pct,
          decidedAt: new Date(row.decided_at),
        }
      : undefined;
  }
}
