// Octokit plugin: conditional GETs. GitHub answers `If-None-Match` with 304 when nothing changed, and a
// 304 does not count against the installation's rate limit. Jobs re-read the same resources (a commit's
// workflow runs, its PRs, our check run, the PR's comments) every time a workflow finishes, so most of
// those reads become free. One bounded in-process cache shared by every installation client; an entry
// holds the ETag and the parsed body of one URL (per Accept header), and a 304 answers from it.
import type { Octokit } from "@octokit/core";
import { Counter, type Registry } from "prom-client";
import { httpStatus } from "./http-status.js";

export interface EtagCacheOptions {
  /** Entries kept (least recently used evicted). */
  maxEntries?: number;
  /** Bodies larger than this (JSON characters) are not kept. */
  maxBodyChars?: number;
  /** Counts conditional requests by outcome (metrics). */
  onLookup?: (outcome: "hit" | "miss") => void;
}

interface Entry {
  etag: string;
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

export interface EtagCache {
  plugin: (octokit: Octokit) => void;
  size(): number;
}

export function createEtagCache(options: EtagCacheOptions = {}): EtagCache {
  const max = options.maxEntries ?? 2_000;
  const maxChars = options.maxBodyChars ?? 1_000_000;
  const entries = new Map<string, Entry>();
  const remember = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > max) entries.delete(entries.keys().next().value ?? "");
  };

  const plugin = (octokit: Octokit) => {
    octokit.hook.wrap("request", async (send, request) => {
      // Streams (artifact downloads) and anything but a plain GET are never cached.
      if (request.method !== "GET" || request.request?.parseSuccessResponseBody === false)
        return send(request);
      // `request.url` is still the route template: the key is the expanded URL (path and query).
      const { url } = octokit.request.endpoint.parse(request);
      const key = `${url}\n${String(request.headers?.accept ?? "")}`;
      const known = entries.get(key);
      // Hooks share one options object down the chain (before-after-hook binds it), so the header is
      // set on it rather than passed along in a copy.
      if (known) request.headers = { ...request.headers, "if-none-match": known.etag };
      try {
        const response = await send(request);
        const etag = response.headers.etag;
        if (typeof etag === "string" && response.status === 200 && fits(response.data, maxChars)) {
          remember(key, { etag, status: response.status, data: response.data, headers: response.headers });
        } else entries.delete(key);
        if (known) options.onLookup?.("miss");
        return response;
      } catch (error) {
        if (!known || httpStatus(error) !== 304) throw error;
        remember(key, known);
        options.onLookup?.("hit");
        // a copy: callers may sort or trim what they get, and the cache must not change with it
        const cached = {
          status: known.status,
          url,
          headers: known.headers,
          data: structuredClone(known.data),
        };
        return cached as Awaited<ReturnType<typeof send>>;
      }
    });
  };
  return { plugin, size: () => entries.size };
}

function fits(data: unknown, maxChars: number): boolean {
  if (typeof data === "string") return data.length <= maxChars;
  if (typeof data !== "object" || data === null) return false;
  try {
    return JSON.stringify(data).length <= maxChars;
  } catch {
    return false;
  }
}

/** tollgate_github_conditional_requests_total{outcome}: hit = answered 304 (free), miss = changed. */
export function conditionalRequestCounter(registry: Registry): (outcome: "hit" | "miss") => void {
  const counter = new Counter({
    name: "tollgate_github_conditional_requests_total",
    help: "GitHub GETs sent with If-None-Match, by outcome (hit: 304, not counted against the rate limit)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  return (outcome) => counter.inc({ outcome });
}
