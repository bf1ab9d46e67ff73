import type { AutomergeRecord, AutomergeStore } from "./automerge.js";
import type { SqliteDatabase } from "./sqlite.js";

interface Row {
  repo: string;
  number: number;
  head_sha: string;
  action: string;
  outcome: string;
  summary: string;
  reasons: string;
  dependencies: string;
  decided_at: number;
}

const toRecord = (r: Row): AutomergeRecord => ({
  repo: r.repo,
  number: r.number,
  headSha: r.head_sha,
  action: r.action,
  outcome: r.outcome,
  summary: r.summary,
  reasons: JSON.parse(r.reasons) as string[],
  dependencies: JSON.parse(r.dependencies) as string[],
  decidedAt: new Date(r.decided_at),
});

export class SqliteAutomergeStore implements AutomergeStore {
  private readonly insert;
  private readonly select;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO automerge_decisions (repo, number, head_sha, action, outcome, summary, reasons, dependencies, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.select = db.prepare(
      "SELECT * FROM automerge_decisions WHERE repo = ? AND number = ? ORDER BY id DESC LIMIT ?",
    );
  }

  async record(e: AutomergeRecord): Promise<void> {
    this.insert.run(
      e.repo,
      e.number,
      e.headSha,
      e.action,
      e.outcome,
      e.summary,
      JSON.stringify(e.reasons),
      JSON.stringify(e.dependencies),
      e.decidedAt.getTime(),
    );
  }

  async latest(repo: string, number: number): Promise<AutomergeRecord | undefined> {
    const [first] = await this.history(repo, number, 1);
    return first;
  }

  async history(repo: string, number: number, limit = 20): Promise<AutomergeRecord[]> {
    return (this.select.all(repo, number, limit) as Row[]).map(toRecord);
  }
}
