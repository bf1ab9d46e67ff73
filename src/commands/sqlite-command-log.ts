// The command log in SQLite (migration 008).
import type { SqliteDatabase } from "../store/sqlite.js";
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
  created_at: number;
  finished_at: number | null;
}

const RESULTS: readonly string[] = ["started", "waiting", "done", "refused", "failed"];

const toRecord = (r: Row): CommandRecord => ({
  repo: r.repo,
  source: r.source,
  line: r.line,
  number: r.number,
  actor: r.actor,
  command: r.command,
  result: (RESULTS.includes(r.result) ? r.result : "failed") as CommandResult,
  detail: r.detail,
  createdAt: new Date(r.created_at),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
});

export class SqliteCommandLog implements CommandLog {
  private readonly insert;
  private readonly update;
  private readonly select;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO command_log (repo, source, line, number, actor, command, result, detail, created_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.update = db.prepare(
      "UPDATE command_log SET result = ?, detail = ?, finished_at = ? WHERE repo = ? AND source = ? AND line = ?",
    );
    this.select = db.prepare(
      "SELECT * FROM command_log WHERE repo = ? AND number = ? ORDER BY created_at DESC, line DESC LIMIT ?",
    );
  }

  async start(e: CommandEntry, at: Date): Promise<boolean> {
    const r = this.insert.run(
      e.repo,
      e.source,
      e.line,
      e.number,
      e.actor,
      e.command,
      "started",
      "",
      at.getTime(),
      null,
    );
    return r.changes === 1;
  }

  async refused(e: CommandEntry, detail: string, at: Date): Promise<boolean> {
    const t = at.getTime();
    const r = this.insert.run(
      e.repo,
      e.source,
      e.line,
      e.number,
      e.actor,
      e.command,
      "refused",
      detail,
      t,
      t,
    );
    return r.changes === 1;
  }

  async finish(
    repo: string,
    source: string,
    line: number,
    result: Exclude<CommandResult, "started">,
    detail: string,
    at: Date,
  ): Promise<void> {
    this.update.run(result, detail, at.getTime(), repo, source, line);
  }

  async forPull(repo: string, number: number, limit: number): Promise<CommandRecord[]> {
    return (this.select.all(repo, number, limit) as Row[]).map(toRecord);
  }
}
