/**
 * The embedded queue's SQL: every state change is one IMMEDIATE transaction (or one statement) on
 * the tables of migration 002. Synchronous (better-sqlite3); `SqliteQueue` adds the async API,
 * the dispatch loop and the timers.
 */
import { randomUUID } from "node:crypto";
import type { SqliteDatabase } from "../store/sqlite.js";
import type { EnqueueRequest, EnqueueResult, JobInfo, JobState, Json, QueueStats } from "./queue.js";
import { JOB_STATES } from "./queue.js";

export interface JobRow {
  id: string;
  kind: string;
  key: string | null;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: number;
  created_at: number;
  updated_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
}

export type MergePayload = (older: Json, newer: Json) => Json;

export interface ClaimResult {
  claimed: JobRow[];
  /** Jobs whose lease expired once too often (the process died on them every time). */
  crashed: JobRow[];
}

export function toJobInfo(row: JobRow): JobInfo {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    state: row.state,
    payload: JSON.parse(row.payload) as Json,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    enqueuedAt: row.created_at,
    lastError: row.last_error,
  };
}

function nonNegative(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

export class SqliteJobs {
  private readonly s;
  readonly enqueue: (request: EnqueueRequest, now: number) => EnqueueResult;
  readonly claim: (limit: number, workerId: string, now: number, leaseMs: number) => ClaimResult;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly defaults: { maxAttempts: number; merge: Record<string, MergePayload> },
  ) {
    this.s = {
      aliasOf: db.prepare("SELECT job_id FROM queue_ids WHERE id = ?").pluck(),
      addAlias: db.prepare("INSERT INTO queue_ids (id, job_id, created_at) VALUES (?, ?, ?)"),
      pendingWithKey: db.prepare(
        `SELECT * FROM queue_jobs WHERE key = ? AND kind = ? AND state = 'pending'
         ORDER BY rowid DESC LIMIT 1`,
      ),
      mergeInto: db.prepare(
        `UPDATE queue_jobs SET payload = @payload, run_at = @runAt, max_attempts = @maxAttempts, updated_at = @now
         WHERE id = @id`,
      ),
      insert: db.prepare(
        `INSERT INTO queue_jobs (id, kind, key, payload, state, attempts, max_attempts, run_at, created_at, updated_at)
         VALUES (@id, @kind, @key, @payload, 'pending', 0, @maxAttempts, @runAt, @now, @now)`,
      ),
      // Two index-ordered reads instead of one OR (which would sort every due row each tick).
      expired: db.prepare(
        `SELECT * FROM queue_jobs WHERE state = 'running' AND locked_until < @now ORDER BY locked_until LIMIT @limit`,
      ),
      due: db.prepare(
        `SELECT * FROM queue_jobs AS j
         WHERE j.state = 'pending' AND j.run_at <= @now
           AND (j.key IS NULL OR NOT EXISTS (
             SELECT 1 FROM queue_jobs AS r
             WHERE r.key = j.key AND r.state = 'running' AND r.locked_until >= @now))
         ORDER BY j.run_at LIMIT @limit`,
      ),
      markClaimed: db.prepare(
        `UPDATE queue_jobs SET state = 'running', attempts = attempts + 1, locked_by = @workerId,
         locked_until = @lockedUntil, updated_at = @now WHERE id = @id`,
      ),
      markCrashed: db.prepare(
        `UPDATE queue_jobs SET state = 'dead', locked_by = NULL, locked_until = NULL, updated_at = @now,
         last_error = @error WHERE id = @id`,
      ),
      complete: db.prepare(
        `UPDATE queue_jobs SET state = 'done', locked_by = NULL, locked_until = NULL, updated_at = @now
         WHERE id = @id AND state = 'running' AND locked_by = @workerId AND attempts = @attempts`,
      ),
      retry: db.prepare(
        `UPDATE queue_jobs SET state = 'pending', locked_by = NULL, locked_until = NULL, run_at = @runAt,
         last_error = @error, updated_at = @now
         WHERE id = @id AND state = 'running' AND locked_by = @workerId AND attempts = @attempts`,
      ),
      bury: db.prepare(
        `UPDATE queue_jobs SET state = 'dead', locked_by = NULL, locked_until = NULL, last_error = @error,
         updated_at = @now
         WHERE id = @id AND state = 'running' AND locked_by = @workerId AND attempts = @attempts`,
      ),
      release: db.prepare(
        `UPDATE queue_jobs SET state = 'pending', attempts = attempts - 1, locked_by = NULL, locked_until = NULL,
         run_at = @now, updated_at = @now
         WHERE id = @id AND state = 'running' AND locked_by = @workerId AND attempts = @attempts`,
      ),
      expireOwner: db.prepare(
        "UPDATE queue_jobs SET locked_until = 0 WHERE state = 'running' AND locked_by = ?",
      ),
      heartbeat: db.prepare(
        "UPDATE queue_jobs SET locked_until = ? WHERE state = 'running' AND locked_by = ?",
      ),
      byId: db.prepare(
        `SELECT j.* FROM queue_jobs AS j WHERE j.id = COALESCE((SELECT job_id FROM queue_ids WHERE id = @id), @id)`,
      ),
      counts: db.prepare("SELECT state, kind, COUNT(*) AS n FROM queue_jobs GROUP BY state, kind"),
      oldestDue: db
        .prepare("SELECT MIN(run_at) FROM queue_jobs WHERE state = 'pending' AND run_at <= ?")
        .pluck(),
      nextRunAt: db
        .prepare("SELECT MIN(run_at) FROM queue_jobs WHERE state = 'pending' AND run_at > ?")
        .pluck(),
      depth: db.prepare("SELECT COUNT(*) FROM queue_jobs WHERE state IN ('pending', 'running')").pluck(),
      pruneJobs: db.prepare("DELETE FROM queue_jobs WHERE state = ? AND updated_at < ?"),
      // An id lives as long as its job row does (dead rows outlive the id window), so a job id is
      // never reused while its row exists.
      pruneIds: db.prepare(
        "DELETE FROM queue_ids WHERE created_at < ? AND job_id NOT IN (SELECT id FROM queue_jobs)",
      ),
    };
    this.enqueue = db.transaction((request: EnqueueRequest, now: number) =>
      this.enqueueTx(request, now),
    ).immediate;
    this.claim = db.transaction((limit: number, workerId: string, now: number, leaseMs: number) =>
      this.claimTx(limit, workerId, now, leaseMs),
    ).immediate;
  }

  private enqueueTx(request: EnqueueRequest, now: number): EnqueueResult {
    if (request.id !== undefined) {
      const existing = this.s.aliasOf.get(request.id) as string | undefined;
      if (existing !== undefined) return { id: existing, deduped: true, merged: false };
    }
    const payload = JSON.stringify(request.payload);
    if (typeof payload !== "string") throw new TypeError(`job payload of kind "${request.kind}" is not JSON`);
    const requested = request.maxAttempts;
    const attempts =
      requested !== undefined && Number.isFinite(requested) ? requested : this.defaults.maxAttempts;
    const maxAttempts = Math.max(1, Math.trunc(attempts));
    const wait = Math.max(nonNegative(request.delayMs), request.key ? nonNegative(request.debounceMs) : 0);
    const runAt = now + wait;

    if (request.key && request.debounceMs !== undefined) {
      const pending = this.s.pendingWithKey.get(request.key, request.kind) as JobRow | undefined;
      if (pending) {
        const merge = this.defaults.merge[request.kind];
        const merged = merge
          ? JSON.stringify(merge(JSON.parse(pending.payload) as Json, request.payload))
          : payload;
        // A job waiting out a retry backoff keeps it (and its attempt count): new events during an
        // outage must neither hammer GitHub nor keep a failing job alive forever.
        let mergedRunAt = pending.attempts > 0 ? Math.max(runAt, pending.run_at) : runAt;
        if (pending.attempts === 0 && request.debounceMaxWaitMs !== undefined) {
          const latest = pending.created_at + nonNegative(request.debounceMaxWaitMs);
          mergedRunAt = Math.min(mergedRunAt, Math.max(latest, now));
        }
        this.s.mergeInto.run({ id: pending.id, payload: merged, runAt: mergedRunAt, maxAttempts, now });
        if (request.id !== undefined) this.s.addAlias.run(request.id, pending.id, now);
        return { id: pending.id, deduped: false, merged: true };
      }
    }
    const id = request.id ?? randomUUID();
    this.s.insert.run({ id, kind: request.kind, key: request.key ?? null, payload, maxAttempts, runAt, now });
    this.s.addAlias.run(id, id, now);
    return { id, deduped: false, merged: false };
  }

  private claimTx(limit: number, workerId: string, now: number, leaseMs: number): ClaimResult {
    // Read a few more than needed: rows sharing a key are skipped after the first.
    const window = { now, limit: limit * 4 + 8 };
    const rows = [...this.s.expired.all(window), ...this.s.due.all(window)] as JobRow[];
    const keys = new Set<string>();
    const claimed: JobRow[] = [];
    const crashed: JobRow[] = [];
    for (const row of rows) {
      if (claimed.length >= limit) break;
      if (row.key !== null && keys.has(row.key)) continue;
      if (row.state === "running" && row.attempts >= row.max_attempts) {
        const error = `lease expired ${row.attempts} times: the worker died while running it (crash loop?)`;
        this.s.markCrashed.run({ id: row.id, now, error });
        crashed.push({ ...row, state: "dead", last_error: error });
        continue;
      }
      if (row.key !== null) keys.add(row.key);
      const lockedUntil = now + leaseMs;
      this.s.markClaimed.run({ id: row.id, workerId, lockedUntil, now });
      claimed.push({ ...row, state: "running", attempts: row.attempts + 1, locked_by: workerId });
    }
    return { claimed, crashed };
  }

  complete(row: JobRow, now: number): boolean {
    return (
      this.s.complete.run({ id: row.id, workerId: row.locked_by, attempts: row.attempts, now }).changes > 0
    );
  }

  retry(row: JobRow, runAt: number, error: string, now: number): boolean {
    const params = { id: row.id, workerId: row.locked_by, attempts: row.attempts, runAt, error, now };
    return this.s.retry.run(params).changes > 0;
  }

  bury(row: JobRow, error: string, now: number): boolean {
    const params = { id: row.id, workerId: row.locked_by, attempts: row.attempts, error, now };
    return this.s.bury.run(params).changes > 0;
  }

  /** Back to pending, runnable now, this attempt not counted. */
  release(row: JobRow, now: number): boolean {
    return (
      this.s.release.run({ id: row.id, workerId: row.locked_by, attempts: row.attempts, now }).changes > 0
    );
  }

  /** Make a dead owner's jobs claimable at once (their attempt stays counted: the job may be why it died). */
  expireOwner(workerId: string): number {
    return this.s.expireOwner.run(workerId).changes;
  }

  heartbeat(workerId: string, lockedUntil: number): number {
    return this.s.heartbeat.run(lockedUntil, workerId).changes;
  }

  get(id: string): JobRow | undefined {
    return this.s.byId.get({ id }) as JobRow | undefined;
  }

  /** The earliest run time still in the future (due jobs are claimed now or wait for a wake-up). */
  nextRunAt(now: number): number | undefined {
    const value = this.s.nextRunAt.get(now) as number | null;
    return value ?? undefined;
  }

  depth(): number {
    return this.s.depth.get() as number;
  }

  stats(now: number): QueueStats {
    const empty = (): Record<JobState, number> => ({ pending: 0, running: 0, done: 0, dead: 0 });
    const byState = empty();
    const byKind: Record<string, Record<JobState, number>> = {};
    for (const { kind, state, n } of this.s.counts.all() as { kind: string; state: JobState; n: number }[]) {
      if (!JOB_STATES.includes(state)) continue;
      byState[state] += n;
      byKind[kind] ??= empty();
      byKind[kind][state] += n;
    }
    const oldest = this.s.oldestDue.get(now) as number | null;
    return { byState, byKind, oldestDueAgeMs: oldest === null ? 0 : Math.max(0, now - oldest) };
  }

  prune(now: number, retention: { doneMs: number; deadMs: number; idsMs: number }): number {
    const run = this.db.transaction(
      () =>
        this.s.pruneJobs.run("done", now - retention.doneMs).changes +
        this.s.pruneJobs.run("dead", now - retention.deadMs).changes +
        this.s.pruneIds.run(now - retention.idsMs).changes,
    );
    return run.immediate();
  }
}
