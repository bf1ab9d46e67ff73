/**
 * The scale-out queue: BullMQ on Redis, shared by any number of replicas (REDIS_URL).
 *
 * BullMQ supplies durable jobs, delays, leases (job locks + the stalled-job checker, which re-runs a
 * job whose process died), retries and the failed set (dead-letter). What the contract needs beyond
 * open-source BullMQ lives in bullmq-scripts.ts, under `<prefix>:<queue>:tg:`:
 *   ids:<id>        idempotency id → job id, 7 days (BullMQ's own jobId dedupe ends when the job is removed)
 *   deb:<kind>|<key> the pending job a debounced request folds into (deleted when that job starts)
 *   lock:<key>      per-key serialisation: the job id holding the key, with a lease renewed while it runs
 *   meta:<job>      kind, key, maxAttempts, enqueuedAt, runs, released (our attempt count)
 * Per-key serialisation without BullMQ Pro's groups: a worker that picks a job whose key is held puts
 * it back as delayed (20 ms, doubling to 1 s while the key stays busy) without counting an attempt.
 * A key never blocks a worker slot, and a crashed holder's lock expires after one lease. The price is
 * polling while a key is busy, which is rare (one commit's jobs) and bounded.
 * Retries and dead-letter are decided here (attempt = runs − released), so a crash, a release and a
 * failure are counted the same way as in the embedded queue.
 */
import { randomUUID } from "node:crypto";
import { Job as BullJob, Queue as BullQueue, DelayedError, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import { CLAIM, ENQUEUE, RENEW, runScript, UNLOCK, UNMARK } from "./bullmq-scripts.js";
import { describeError, isPermanent, retryAfterMs } from "./errors.js";
import { QueueEvents } from "./events.js";
import {
  type EnqueueRequest,
  type EnqueueResult,
  JOB_STATES,
  type Job,
  type JobHandler,
  type JobInfo,
  type JobState,
  type Json,
  type Queue,
  type QueueEvent,
  type QueueEventMap,
  type QueueStats,
  type StartOptions,
  type StopOptions,
} from "./queue.js";

export interface BullmqQueueOptions {
  /** BullMQ queue name (default "tollgate"); replicas sharing work use the same one. */
  name?: string;
  /** Redis key prefix (default "bull"). */
  prefix?: string;
  /** Job lock duration; a crashed worker's job runs again about one to two leases later (default 30 s). */
  leaseMs?: number;
  maxAttempts?: number;
  /** Merged over DEFAULT_BACKOFF. */
  backoff?: Partial<BackoffOptions>;
  random?: () => number;
  /** Idempotency ids are remembered this long (default 7 days, beyond GitHub's 3-day redelivery window). */
  idRetentionMs?: number;
  /** Finished jobs are kept this long for getJob/stats (default 1 hour; dead ones 30 days). */
  doneRetentionMs?: number;
  deadRetentionMs?: number;
}

/** What BullMQ stores as job data: the payload and the locator of its key. */
interface JobData {
  payload: Json;
  key: string | null;
  debounced: boolean;
}

type Outcome =
  | { kind: "completed"; job: Omit<Job, "signal">; durationMs: number }
  | { kind: "retry"; job: Omit<Job, "signal">; error: unknown; durationMs: number; delayMs: number }
  | {
      kind: "dead";
      job: Omit<Job, "signal">;
      error: unknown;
      durationMs: number;
      reason: "attempts" | "permanent" | "crashed";
    };

const DAY = 86_400_000;
/** BullMQ's own attempt limit is out of the way: this queue decides when a job is dead. */
const BULL_ATTEMPTS = 1_000_000;
/**
 * BullMQ refuses job ids with ":" or made of digits; ours are free text ("collect:<delivery id>"), so
 * BullMQ sees an injective encoding and every public answer is decoded.
 */
export function toBullId(id: string): string {
  return `j${encodeURIComponent(id)}`;
}

export function fromBullId(bullId: string): string {
  return bullId.startsWith("j") ? decodeURIComponent(bullId.slice(1)) : bullId;
}

function bullState(state: string): JobState {
  if (state === "active") return "running";
  if (state === "completed") return "done";
  if (state === "failed") return "dead";
  return "pending";
}

function emptyCounts(): Record<JobState, number> {
  return Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
}

function isJobData(value: unknown): value is JobData {
  return typeof value === "object" && value !== null && "payload" in value;
}

export class BullmqQueue implements Queue {
  private readonly events = new QueueEvents();
  private readonly redis: Redis;
  private readonly bull: BullQueue;
  private readonly name: string;
  private readonly base: string;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly idTtlS: number;
  private readonly metaTtlS: number;
  private readonly doneRetentionMs: number;
  private readonly deadRetentionMs: number;
  private worker: Worker | undefined;
  private workerRedis: Redis | undefined;
  private readonly running = new Map<string, AbortController>();
  private readonly outcomes = new Map<string, Outcome>();
  private stopping: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    options: BullmqQueueOptions = {},
  ) {
    this.name = options.name ?? "tollgate";
    const prefix = options.prefix ?? "bull";
    this.base = `${prefix}:${this.name}:tg:`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.idTtlS = Math.ceil((options.idRetentionMs ?? 7 * DAY) / 1000);
    this.doneRetentionMs = options.doneRetentionMs ?? 3_600_000;
    this.deadRetentionMs = options.deadRetentionMs ?? 30 * DAY;
    this.metaTtlS = Math.ceil(Math.max(this.idTtlS * 1000, this.deadRetentionMs) / 1000) + 3600;
    this.redis = new Redis(url, { maxRetriesPerRequest: null });
    this.redis.on("error", (error) => this.events.emit("error", { error }));
    this.bull = new BullQueue(this.name, { connection: this.redis, prefix });
    this.bull.on("error", (error) => this.events.emit("error", { error }));
  }

  on<E extends QueueEvent>(event: E, listener: (event: QueueEventMap[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  private jobKey(jobId: string): string {
    return this.bull.toKey(jobId);
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
    const debounced = request.key !== undefined && request.debounceMs !== undefined;
    const key = request.key ?? null;
    const data: JobData = { payload: request.payload, key, debounced };
    const idKey = request.id !== undefined ? `${this.base}ids:${request.id}` : "";
    const debKey = debounced ? `${this.base}deb:${request.kind}|${key}` : "";
    const maxAttempts = request.maxAttempts ?? this.maxAttempts;
    for (let tries = 0; ; tries++) {
      const now = Date.now();
      const jobId = toBullId(request.id ?? randomUUID());
      const answer = (await runScript(
        this.redis,
        ENQUEUE,
        [idKey, debKey, `${this.base}meta:${jobId}`],
        [
          jobId,
          now,
          request.debounceMs ?? 0,
          request.debounceMaxWaitMs ?? -1,
          this.idTtlS,
          JSON.stringify(data),
          this.jobKey(""),
          this.metaTtlS,
          request.kind,
          key ?? "",
          maxAttempts,
          `${this.base}meta:`,
        ],
      )) as string[];
      const [verdict, target = jobId, extra] = answer;
      if (verdict === "dedup") {
        // The first enqueuer died between marking the id and adding the job: add it now (BullMQ
        // ignores an add whose job id exists, so racing a slow first enqueuer is harmless).
        if (extra !== "1") await this.add(request.kind, data, target, request.delayMs ?? 0);
        return { id: fromBullId(target), deduped: true, merged: false };
      }
      if (verdict === "merged") {
        await this.postpone(target, Number(extra) - Date.now());
        return { id: fromBullId(target), deduped: false, merged: true };
      }
      if (verdict === "notyet") {
        // Another enqueue is adding that job right now; after 1 s assume its process died.
        if (tries >= 200) await runScript(this.redis, UNMARK, ["", debKey], [target]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const delay = Math.max(request.delayMs ?? 0, debounced ? (request.debounceMs ?? 0) : 0);
      try {
        await this.add(request.kind, data, jobId, delay);
      } catch (error) {
        await runScript(this.redis, UNMARK, [idKey, debKey], [jobId]).catch(() => {});
        throw error;
      }
      return { id: fromBullId(jobId), deduped: false, merged: false };
    }
  }

  private async add(kind: string, data: JobData, jobId: string, delay: number): Promise<void> {
    await this.bull.add(kind, data, {
      jobId,
      delay,
      attempts: BULL_ATTEMPTS,
      backoff: { type: "tollgate" },
      removeOnComplete: { age: Math.ceil(this.doneRetentionMs / 1000) },
      removeOnFail: { age: Math.ceil(this.deadRetentionMs / 1000) },
    });
    await this.redis.hset(`${this.base}meta:${jobId}`, "added", 1);
  }

  /** Moves a pending job's run time (debounce); a job that has started meanwhile keeps going. */
  private async postpone(jobId: string, delayMs: number): Promise<void> {
    const job = await BullJob.fromId(this.bull, jobId);
    if (!job) return;
    try {
      if (await job.isDelayed()) await job.changeDelay(Math.max(0, delayMs));
    } catch {
      // It became active or waiting between the two calls: it runs with the merged payload anyway.
    }
  }

  async start(handler: JobHandler, options: StartOptions = {}): Promise<void> {
    if (this.worker) throw new Error("queue already started");
    this.workerRedis = new Redis(this.url, { maxRetriesPerRequest: null });
    this.workerRedis.on("error", (error) => this.events.emit("error", { error }));
    const worker = new Worker(this.name, (job, token) => this.process(job, token, handler), {
      connection: this.workerRedis,
      prefix: this.bull.opts.prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: this.leaseMs,
      stalledInterval: this.leaseMs,
      maxStalledCount: BULL_ATTEMPTS,
      settings: {
        backoffStrategy: (_made, _type, _err, job) => {
          const outcome = job?.id ? this.outcomes.get(job.id) : undefined;
          return outcome?.kind === "retry" ? outcome.delayMs : 0;
        },
      },
    });
    worker.on("error", (error) => this.events.emit("error", { error }));
    worker.on("completed", (job) => this.report(job.id));
    worker.on("failed", (job) => this.report(job?.id));
    this.worker = worker;
    await worker.waitUntilReady();
  }

  /** Emits a finished job's events once BullMQ has recorded its new state. */
  private report(jobId: string | undefined): void {
    if (jobId === undefined) return;
    const outcome = this.outcomes.get(jobId);
    this.outcomes.delete(jobId);
    if (!outcome) return;
    const { job, durationMs } = outcome;
    if (outcome.kind === "completed") {
      this.events.emit("completed", { job, durationMs });
      return;
    }
    if (outcome.kind === "retry" || outcome.reason !== "crashed") {
      this.events.emit("failed", { job, error: outcome.error, durationMs });
    }
    if (outcome.kind === "retry")
      this.events.emit("retrying", { job, error: outcome.error, delayMs: outcome.delayMs });
    else this.events.emit("dead", { job, error: outcome.error, reason: outcome.reason });
  }

  private async process(bullJob: BullJob, token: string | undefined, handler: JobHandler): Promise<void> {
    const jobId = bullJob.id;
    if (jobId === undefined) throw new UnrecoverableError("job without id");
    const stored = isJobData(bullJob.data) ? bullJob.data : { payload: null, key: null, debounced: false };
    const lockKey = stored.key !== null ? `${this.base}lock:${stored.key}` : "";
    const debKey = stored.debounced ? `${this.base}deb:${bullJob.name}|${stored.key}` : "";
    const claim = (await runScript(
      this.redis,
      CLAIM,
      [lockKey, debKey, `${this.base}meta:${jobId}`, this.jobKey(jobId)],
      [jobId, this.leaseMs],
    )) as string[];
    if (claim[0] === "busy") {
      const busy = Number(claim[1] ?? 1);
      const wait = Math.min(1000, 20 * 2 ** Math.min(busy - 1, 6));
      await bullJob.moveToDelayed(Date.now() + wait + Math.floor(this.random() * 10), token);
      throw new DelayedError();
    }
    const [, attemptText, dataText, maxText, enqueuedText] = claim;
    const fresh: unknown = dataText ? JSON.parse(dataText) : stored;
    const controller = new AbortController();
    const job: Job = {
      id: fromBullId(jobId),
      kind: bullJob.name,
      payload: isJobData(fresh) ? fresh.payload : stored.payload,
      key: stored.key,
      attempt: Number(attemptText),
      maxAttempts: Number(maxText) || this.maxAttempts,
      enqueuedAt: Number(enqueuedText) || bullJob.timestamp,
      signal: controller.signal,
    };
    const { signal: _signal, ...info } = job;
    const started = Date.now();
    if (job.attempt > job.maxAttempts) {
      await this.unlock(lockKey, jobId);
      const error = new Error(`lease expired ${job.attempt - 1} times (the worker crashed or hung)`);
      this.outcomes.set(jobId, { kind: "dead", job: info, error, durationMs: 0, reason: "crashed" });
      throw new UnrecoverableError(describeError(error));
    }
    this.running.set(jobId, controller);
    const renew = lockKey
      ? setInterval(
          () => {
            runScript(this.redis, RENEW, [lockKey], [jobId, this.leaseMs]).catch(() => {});
          },
          Math.max(10, Math.floor(this.leaseMs / 3)),
        )
      : undefined;
    let failure: { error: unknown } | undefined;
    try {
      await handler(job);
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(renew);
      this.running.delete(jobId);
      await this.unlock(lockKey, jobId);
    }
    const durationMs = Date.now() - started;
    if (controller.signal.aborted) {
      // stop() passed its deadline: back to pending, runnable at once, this run not counted.
      await this.redis.hincrby(`${this.base}meta:${jobId}`, "released", 1);
      await bullJob.moveToDelayed(Date.now(), token);
      this.events.emit("released", { job: info });
      throw new DelayedError();
    }
    if (!failure) {
      this.outcomes.set(jobId, { kind: "completed", job: info, durationMs });
      return;
    }
    const { error } = failure;
    if (isPermanent(error) || job.attempt >= job.maxAttempts) {
      const reason = isPermanent(error) ? "permanent" : "attempts";
      this.outcomes.set(jobId, { kind: "dead", job: info, error, durationMs, reason });
      throw new UnrecoverableError(describeError(error));
    }
    const delayMs = backoffDelay(job.attempt, this.backoff, this.random, retryAfterMs(error));
    this.outcomes.set(jobId, { kind: "retry", job: info, error, durationMs, delayMs });
    throw error instanceof Error ? error : new Error(describeError(error));
  }

  private async unlock(lockKey: string, jobId: string): Promise<void> {
    if (lockKey) await runScript(this.redis, UNLOCK, [lockKey], [jobId]).catch(() => {});
  }

  stop(options: StopOptions = {}): Promise<void> {
    this.stopping ??= this.drain(options.deadlineMs ?? 10_000);
    return this.stopping;
  }

  private async drain(deadlineMs: number): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const closing = worker.close();
    const inTime = await Promise.race([
      closing.then(() => true),
      new Promise<boolean>((resolve) => {
        setTimeout(() => resolve(false), deadlineMs);
      }),
    ]);
    if (!inTime) {
      for (const controller of this.running.values()) controller.abort();
      // A handler that ignores its signal keeps its job; the lease expires and another replica runs it.
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 2000))]);
    }
    this.workerRedis?.disconnect();
  }

  /** kill -9 for tests: no release, no more lock renewals; the job stays leased until its lease expires. */
  abandon(): void {
    this.stopping ??= Promise.resolve();
    void this.worker?.close(true).catch(() => {});
    this.workerRedis?.disconnect();
  }

  /** Closes the Redis connections (after `stop`). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stop({ deadlineMs: 0 });
    await this.bull.close().catch(() => {});
    this.redis.disconnect();
  }

  async getJob(id: string): Promise<JobInfo | undefined> {
    const jobId = (await this.redis.get(`${this.base}ids:${id}`)) ?? toBullId(id);
    const job = await BullJob.fromId(this.bull, jobId);
    if (!job?.id) return undefined;
    const [state, meta] = await Promise.all([
      job.getState(),
      this.redis.hmget(`${this.base}meta:${job.id}`, "runs", "released", "maxAttempts", "enqueuedAt"),
    ]);
    const jobState = bullState(state);
    const data = isJobData(job.data) ? job.data : { payload: null, key: null };
    const [runs, released, maxAttempts, enqueuedAt] = meta.map((v) => Number(v ?? 0));
    return {
      id: fromBullId(job.id),
      kind: job.name,
      key: data.key,
      state: jobState,
      payload: data.payload,
      attempts: (runs ?? 0) - (released ?? 0) - (jobState === "running" ? 1 : 0),
      maxAttempts: maxAttempts || this.maxAttempts,
      runAt: job.timestamp + (job.delay ?? 0),
      enqueuedAt: enqueuedAt || job.timestamp,
      lastError: job.failedReason || null,
    };
  }

  async stats(): Promise<QueueStats> {
    const byState = emptyCounts();
    const byKind: Record<string, Record<JobState, number>> = {};
    const now = Date.now();
    let oldestDueAgeMs = 0;
    const types = ["waiting", "delayed", "prioritized", "active", "completed", "failed"] as const;
    for (const type of types) {
      const state = bullState(type === "waiting" || type === "prioritized" ? "wait" : type);
      // Bounded: stats are scraped for metrics; kinds beyond the newest 1,000 per state are not broken down.
      const jobs = await this.bull.getJobs(type, 0, 999);
      const counts = await this.bull.getJobCounts(type);
      byState[state] += Object.values(counts).reduce((a, b) => a + b, 0);
      for (const job of jobs) {
        if (!job) continue;
        const kind = byKind[job.name] ?? emptyCounts();
        byKind[job.name] = kind;
        kind[state]++;
        if (type === "waiting" || type === "prioritized") {
          oldestDueAgeMs = Math.max(oldestDueAgeMs, now - (job.timestamp + (job.delay ?? 0)));
        }
      }
    }
    return { byState, byKind, oldestDueAgeMs };
  }

  async depth(): Promise<number> {
    const counts = await this.bull.getJobCounts("waiting", "delayed", "prioritized", "active");
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  /**
   * A lease shared by all replicas (e.g. "redelivery-sweep"): true when this caller holds it for the
   * next `ttlMs` (it expires by itself; one replica at a time does the leased work).
   */
  async tryLease(name: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.base}lease:${name}`, "1", "PX", Math.max(1, ttlMs), "NX")) === "OK";
  }

  /** Throws when Redis does not answer within 2 s (commands otherwise wait for a reconnect forever). */
  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("Redis did not answer PING within 2 s")), 2000);
    });
    try {
      await Promise.race([this.redis.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
