import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { BullmqQueue, fromBullId, toBullId } from "../../src/queue/bullmq-queue.js";
import { ENQUEUE, runScript } from "../../src/queue/bullmq-scripts.js";
import type { Job } from "../../src/queue/queue.js";
import { bullmqHarness, TEST_REDIS_URL } from "./bullmq-queue-harness.js";
import type { QueueHarness } from "./queue-contract.js";
import { waitFor } from "./queue-contract.js";

describe("BullMQ job ids", () => {
  it.each(["collect:abc-123", "42", "a:b:c", "ünï ✓/%", "j"])(
    "encodes %s reversibly and without colons",
    (id) => {
      const bull = toBullId(id);
      expect(bull).not.toContain(":");
      expect(`${Number.parseInt(bull, 10)}`).not.toBe(bull);
      expect(fromBullId(bull)).toBe(id);
    },
  );
});

const url = TEST_REDIS_URL;
describe.skipIf(url === undefined)("BullMQ queue across replicas", () => {
  const harnesses: QueueHarness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.cleanup();
  });

  it("adds the job of an id whose first enqueuer died between remembering the id and adding the job", async () => {
    const h = await bullmqHarness(url ?? "", {});
    harnesses.push(h);
    const base = `bull:${h.name}:`;
    const bullId = toBullId("lost:1");
    const redis = new Redis(url ?? "");
    try {
      // What enqueue's first step leaves behind when the process dies before `add`.
      const marked = await runScript(
        redis,
        ENQUEUE,
        [`${base}tg:ids:lost:1`, "", `${base}tg:meta:${bullId}`],
        [
          bullId,
          Date.now(),
          0,
          -1,
          3600,
          JSON.stringify({ payload: 1, key: null, debounced: false }),
          base,
          3600,
          "k",
          "",
          8,
          `${base}tg:meta:`,
        ],
      );
      expect(marked).toEqual(["new", bullId]);
    } finally {
      redis.disconnect();
    }
    const payloads: unknown[] = [];
    await h.queue.start(async (job) => {
      payloads.push(job.payload);
    });
    expect(await h.queue.enqueue({ kind: "k", payload: 2, id: "lost:1" })).toEqual({
      id: "lost:1",
      deduped: true,
      merged: false,
    });
    await waitFor(() => payloads.length === 1, 5000);
    // A further redelivery neither adds nor runs it again.
    expect((await h.queue.enqueue({ kind: "k", payload: 3, id: "lost:1" })).deduped).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(payloads).toEqual([2]);
  });

  it("frees a key held by a crashed worker after one lease, and runs the waiting job of that key", async () => {
    const h = await bullmqHarness(url ?? "", { leaseMs: 300 });
    harnesses.push(h);
    await h.queue.start(() => new Promise<void>(() => {})); // hangs, then "kill -9"
    const first = await h.queue.enqueue({ kind: "render", payload: 1, key: "o/r@sha" });
    await waitFor(async () => (await h.queue.getJob(first.id))?.state === "running");
    h.crash(h.queue);
    await h.queue.enqueue({ kind: "render", payload: 2, key: "o/r@sha" });
    const next = await h.reopen({ leaseMs: 300 });
    const runs: Job[] = [];
    await next.start(async (job) => {
      runs.push(job);
    });
    await waitFor(() => runs.length === 2, 5000);
    expect(runs.map((r) => r.payload).sort()).toEqual([1, 2]);
    expect(runs.find((r) => r.payload === 1)?.attempt).toBe(2);
  });

  it("grants a named lease to one instance at a time until it expires", async () => {
    const h = await bullmqHarness(url ?? "", {});
    harnesses.push(h);
    const other = await h.reopen();
    if (!(h.queue instanceof BullmqQueue) || !(other instanceof BullmqQueue)) throw new Error("not BullMQ");
    expect(await h.queue.tryLease("sweep", 100)).toBe(true);
    expect(await other.tryLease("sweep", 100)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await other.tryLease("sweep", 100)).toBe(true);
  });

  it("hands the handler the id as given, and two instances share work without running an id twice", async () => {
    const h = await bullmqHarness(url ?? "", { leaseMs: 2000 });
    harnesses.push(h);
    const other = await h.reopen();
    const runs: Job[] = [];
    let active = 0;
    let peak = 0;
    const handler = async (job: Job) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      runs.push(job);
      active--;
    };
    await h.queue.start(handler, { concurrency: 4 });
    await other.start(handler, { concurrency: 4 });
    const requests = Array.from({ length: 40 }, (_, i) => ({
      kind: "collect",
      id: `collect:d-${i % 20}`,
      key: `o/r@${i % 3}`,
      payload: i % 20,
    }));
    // Every id enqueued twice, at once, through both instances.
    await Promise.all(requests.map((r, i) => (i % 2 ? other : h.queue).enqueue(r)));
    await waitFor(() => runs.length === 20, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toHaveLength(20);
    expect(new Set(runs.map((r) => r.id)).size).toBe(20);
    expect(runs.every((r) => r.id.startsWith("collect:d-"))).toBe(true);
    expect(peak).toBeLessThanOrEqual(3); // three keys: at most three at once across both instances
    expect((await h.queue.getJob("collect:d-7"))?.state).toBe("done");
  });
});
