// Octokit plugin: an installation token GitHub no longer accepts (401) is dropped from the token cache
// and the request sent once more, with a fresh token. Probot caches installation tokens for 59 minutes;
// GitHub may stop honouring one before that (the installation's permissions changed, the token was
// revoked, the clocks disagree), and every job of that installation would fail with "Bad credentials"
// until the cache let go. A 401 means GitHub did nothing, so re-sending a POST is safe. A second 401
// with a fresh token is a real authentication problem and goes to the caller.
//
// Why not `octokit.auth({ type: "installation", refresh: true })`: Probot gives the auth strategy a
// request function without the GitHub Enterprise base URL, so that refresh would ask api.github.com.
// The request hook fetches tokens with the right base URL; it only has to miss the cache.
import type { Octokit } from "@octokit/core";
import { httpStatus } from "./http-status.js";

/** Marks a request already re-sent after dropping its token. */
const RESENT = "tollgateTokenDropped";

/** The parts of @octokit/auth-app's token cache (toad-cache's Lru) this uses. */
export interface TokenCache {
  keys(): Iterable<string>;
  get(key: string): unknown;
  delete(key: string): void;
}

export function refreshTokenOn401(octokit: Octokit, options: { auth?: unknown }): void {
  const auth = installationAuth(options.auth);
  if (!auth) return; // the app's own client, or a fixed token: nothing to refresh
  octokit.hook.wrap("request", async (send, request) => {
    const started = Date.now();
    try {
      return await send(request);
    } catch (error) {
      if (httpStatus(error) !== 401 || request.request?.[RESENT] === true) throw error;
      // The refused token is redacted in the error; it is the one cached when the request started.
      if (dropTokensIssuedBefore(auth.cache, auth.installationId, started) === 0) throw error;
      octokit.log.warn(
        `GitHub refused the installation token (401) on ${request.method} ${request.url}; retrying with a new one`,
      );
      return octokit.request({ ...request, request: { ...request.request, [RESENT]: true } });
    }
  });
}

/**
 * Drops the installation's cached tokens created at or before `at` (auth-app keys entries by
 * "installationId|…" and stores "token|createdAt|…"); returns how many. A token another request has
 * fetched since is kept.
 */
export function dropTokensIssuedBefore(cache: TokenCache, installationId: number, at: number): number {
  let dropped = 0;
  for (const key of [...cache.keys()]) {
    if (key.split("|")[0] !== String(installationId)) continue;
    const value = cache.get(key);
    const createdAt = typeof value === "string" ? Date.parse(value.split("|")[1] ?? "") : Number.NaN;
    if (Number.isNaN(createdAt) || createdAt <= at) {
      cache.delete(key);
      dropped++;
    }
  }
  return dropped;
}

function installationAuth(auth: unknown): { cache: TokenCache; installationId: number } | undefined {
  if (typeof auth !== "object" || auth === null || !("cache" in auth) || !("installationId" in auth))
    return undefined;
  const { cache, installationId } = auth;
  if (typeof installationId !== "number" || typeof cache !== "object" || cache === null) return undefined;
  const c = cache as Partial<Record<keyof TokenCache, unknown>>;
  return typeof c.keys === "function" && typeof c.get === "function" && typeof c.delete === "function"
    ? { cache: cache as TokenCache, installationId }
    : undefined;
}
