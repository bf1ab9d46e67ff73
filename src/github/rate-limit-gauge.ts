// Octokit plugin + gauge: the remaining GitHub quota, read from every answer's x-ratelimit-* headers
// (also on 403/429 errors), exposed as tollgate_github_ratelimit_remaining{resource}. The throttling
// itself is Probot's (octokit/plugin-throttling: writes spaced ≥ 1 s apart per installation, i.e.
// under GitHub's 80 content-creating requests a minute; backs off on secondary limits); with
// `redisConfig` set on the Probot instance its limiter state is shared by all replicas.
import type { Octokit } from "@octokit/core";
import { Gauge, type Registry } from "prom-client";

export interface RateLimitSample {
  resource: string;
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

type Headers = Record<string, string | number | undefined>;

export function readRateLimit(headers: Headers | undefined): RateLimitSample | undefined {
  if (!headers) return undefined;
  const num = (name: string) => {
    const v = Number(headers[name]);
    return Number.isFinite(v) ? v : undefined;
  };
  const remaining = num("x-ratelimit-remaining");
  const limit = num("x-ratelimit-limit");
  if (remaining === undefined || limit === undefined) return undefined;
  return {
    resource: String(headers["x-ratelimit-resource"] ?? "core"),
    limit,
    remaining,
    reset: num("x-ratelimit-reset") ?? 0,
  };
}

function headersOf(value: unknown): Headers | undefined {
  if (typeof value !== "object" || value === null || !("headers" in value)) return undefined;
  const h = value.headers;
  return typeof h === "object" && h !== null ? (h as Headers) : undefined;
}

/** `ProbotOctokit.plugin(rateLimitPlugin(sample => …))`. */
export function rateLimitPlugin(record: (sample: RateLimitSample) => void) {
  return (octokit: Octokit): void => {
    octokit.hook.after("request", (response) => {
      const sample = readRateLimit(headersOf(response));
      if (sample) record(sample);
    });
    octokit.hook.error("request", (error) => {
      const response =
        typeof error === "object" && error !== null && "response" in error ? error.response : undefined;
      const sample = readRateLimit(headersOf(response));
      if (sample) record(sample);
      throw error;
    });
  };
}

/** The gauge, registered on the server's registry; pass `record` to `rateLimitPlugin`. */
export function rateLimitGauge(registry: Registry): (sample: RateLimitSample) => void {
  const remaining = new Gauge({
    name: "tollgate_github_ratelimit_remaining",
    help: "GitHub API requests left in the current window (last answer seen by this replica), by resource",
    labelNames: ["resource"],
    registers: [registry],
  });
  return (sample) => remaining.set({ resource: sample.resource }, sample.remaining);
}
