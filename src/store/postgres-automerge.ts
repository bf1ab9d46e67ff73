import type { AutomergeRecord, AutomergeStore } from "./automerge.js";
import type { PostgresPool } from "./postgres.js";

interface Row {
  repo: string;
  number: number;
  head_sha: string;
  action: string;
  outcome: string;
  summary: string;
  reasons: string[];
  dependencies: string[];
  decided_at: Date;
}

export class PostgresAutomergeStore implements AutomergeStore {
  constructor(private readonly pool: PostgresPool) {}

  async record(e: AutomergeRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO automerge_decisions (repo, number, head_sha, action, outcome, summary, reasons, dependencies, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
      [
        e.repo,
        e.number,
        e.headSha,
        e.action,
        e.outcome,
        e.summary,
        JSON.stringify(e.reasons),
        JSON.stringify(e.dependencies),
        e.decidedAt,
      ],
    );
  }

  async latest(repo: string, number: number): Promise<AutomergeRecord | undefined> {
    const [first] = await this.history(repo, number, 1);
    return first;
  }

  async history(repo: string, number: number, limit = 20): Promise<AutomergeRecord[]> {
    const { rows } = await this.pool.query<Row>(
      "SELECT * FROM automerge_decisions WHERE repo = $1 AND number = $2 ORDER BY id DESC LIMIT $3",
      [repo, number, limit],
    );
    return rows.map((r) => ({
      repo: r.repo,
      number: r.number,
      headSha: r.head_sha,
      action: r.action,
      outcome: r.outcome,
      summary: r.summary,
      reasons: r.reasons,
      dependencies: r.dependencies,
      decidedAt: r.decided_at,
    }));
  }
}
