import pino from "pino";
import { describe, expect, it } from "vitest";
import type { AutomergeDeps } from "../../src/automerge/deps.js";
import { automergeJob } from "../../src/automerge/job.js";
import { registerAutomergeJobs } from "../../src/automerge/jobs.js";
import { JobRegistry } from "../../src/jobs/registry.js";
import { isPermanent } from "../../src/queue/errors.js";
import type { Job } from "../../src/queue/queue.js";

const log = pino({ level: "silent" });

function registry(calls: number[]) {
  const jobs = new JobRegistry();
  registerAutomergeJobs(
    jobs,
    () =>
      ({
        octokitFor: async (id: number) => {
          calls.push(id);
          throw new Error("stop after the payload was accepted");
        },
      }) as unknown as AutomergeDeps,
  );
  return jobs;
}

const asJob = (payload: Job["payload"]): Job => ({
  id: "1",
  kind: "automerge",
  payload,
  key: null,
  attempt: 1,
  maxAttempts: 8,
  enqueuedAt: 0,
  signal: new AbortController().signal,
});

describe("registerAutomergeJobs", () => {
  it("accepts the payload automergeJob builds", async () => {
    const calls: number[] = [];
    const request = automergeJob({ installationId: 5, owner: "acme", repo: "api", number: 42, recheck: 1 });
    await expect(registry(calls).dispatch(asJob(request.payload), log)).rejects.toThrow(/stop after/);
    expect(calls).toEqual([5]);
    expect(request).toMatchObject({ kind: "automerge", key: "automerge:acme/api#42", debounceMs: 2_000 });
  });

  it("a malformed payload is a permanent error (dead at once)", async () => {
    const error = await registry([])
      .dispatch(asJob({ owner: "acme", repo: "api", number: -1 }), log)
      .catch((e: unknown) => e);
    expect(isPermanent(error)).toBe(true);
  });
});
