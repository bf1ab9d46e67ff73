// The command log in PostgreSQL (migration postgres/006).
import type { PostgresPool } from "../store/postgres.js";
import type { CommandEntry, CommandLog, CommandRecord, CommandResult } from "./command-log.js";

interface Row {
  repo: string;
  source: string;
  line: number;
  number: number | null;
  actor: string;
  command: string;
  result: string;
  detail: string;
  created_at: Date;
  finished_at: Date | null;
}

const RESULTS: readonly string[] = ["started", "waiting", "done", "refused", "failed"];

const INSERT = `INSERT INTO command_log (repo, source, line, number, actor, command, result, detail, created_at, finished_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`;

export class PostgresCommandLog implements CommandLog {
  constructor(private readonly pool: PostgresPool) {}

  async start(e: CommandEntry, at: Date): Promise<boolean> {
    const r = await this.pool.query(INSERT, [
      e.repo,
      e.source,
      e.line,
      e.number,
      e.actor,
      e.command,
      "started",
      "",
      at,
      null,
    ]);
    return r.rowCount === 1;
  }

  async refused(e: CommandEntry, detail: string, at: Date): Promise<boolean> {
    const r = await this.pool.query(INSERT, [
      e.repo,
      e.source,
      e.line,
      e.number,
      e.actor,
      e.command,
      "refused",
      detail,
      at,
      at,
    ]);
    return r.rowCount === 1;
  }

  async finish(
    repo: string,
    source: string,
    line: number,
    result: Exclude<CommandResult, "started">,
    detail: string,
    at: Date,
  ): Promise<void> {
    await this.pool.query(
      "UPDATE command_log SET result = $1, detail = $2, finished_at = $3 WHERE repo = $4 AND source = $5 AND line = $6",
      [result, detail, at, repo, source, line],
    );
  }

  async forPull(repo: string, number: number, limit: number): Promise<CommandRecord[]> {
    const { rows } = await this.pool.query<Row>(
      "SELECT * FROM command_log WHERE repo = $1 AND number = $2 ORDER BY created_at DESC, line DESC LIMIT $3",
      [repo, number, limit],
    );
    return rows.map((r) => ({
      repo: r.repo,
      source: r.source,
      line: r.line,
      number: r.number,
      actor: r.actor,
      command: r.command,
      result: (RESULTS.includes(r.result) ? r.result : "failed") as CommandResult,
      detail: r.detail,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    }));
  }
}
