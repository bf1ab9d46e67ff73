import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/queue/backoff.js";
import { isPermanent, PermanentError, RetryLaterError, retryAfterMs } from "../../src/queue/errors.js";

const opts = { baseMs: 1000, capMs: 30_000 };

describe("backoffDelay (full jitter)", () => {
  it.each([
    // attempt, random, expected
    [1, 0, 0],
    [1, 0.5, 500],
    [1, 0.999, 999],
    [2, 0.5, 1000],
    [3, 0.5, 2000],
    [5, 0.5, 8000],
    [6, 0.5, 15_000], // ceiling capped at 30 000
    [40, 0.5, 15_000],
    [5000, 0.5, 15_000], // no overflow for absurd attempts
  ])("attempt %i with random %f waits %i ms", (attempt, random, expected) => {
    expect(backoffDelay(attempt, opts, () => random)).toBe(expected);
  });

  it("never waits less than a Retry-After floor, even above the cap", () => {
    expect(backoffDelay(1, opts, () => 0.1, 60_000)).toBe(60_000);
    expect(backoffDelay(3, opts, () => 0.9, 10)).toBe(3600);
  });

  it("clamps a misbehaving random source into [0, ceiling]", () => {
    expect(backoffDelay(1, opts, () => 7)).toBe(1000);
    expect(backoffDelay(1, opts, () => -1)).toBe(0);
  });
});

describe("queue error taxonomy", () => {
  it.each([
    [new PermanentError("x"), true],
    [Object.assign(new Error("x"), { permanent: true }), true],
    [{ permanent: "yes" }, false],
    [new Error("x"), false],
    [null, false],
    ["permanent", false],
  ])("isPermanent(%o) is %s", (error, expected) => {
    expect(isPermanent(error)).toBe(expected);
  });

  it.each([
    [new RetryLaterError("x", 1500), 1500],
    [{ retryAfterMs: -1 }, undefined],
    [{ retryAfterMs: Number.NaN }, undefined],
    [new Error("x"), undefined],
  ])("retryAfterMs(%o) is %s", (error, expected) => {
    expect(retryAfterMs(error)).toBe(expected);
  });
});
