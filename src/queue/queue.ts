/**
 * The job queue port. Intake enqueues, workers run handlers. Two implementations are planned:
 * the embedded SQLite queue (`sqlite-queue.ts`, default) and a Redis/BullMQ queue (scale-out issue).
 * Handlers depend only on this file, so swapping the backend never touches them.
 *
 * Delivery guarantee: at-least-once. A job may run again after a crash (lease expiry), so every
 * handler must be idempotent (see DESIGN.md, "Every job is idempotent").
 */

/** JSON-serialisable value (what survives `JSON.stringify` → `JSON.parse` unchanged). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type JobState = "pending" | "running" | "done" | "dead";
export const JOB_STATES: readonly JobState[] = ["pending", "running", "done", "dead"];

/** What a producer asks for. Only `kind` and `payload` are required. */
export interface EnqueueRequest {
  /** Selects the handler, e.g. "workflow_run.completed" or "render". */
  kind: string;
  /** Stored as JSON; handlers validate it (zod) before use. */
  payload: Json;
  /**
   * Idempotency id. Enqueuing an id that was seen before (pending, running, done, dead, or merged
   * into another job by debounce) is a no-op answering `{ deduped: true }`. Ids are remembered for
   * the id-retention window (default 7 days). Intake passes the X-GitHub-Delivery id.
   * Without an id every enqueue is a new job (unless debounced by `key`).
   */
  id?: string;
  /**
   * Serialisation key, e.g. `render:owner/repo@sha`. Jobs with the same key never run concurrently
   * (across kinds): while one runs, the others wait for it to finish.
   */
  key?: string;
  /**
   * Debounce window; only meaningful with `key`. While a job of the same `kind` and `key` is still
   * *pending* (not yet running), this enqueue does not add a job: the pending job's payload is
   * replaced (last wins, or the queue's `mergePayload` for that kind) and its run time moves to
   * now + debounceMs. A burst of N enqueues within the window runs once. A pending job that is
   * waiting out a retry backoff keeps its attempt count and does not run before its retry time.
   * If the keyed job is already running, a new pending job is created and waits for it (the
   * running one may have read stale data, so the follow-up is needed).
   * Without `debounceMs`, same-key jobs are serialised but never merged.
   */
  debounceMs?: number;
  /**
   * With `debounceMs`: however often the key is enqueued, the pending job runs no later than its
   * first enqueue + debounceMaxWaitMs (like lodash's `maxWait`). Unset: a key enqueued more often
   * than `debounceMs` keeps postponing its job.
   */
  debounceMaxWaitMs?: number;
  /** Do not run before now + delayMs (the first job of a debounce burst waits max(delay, debounce)). */
  delayMs?: number;
  /** Attempts before the job goes `dead`. Default: the queue's `maxAttempts` (8). */
  maxAttempts?: number;
}

export interface EnqueueResult {
  /** The job that will carry this request (an existing one when merged). */
  id: string;
  /** The id was already known: nothing changed. */
  deduped: boolean;
  /** Debounce folded this request into an existing pending job `id`. */
  merged: boolean;
}

/** What a handler receives. */
export interface Job {
  id: string;
  kind: string;
  payload: Json;
  key: string | null;
  /** 1 on the first run; counts runs that failed or were cut short by a crash. */
  attempt: number;
  maxAttempts: number;
  /** Epoch ms when the job was first enqueued. */
  enqueuedAt: number;
  /** Aborted when `stop()` passes its deadline: finish quickly or give up; the job is released. */
  signal: AbortSignal;
}

/**
 * Resolve = done. Throw = failure: retried with exponential backoff and full jitter, unless the
 * error is permanent (`PermanentError` or `err.permanent === true`, see errors.ts) → dead at once.
 * An error carrying `retryAfterMs` (e.g. a GitHub rate limit) is not retried sooner than that.
 */
export type JobHandler = (job: Job) => Promise<void>;

export interface StartOptions {
  /** Jobs run at once by this process (default 4). */
  concurrency?: number;
}

export interface StopOptions {
  /**
   * How long to wait for in-flight jobs (default 10 000 ms). Jobs still running afterwards get
   * their `signal` aborted and are released: back to pending, runnable at once, attempt not counted.
   */
  deadlineMs?: number;
}

/** Snapshot of a job, for inspection (tests, admin, the delivery audit). */
export interface JobInfo {
  id: string;
  kind: string;
  key: string | null;
  state: JobState;
  payload: Json;
  attempts: number;
  maxAttempts: number;
  runAt: number;
  enqueuedAt: number;
  lastError: string | null;
}

export interface QueueStats {
  /** Counts by state (done and dead within their retention windows). */
  byState: Record<JobState, number>;
  /** Counts by kind, then state. Kinds with no jobs are absent. */
  byKind: Record<string, Record<JobState, number>>;
  /** Age in ms of the oldest pending job that is due now, 0 if none (queue-lag gauge). */
  oldestDueAgeMs: number;
}

export interface JobEventBase {
  job: Omit<Job, "signal">;
}
export interface QueueEventMap {
  /** The handler resolved. */
  completed: JobEventBase & { durationMs: number };
  /** The handler threw (always followed by `retrying` or `dead`). */
  failed: JobEventBase & { error: unknown; durationMs: number };
  /** A failed job will run again after `delayMs`. */
  retrying: JobEventBase & { error: unknown; delayMs: number };
  /** The job gave up: attempts exhausted, permanent error, or lease expired too often (crash loop). */
  dead: JobEventBase & { error: unknown; reason: "attempts" | "permanent" | "crashed" };
  /** `stop()` released a job that outran the deadline; it will run again. */
  released: JobEventBase;
  /** A job finished after this worker lost its lease (e.g. released by stop); its result was discarded. */
  leaseLost: JobEventBase;
  /** The dispatch loop hit an error (e.g. database busy); it keeps going. */
  error: { error: unknown };
}
export type QueueEvent = keyof QueueEventMap;

export interface Queue {
  /** Persist a job (durable when the promise resolves). Safe to call before `start()`. */
  enqueue(request: EnqueueRequest): Promise<EnqueueResult>;
  /** Begin claiming and running jobs. One handler per queue; dispatch by `job.kind` inside it. */
  start(handler: JobHandler, options?: StartOptions): Promise<void>;
  /** Stop claiming, drain in-flight jobs up to the deadline, release the rest. Idempotent. */
  stop(options?: StopOptions): Promise<void>;
  /** Subscribe to job events (logs, Prometheus). Returns an unsubscribe function. */
  on<E extends QueueEvent>(event: E, listener: (event: QueueEventMap[E]) => void): () => void;
  getJob(id: string): Promise<JobInfo | undefined>;
  stats(): Promise<QueueStats>;
  /** Jobs pending or running (the queue-depth gauge). */
  depth(): Promise<number>;
  /** Throws when the backend does not answer (used by GET /ready). */
  ping(): Promise<void>;
}
