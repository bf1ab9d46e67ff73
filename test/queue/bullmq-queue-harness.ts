/** BullMQ queue harness: a fresh queue name per test on TEST_REDIS_URL, its keys deleted on cleanup. */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { BullmqQueue, type BullmqQueueOptions } from "../../src/queue/bullmq-queue.js";
import type { Queue } from "../../src/queue/queue.js";
import type { HarnessOptions, QueueHarness } from "./queue-contract.js";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL?.trim() || undefined;

export const REDIS_SKIP_MESSAGE =
  "Redis/BullMQ suites skipped: TEST_REDIS_URL is not set (see scripts/test-services.sh or .ci/run)";

export async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export async function bullmqHarness(
  url: string,
  o: HarnessOptions,
  extra: BullmqQueueOptions = {},
): Promise<QueueHarness & { name: string }> {
  const name = `t${randomBytes(5).toString("hex")}`;
  const queues: BullmqQueue[] = [];
  const open = (options: HarnessOptions) => {
    const q = new BullmqQueue(url, { name, ...options, ...extra });
    queues.push(q);
    return q;
  };
  return {
    name,
    queue: open(o),
    async reopen(next = o) {
      return open(next);
    },
    crash(queue: Queue) {
      if (!(queue instanceof BullmqQueue)) throw new Error("not a BullmqQueue");
      queue.abandon();
    },
    async cleanup() {
      for (const q of queues) await q.close();
      await deleteKeys(url, `bull:${name}:*`);
    },
  };
}
