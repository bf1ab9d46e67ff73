// Config is read for every collected run and every judgement; within a short window the file has not
// changed, so one read serves both. A process-local cache: replicas each keep their own, harmlessly.
import type { LoadResult } from "../config/load.js";
import { loadRepoConfig } from "../config/load.js";
import type { Octokit, RepoRef } from "../github/octokit.js";

export function cachedConfigLoader(ttlMs = 60_000, now: () => number = Date.now) {
  const cache = new Map<string, { at: number; result: LoadResult }>();
  return async (octokit: Octokit, repo: RepoRef): Promise<LoadResult> => {
    const key = `${repo.owner}/${repo.repo}`.toLowerCase();
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.result;
    const result = await loadRepoConfig(octokit, { owner: repo.owner, repo: repo.repo });
    cache.set(key, { at: now(), result });
    if (cache.size > 10_000) cache.delete(cache.keys().next().value ?? key);
    return result;
  };
}
