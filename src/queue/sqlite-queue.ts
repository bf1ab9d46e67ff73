/**
 * The embedded durable queue: jobs in the same SQLite file as the store (migration 002).
 *
 * - Dispatch: a poll loop (default every 250 ms, sooner when a delayed job comes due) that a local
 *   enqueue or a finished job wakes at once; no busy loop, timers unref'd.
 * - Claiming takes a lease (`locked_until = now + leaseMs`) renewed by a heartbeat every
 *   leaseMs/3. A job whose lease expired (its process was killed) is claimed again by any worker;
 *   its attempt stays counted, so a job that kills the process every time ends `dead` ("crashed").
 * - On `start()` a worker also recovers at once the jobs of previous workers known dead on this
 *   host (gone pid, or our own pid after a container restart) — see sqlite-workers.ts — and of an
 *   earlier life of its own `workerId` (only safe when that id is unique among live processes;
 *   the default id is unique per process).
 * - Crash recovery time: immediate on the same host (restart), otherwise at most `leaseMs`
 *   (default 30 s) after the crash.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { SqliteDatabase } from "../store/sqlite.js";
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import { describeError, isPermanent, retryAfterMs } from "./errors.js";
import { QueueEvents } from "./events.js";
import { isProcessAlive } from "./process-liveness.js";
import type {
  EnqueueRequest,
  EnqueueResult,
  Job,
  JobHandler,
  JobInfo,
  Json,
  Queue,
  QueueEvent,
  QueueEventMap,
  QueueStats,
  StartOptions,
  StopOptions,
} from "./queue.js";
import { type JobRow, type MergePayload, SqliteJobs, toJobInfo } from "./sqlite-jobs.js";
import { SqliteWorkers } from "./sqlite-workers.js";

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

export interface SqliteQueueOptions {
  /** Unique per live process. Default: host:pid:random. */
  workerId?: string;
  /** Lease length (default 30 000 ms); renewed every `heartbeatMs` (default leaseMs / 3). */
  leaseMs?: number;
  heartbeatMs?: number;
  /** Longest sleep of the dispatch loop (default 250 ms). */
  pollIntervalMs?: number;
  /** Default attempts before `dead` (8). */
  maxAttempts?: number;
  backoff?: Partial<BackoffOptions>;
  /** Keep idempotency ids 7 days, done jobs 1 hour, dead jobs 30 days; prune every 10 minutes. */
  idRetentionMs?: number;
  doneRetentionMs?: number;
  deadRetentionMs?: number;
  pruneIntervalMs?: number;
  /** Debounce merge per kind: `(older, newer) => merged`. Kinds without one: the newer payload wins. */
  mergePayload?: Record<string, MergePayload>;
  /** Injected for tests. */
  now?: () => number;
  random?: () => number;
  isProcessAlive?: (pid: number) => boolean;
  hostname?: string;
  pid?: number;
  /** Epoch ms this process started (default from process.uptime()). */
  processStartedAt?: number;
}

interface InFlight {
  row: JobRow;
  controller: AbortController;
  done: Promise<void>;
}

function jobOf(row: JobRow): Omit<Job, "signal"> {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as Json,
    key: row.key,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
    enqueuedAt: row.created_at,
  };
}

export class SqliteQueue implements Queue {
  readonly workerId: string;
  private readonly jobs: SqliteJobs;
  private readonly workers: SqliteWorkers;
  private readonly events = new QueueEvents();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly leaseMs: number;
  private readonly backoff: BackoffOptions;
  private readonly inFlight = new Map<string, InFlight>();
  private handler: JobHandler | undefined;
  private concurrency = 4;
  private accepting = false;
  private wakeQueued = false;
  private stopping: Promise<void> | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly options: SqliteQueueOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.workerId =
      options.workerId ??
      `${options.hostname ?? hostname()}:${options.pid ?? process.pid}:${randomUUID().slice(0, 8)}`;
    this.jobs = new SqliteJobs(db, {
      maxAttempts: options.maxAttempts ?? 8,
      merge: options.mergePayload ?? {},
    });
    this.workers = new SqliteWorkers(db);
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
    if (!request.kind) throw new TypeError("a job needs a kind");
    const result = this.jobs.enqueue(request, this.now());
    if (!result.deduped) this.wake();
    return result;
  }

  async start(handler: JobHandler, options: StartOptions = {}): Promise<void> {
    if (this.handler) throw new Error("queue already started");
    const self = {
      id: this.workerId,
      hostname: this.options.hostname ?? hostname(),
      pid: this.options.pid ?? process.pid,
      startedAt: this.options.processStartedAt ?? Date.now() - process.uptime() * 1000,
    };
    const now = this.now();
    const dead = this.workers.deadPredecessors(
      self,
      this.options.isProcessAlive ?? isProcessAlive,
      now,
      Math.max(10 * this.leaseMs, DAY),
    );
    this.db.transaction(() => {
      for (const id of [...dead, self.id]) this.jobs.expireOwner(id);
      this.workers.register(self, now);
    })();
    this.handler = handler;
    this.concurrency = Math.max(1, Math.trunc(options.concurrency ?? 4));
    this.stopping = undefined;
    this.accepting = true;
    const heartbeatMs = this.options.heartbeatMs ?? Math.max(10, Math.floor(this.leaseMs / 3));
    this.heartbeatTimer = setInterval(() => this.heartbeat(), heartbeatMs).unref();
    this.pruneTimer = setInterval(() => this.prune(), this.options.pruneIntervalMs ?? 10 * 60_000).unref();
    this.prune();
    this.wake();
  }

  stop(options: StopOptions = {}): Promise<void> {
    this.stopping ??= this.drain(options.deadlineMs ?? 10_000);
    return this.stopping;
  }

  on<E extends QueueEvent>(event: E, listener: (event: QueueEventMap[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  async getJob(id: string): Promise<JobInfo | undefined> {
    const row = this.jobs.get(id);
    return row ? toJobInfo(row) : undefined;
  }

  async stats(): Promise<QueueStats> {
    return this.jobs.stats(this.now());
  }

  async depth(): Promise<number> {
    return this.jobs.depth();
  }

  async ping(): Promise<void> {
    this.db.prepare("SELECT 1 FROM queue_jobs LIMIT 1").get();
  }

  /** Delete done/dead jobs and idempotency ids past their retention. Runs on a timer; public for tests. */
  prune(): number {
    try {
      return this.jobs.prune(this.now(), {
        doneMs: this.options.doneRetentionMs ?? HOUR,
        deadMs: this.options.deadRetentionMs ?? 30 * DAY,
        idsMs: this.options.idRetentionMs ?? 7 * DAY,
      });
    } catch (error) {
      this.events.emit("error", { error });
      return 0;
    }
  }

  /**
   * Test helper simulating kill -9: timers stop, nothing is released or written; jobs stay `running`
   * under this worker's lease. Handlers still in memory finish into `leaseLost`.
   */
  abandon(): void {
    this.accepting = false;
    this.clearTimers();
    this.handler = undefined;
    this.inFlight.clear();
  }

  private wake(): void {
    if (!this.accepting || this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.tick();
    });
  }

  private tick(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    if (!this.accepting) return;
    let sleepMs = this.options.pollIntervalMs ?? 250;
    try {
      const free = this.concurrency - this.inFlight.size;
      if (free > 0) {
        const { claimed, crashed } = this.jobs.claim(free, this.workerId, this.now(), this.leaseMs);
        for (const row of crashed) {
          this.events.emit("dead", {
            job: jobOf(row),
            error: new Error(row.last_error ?? ""),
            reason: "crashed",
          });
        }
        for (const row of claimed) this.run(row);
      }
      // Due jobs not claimed now (all slots busy, or their key is running) are picked up when a
      // local job finishes (wake) or at the next poll; only future run times shorten the sleep.
      const now = this.now();
      const next = this.jobs.nextRunAt(now);
      if (next !== undefined) sleepMs = Math.min(sleepMs, Math.max(1, next - now));
    } catch (error) {
      this.events.emit("error", { error });
    }
    this.pollTimer = setTimeout(() => this.tick(), sleepMs).unref();
  }

  private run(row: JobRow): void {
    const handler = this.handler;
    if (!handler) return;
    const controller = new AbortController();
    const job = jobOf(row);
    const started = performance.now();
    const entry: InFlight = { row, controller, done: Promise.resolve() };
    this.inFlight.set(row.id, entry);
    entry.done = (async () => {
      try {
        await handler({ ...job, signal: controller.signal });
        this.settle(
          entry,
          () => this.jobs.complete(row, this.now()),
          () => {
            this.events.emit("completed", { job, durationMs: performance.now() - started });
          },
        );
      } catch (error) {
        this.fail(entry, job, error, performance.now() - started);
      } finally {
        if (this.inFlight.get(row.id) === entry) this.inFlight.delete(row.id);
        this.wake();
      }
    })();
  }

  private fail(entry: InFlight, job: Omit<Job, "signal">, error: unknown, durationMs: number): void {
    const { row } = entry;
    const message = describeError(error);
    const permanent = isPermanent(error);
    if (permanent || row.attempts >= row.max_attempts) {
      this.settle(
        entry,
        () => this.jobs.bury(row, message, this.now()),
        () => {
          this.events.emit("failed", { job, error, durationMs });
          this.events.emit("dead", { job, error, reason: permanent ? "permanent" : "attempts" });
        },
      );
      return;
    }
    const delayMs = backoffDelay(row.attempts, this.backoff, this.random, retryAfterMs(error));
    this.settle(
      entry,
      () => this.jobs.retry(row, this.now() + delayMs, message, this.now()),
      () => {
        this.events.emit("failed", { job, error, durationMs });
        this.events.emit("retrying", { job, error, delayMs });
      },
    );
  }

  /** Apply a final state change if we still own the job; otherwise report the lost lease. */
  private settle(entry: InFlight, write: () => boolean, onWritten: () => void): void {
    let written = false;
    try {
      written = write();
    } catch (error) {
      // The job stays running under our lease; it is retried after the lease expires.
      this.events.emit("error", { error });
      return;
    }
    if (written) onWritten();
    else this.events.emit("leaseLost", { job: jobOf(entry.row) });
  }

  private heartbeat(): void {
    try {
      const now = this.now();
      if (this.inFlight.size > 0) this.jobs.heartbeat(this.workerId, now + this.leaseMs);
      this.workers.beat(this.workerId, now);
    } catch (error) {
      this.events.emit("error", { error });
    }
  }

  private async drain(deadlineMs: number): Promise<void> {
    this.accepting = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    const running = [...this.inFlight.values()];
    if (running.length > 0) {
      // A referenced timer: the deadline must fire even if nothing else keeps the process alive.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
      });
      await Promise.race([Promise.allSettled(running.map((f) => f.done)), deadline]);
      clearTimeout(timer);
    }
    for (const entry of this.inFlight.values()) {
      entry.controller.abort(new Error("queue stopping: job released"));
      try {
        if (this.jobs.release(entry.row, this.now())) this.events.emit("released", { job: jobOf(entry.row) });
      } catch (error) {
        this.events.emit("error", { error });
      }
    }
    this.inFlight.clear();
    this.clearTimers();
    try {
      if (this.db.open) this.workers.unregister(this.workerId);
    } catch (error) {
      this.events.emit("error", { error });
    }
    this.handler = undefined;
  }

  private clearTimers(): void {
    clearTimeout(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    clearInterval(this.pruneTimer);
    this.pollTimer = undefined;
    this.heartbeatTimer = undefined;
    this.pruneTimer = undefined;
  }
}
