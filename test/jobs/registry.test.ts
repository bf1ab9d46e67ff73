import pino from "pino";
import { describe, expect, it } from "vitest";
import { JobRegistry } from "../../src/jobs/registry.js";
import { isPermanent } from "../../src/queue/errors.js";
import type { Job } from "../../src/queue/queue.js";

const log = pino({ level: "silent" });
const job = (kind: string): Job => ({
  id: "j1",
  kind,
  payload: null,
  key: null,
  attempt: 1,
  maxAttempts: 3,
  enqueuedAt: 0,
  signal: new AbortController().signal,
});

describe("JobRegistry", () => {
  it("dispatches by kind", async () => {
    const seen: string[] = [];
    const jobs = new JobRegistry().register("a", async (j) => {
      seen.push(j.id);
    });
    await jobs.dispatch(job("a"), log);
    expect(seen).toEqual(["j1"]);
    expect(jobs.kinds()).toEqual(["a"]);
  });

  it("refuses a kind registered twice", () => {
    const jobs = new JobRegistry().register("a", async () => {});
    expect(() => jobs.register("a", async () => {})).toThrow('job kind "a" is already registered');
  });

  it("an unknown kind is a permanent error (dead-letter, no retries)", async () => {
    const error = await new JobRegistry().dispatch(job("nope"), log).catch((e: unknown) => e);
    expect(isPermanent(error)).toBe(true);
  });
});
