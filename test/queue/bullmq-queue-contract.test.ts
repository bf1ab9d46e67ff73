import { describe, it } from "vitest";
import { bullmqHarness, REDIS_SKIP_MESSAGE, TEST_REDIS_URL } from "./bullmq-queue-harness.js";
import { queueContract } from "./queue-contract.js";

const url = TEST_REDIS_URL;

if (url === undefined) {
  describe("BullMQ queue", () => {
    it.skip(REDIS_SKIP_MESSAGE, () => {});
  });
  console.warn(REDIS_SKIP_MESSAGE);
} else {
  queueContract("Redis/BullMQ", (o) => bullmqHarness(url, o));
}
