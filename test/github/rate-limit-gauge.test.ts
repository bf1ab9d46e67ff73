import { Octokit } from "@octokit/core";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import {
  type RateLimitSample,
  rateLimitGauge,
  rateLimitPlugin,
  readRateLimit,
} from "../../src/github/rate-limit-gauge.js";

function fakeFetch(status: number, remaining: string): typeof fetch {
  return async () =>
    new Response(JSON.stringify({ message: status === 200 ? "ok" : "secondary rate limit" }), {
      status,
      headers: {
        "content-type": "application/json",
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": remaining,
        "x-ratelimit-reset": "1700000000",
        "x-ratelimit-resource": "core",
      },
    });
}

describe("rate-limit gauge", () => {
  it.each([
    [
      { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "12" },
      { resource: "core", limit: 5000, remaining: 12, reset: 0 },
    ],
    [{ "x-ratelimit-remaining": "12" }, undefined],
    [{ "x-ratelimit-limit": "x", "x-ratelimit-remaining": "12" }, undefined],
  ])("reads %o", (headers, expected) => {
    expect(readRateLimit(headers)).toEqual(expected);
  });

  it.each([
    [200, "4321"],
    [403, "0"],
  ])("records the quota of a %i answer and exposes it", async (status, remaining) => {
    const samples: RateLimitSample[] = [];
    const registry = new Registry();
    const gauge = rateLimitGauge(registry);
    const MyOctokit = Octokit.plugin(
      rateLimitPlugin((s) => {
        samples.push(s);
        gauge(s);
      }),
    );
    const octokit = new MyOctokit({ request: { fetch: fakeFetch(status, remaining) } });
    const call = octokit.request("GET /rate_limit");
    if (status === 200) await call;
    else await expect(call).rejects.toThrow();
    expect(samples).toEqual([
      { resource: "core", limit: 5000, remaining: Number(remaining), reset: 1700000000 },
    ]);
    expect(await registry.metrics()).toContain(
      `tollgate_github_ratelimit_remaining{resource="core"} ${remaining}`,
    );
  });
});
