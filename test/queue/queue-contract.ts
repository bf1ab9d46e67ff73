/**
 * The Queue contract: every backend (embedded SQLite now, Redis/BullMQ later) runs this suite
 * unchanged. Timings are real but small; backends receive the options below so retries are quick.
 */
import { afterEach, describe, expect, it } from "vitest";
import { PermanentError } from "../../src/queue/errors.js";
import type { Job, Json, Queue, QueueEvent, QueueEventMap } from "../../src/queue/queue.js";

export interface HarnessOptions {
  leaseMs?: number;
  maxAttempts?: number;
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
}

export interface QueueHarness {
  queue: Queue;
  /** A second queue over the same backing store, as a new process would open it. */
  reopen(options?: HarnessOptions): Promise<Queue>;
  /** Simulates kill -9 of `queue`: nothing released, no more heartbeats, jobs stay leased. */
  crash(queue: Queue): void;
  cleanup(): Promise<void>;
}

export type MakeQueue = (options: HarnessOptions) => Promise<QueueHarness>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

function record<E extends QueueEvent>(queue: Queue, event: E): QueueEventMap[E][] {
  const seen: QueueEventMap[E][] = [];
  queue.on(event, (e) => seen.push(e));
  return seen;
}

const fast: HarnessOptions = {
  leaseMs: 2000,
  maxAttempts: 8,
  backoff: { baseMs: 5, capMs: 20 },
  random: () => 0.5,
};

export function queueContract(name: string, make: MakeQueue): void {
  describe(`Queue contract: ${name}`, () => {
    const harnesses: QueueHarness[] = [];
    const others: Queue[] = [];
    async function setup(options: HarnessOptions = {}): Promise<QueueHarness> {
      const h = await make({ ...fast, ...options });
      harnesses.push(h);
      return h;
    }
    async function reopen(h: QueueHarness, options: HarnessOptions = {}): Promise<Queue> {
      const q = await h.reopen({ ...fast, ...options });
      others.push(q);
      return q;
    }
    afterEach(async () => {
      for (const q of others.splice(0)) await q.stop({ deadlineMs: 0 });
      for (const h of harnesses.splice(0)) {
        await h.queue.stop({ deadlineMs: 0 });
        await h.cleanup();
      }
    });

    it("runs an enqueued job once with its payload, then reports it done", async () => {
      const { queue } = await setup();
      const runs: Job[] = [];
      const completed = record(queue, "completed");
      const { id, deduped } = await queue.enqueue({ kind: "hello", payload: { n: 1, list: ["a"] } });
      expect(deduped).toBe(false);
      expect(await queue.depth()).toBe(1);
      await queue.start(async (job) => {
        runs.push(job);
      });
      await waitFor(() => completed.length === 1);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ id, kind: "hello", payload: { n: 1, list: ["a"] }, attempt: 1 });
      expect((await queue.getJob(id))?.state).toBe("done");
      expect(await queue.depth()).toBe(0);
      expect((await queue.stats()).byKind.hello?.done).toBe(1);
    });

    it("treats the same id twice as one job, before and after it ran", async () => {
      const { queue } = await setup();
      let runs = 0;
      const first = await queue.enqueue({ kind: "delivery", payload: 1, id: "d-1" });
      const second = await queue.enqueue({ kind: "delivery", payload: 2, id: "d-1" });
      expect(first).toEqual({ id: "d-1", deduped: false, merged: false });
      expect(second).toEqual({ id: "d-1", deduped: true, merged: false });
      await queue.start(async () => {
        runs++;
      });
      await waitFor(async () => (await queue.getJob("d-1"))?.state === "done");
      expect((await queue.enqueue({ kind: "delivery", payload: 3, id: "d-1" })).deduped).toBe(true);
      await sleep(30);
      expect(runs).toBe(1);
      expect((await queue.getJob("d-1"))?.payload).toBe(1);
    });

    it("debounces a burst of 10 enqueues with one key into one run with the last payload", async () => {
      const { queue } = await setup();
      const payloads: Json[] = [];
      await queue.start(async (job) => {
        payloads.push(job.payload);
      });
      const results = [];
      for (let i = 0; i < 10; i++) {
        results.push(
          await queue.enqueue({
            kind: "render",
            payload: { i },
            key: "o/r@abc",
            debounceMs: 60,
            id: `w${i}`,
          }),
        );
      }
      expect(results.filter((r) => r.merged)).toHaveLength(9);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      // A merged request's own id is remembered too.
      expect(
        (await queue.enqueue({ kind: "render", payload: {}, key: "o/r@abc", debounceMs: 60, id: "w4" }))
          .deduped,
      ).toBe(true);
      await waitFor(() => payloads.length === 1);
      await sleep(100);
      expect(payloads).toEqual([{ i: 9 }]);
    });

    it("runs a debounced key within debounceMaxWaitMs even while enqueues keep coming", async () => {
      const { queue } = await setup();
      let runs = 0;
      await queue.start(async () => {
        runs++;
      });
      const until = Date.now() + 300;
      while (Date.now() < until) {
        await queue.enqueue({
          kind: "render",
          payload: null,
          key: "busy",
          debounceMs: 60,
          debounceMaxWaitMs: 100,
        });
        await sleep(10);
      }
      expect(runs).toBeGreaterThanOrEqual(1); // without the cap it would still be waiting
    });

    it("runs a follow-up when a debounced key is enqueued while its job runs", async () => {
      const { queue } = await setup();
      const payloads: Json[] = [];
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      await queue.start(async (job) => {
        payloads.push(job.payload);
        if (payloads.length === 1) await gate;
      });
      await queue.enqueue({ kind: "render", payload: 1, key: "k", debounceMs: 0 });
      await waitFor(() => payloads.length === 1);
      await queue.enqueue({ kind: "render", payload: 2, key: "k", debounceMs: 0 });
      await queue.enqueue({ kind: "render", payload: 3, key: "k", debounceMs: 0 });
      await sleep(40);
      expect(payloads).toEqual([1]); // same key: the follow-up waits
      release();
      await waitFor(() => payloads.length === 2);
      await sleep(30);
      expect(payloads).toEqual([1, 3]);
    });

    it("never runs two jobs with the same key at once, and runs them all", async () => {
      const { queue } = await setup();
      let active = 0;
      let peak = 0;
      let done = 0;
      await queue.start(
        async () => {
          active++;
          peak = Math.max(peak, active);
          await sleep(15);
          active--;
          done++;
        },
        { concurrency: 4 },
      );
      for (let i = 0; i < 5; i++) await queue.enqueue({ kind: "k", payload: i, key: "same" });
      await waitFor(() => done === 5);
      expect(peak).toBe(1);
    });

    it("runs jobs with different keys concurrently, up to the concurrency limit", async () => {
      const { queue } = await setup();
      let active = 0;
      let peak = 0;
      let done = 0;
      for (let i = 0; i < 7; i++) await queue.enqueue({ kind: "k", payload: i, key: `key-${i}` });
      await queue.start(
        async () => {
          active++;
          peak = Math.max(peak, active);
          await sleep(40);
          active--;
          done++;
        },
        { concurrency: 3 },
      );
      await waitFor(() => done === 7);
      expect(peak).toBe(3);
    });

    it("does not run a delayed job before its time", async () => {
      const { queue } = await setup();
      const started = Date.now();
      let ranAt = 0;
      await queue.start(async () => {
        ranAt = Date.now();
      });
      await queue.enqueue({ kind: "later", payload: null, delayMs: 80 });
      await waitFor(() => ranAt > 0);
      expect(ranAt - started).toBeGreaterThanOrEqual(75);
    });

    it("retries a failing job with backoff and succeeds", async () => {
      const { queue } = await setup();
      const retrying = record(queue, "retrying");
      const failed = record(queue, "failed");
      const attempts: number[] = [];
      await queue.start(async (job) => {
        attempts.push(job.attempt);
        if (job.attempt < 3) throw new Error(`flaky ${job.attempt}`);
      });
      const { id } = await queue.enqueue({ kind: "flaky", payload: null });
      await waitFor(async () => (await queue.getJob(id))?.state === "done");
      expect(attempts).toEqual([1, 2, 3]);
      expect(failed).toHaveLength(2);
      // full jitter, random 0.5: half of min(cap 20, base 5 · 2^(n−1))
      expect(retrying.map((r) => r.delayMs)).toEqual([2, 5]);
    });

    it("moves a job to dead after maxAttempts, keeping the last error", async () => {
      const { queue } = await setup({ maxAttempts: 3 });
      const dead = record(queue, "dead");
      let runs = 0;
      await queue.start(async (job) => {
        runs++;
        throw new Error(`boom ${job.attempt}`);
      });
      const { id } = await queue.enqueue({ kind: "doomed", payload: null });
      await waitFor(() => dead.length === 1);
      const info = await queue.getJob(id);
      expect(info).toMatchObject({ state: "dead", attempts: 3 });
      expect(info?.lastError).toContain("boom 3");
      expect(dead[0]?.reason).toBe("attempts");
      expect(runs).toBe(3);
      expect((await queue.stats()).byState.dead).toBe(1);
      expect(await queue.depth()).toBe(0);
    });

    it("honours a per-job maxAttempts", async () => {
      const { queue } = await setup({ maxAttempts: 8 });
      const dead = record(queue, "dead");
      await queue.start(async () => {
        throw new Error("no");
      });
      const { id } = await queue.enqueue({ kind: "x", payload: null, maxAttempts: 2 });
      await waitFor(() => dead.length === 1);
      expect((await queue.getJob(id))?.attempts).toBe(2);
    });

    it.each([
      ["PermanentError", () => new PermanentError("repository gone")],
      ["err.permanent === true", () => Object.assign(new Error("bad payload"), { permanent: true })],
    ])("sends a job to dead at once on %s", async (_label, makeError) => {
      const { queue } = await setup();
      const dead = record(queue, "dead");
      const retrying = record(queue, "retrying");
      await queue.start(async () => {
        throw makeError();
      });
      const { id } = await queue.enqueue({ kind: "p", payload: null });
      await waitFor(() => dead.length === 1);
      expect(dead[0]?.reason).toBe("permanent");
      expect(retrying).toHaveLength(0);
      expect(await queue.getJob(id)).toMatchObject({ state: "dead", attempts: 1 });
    });

    it("stop() lets in-flight jobs finish within the deadline and claims nothing more", async () => {
      const { queue } = await setup();
      let finished = 0;
      let started = 0;
      await queue.start(
        async () => {
          started++;
          await sleep(40);
          finished++;
        },
        { concurrency: 1 },
      );
      const a = await queue.enqueue({ kind: "slow", payload: 1 });
      const b = await queue.enqueue({ kind: "slow", payload: 2 });
      await waitFor(() => started === 1);
      await queue.stop({ deadlineMs: 2000 });
      expect(finished).toBe(1);
      expect((await queue.getJob(a.id))?.state).toBe("done");
      expect((await queue.getJob(b.id))?.state).toBe("pending");
    });

    it("stop() releases a job that overruns the deadline; another worker runs it, attempt not counted", async () => {
      const h = await setup();
      const released = record(h.queue, "released");
      let aborted = false;
      await h.queue.start(
        (job) =>
          new Promise<void>((resolve) => {
            job.signal.addEventListener("abort", () => {
              aborted = true;
              resolve();
            });
          }),
      );
      const { id } = await h.queue.enqueue({ kind: "stuck", payload: null });
      await waitFor(async () => (await h.queue.getJob(id))?.state === "running");
      const t0 = Date.now();
      await h.queue.stop({ deadlineMs: 50 });
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(aborted).toBe(true);
      expect(released).toHaveLength(1);
      expect(await h.queue.getJob(id)).toMatchObject({ state: "pending", attempts: 0 });

      const next = await reopen(h);
      const attempts: number[] = [];
      await next.start(async (job) => {
        attempts.push(job.attempt);
      });
      await waitFor(async () => (await next.getJob(id))?.state === "done");
      expect(attempts).toEqual([1]);
    });

    it("re-claims a job whose worker died (lease expired) in a new queue instance", async () => {
      const h = await setup({ leaseMs: 150 });
      await h.queue.start(() => new Promise<void>(() => {})); // hangs forever, like a killed process
      const { id } = await h.queue.enqueue({ kind: "crashy", payload: { x: 1 } });
      await waitFor(async () => (await h.queue.getJob(id))?.state === "running");
      h.crash(h.queue);

      const next = await reopen(h, { leaseMs: 150 });
      const runs: Job[] = [];
      const t0 = Date.now();
      await next.start(async (job) => {
        runs.push(job);
      });
      await waitFor(async () => (await next.getJob(id))?.state === "done", 5000);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ id, attempt: 2, payload: { x: 1 } });
      expect(Date.now() - t0).toBeLessThan(2000);
    });

    it("answers ping, depth and stats", async () => {
      const { queue } = await setup();
      await expect(queue.ping()).resolves.toBeUndefined();
      await queue.enqueue({ kind: "a", payload: null });
      await queue.enqueue({ kind: "a", payload: null });
      await queue.enqueue({ kind: "b", payload: null, delayMs: 60_000 });
      expect(await queue.depth()).toBe(3);
      const stats = await queue.stats();
      expect(stats.byState).toEqual({ pending: 3, running: 0, done: 0, dead: 0 });
      expect(stats.byKind.a?.pending).toBe(2);
      expect(stats.byKind.b?.pending).toBe(1);
      expect(stats.oldestDueAgeMs).toBeGreaterThanOrEqual(0);
    });

    it("keeps working when an event listener throws", async () => {
      const { queue } = await setup();
      queue.on("completed", () => {
        throw new Error("broken metrics hook");
      });
      let done = 0;
      await queue.start(async () => {
        done++;
      });
      await queue.enqueue({ kind: "a", payload: null });
      await queue.enqueue({ kind: "a", payload: null });
      await waitFor(() => done === 2);
      await waitFor(async () => (await queue.depth()) === 0);
    });
  });
}
