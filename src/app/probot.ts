import type { Logger } from "pino";
import { type ApplicationFunction, Probot, ProbotOctokit } from "probot";
import type { AppCredentials } from "../env.js";
import { type RateLimitSample, rateLimitPlugin } from "../github/rate-limit-gauge.js";
import type { EtagCache } from "./etag-cache.js";
import { fetchWithTimeout } from "./fetch-timeout.js";
import { noRetryOnCreate } from "./no-retry-on-create.js";
import { refreshTokenOn401 } from "./refresh-token-on-401.js";

export interface ProbotOptions {
  credentials: AppCredentials;
  /** REST base URL for GitHub Enterprise Server (`${GHE_PROTOCOL}://${GHE_HOST}/api/v3`). */
  baseUrl: string | undefined;
  log: Logger;
  appFn: ApplicationFunction;
  /** A GitHub request that has not answered after this long fails (and is retried). */
  requestTimeoutMs: number;
  /** Scale-out: Probot's throttling shares its limiter through this Redis, across replicas. */
  redisUrl?: string | undefined;
  /** Receives the rate-limit headers of every GitHub answer (the remaining-quota gauge). */
  onRateLimit?: (sample: RateLimitSample) => void;
  /** Conditional GETs (If-None-Match): a 304 costs no rate limit. Shared by every installation client. */
  etagCache?: EtagCache;
}

/**
 * The Probot instance that runs event handlers. It never serves HTTP here: intake
 * verifies and enqueues, and the delivery job calls `probot.receive` in a worker.
 */
export async function createProbot(options: ProbotOptions): Promise<Probot> {
  const { credentials } = options;
  const probot = new Probot({
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    secret: credentials.secret,
    baseUrl: options.baseUrl,
    log: options.log.child({ name: "probot" }),
    // Plugins wrap in order: the ETag cache outermost, so a 304 is answered from it after auth,
    // retries and the 401 refresh did their part.
    Octokit: ProbotOctokit.plugin(
      noRetryOnCreate,
      refreshTokenOn401,
      ...(options.onRateLimit ? [rateLimitPlugin(options.onRateLimit)] : []),
      ...(options.etagCache ? [options.etagCache.plugin] : []),
    ),
    ...(options.redisUrl ? { redisConfig: options.redisUrl } : {}),
    request: { fetch: fetchWithTimeout(options.requestTimeoutMs) },
  });
  await probot.load(options.appFn);
  return probot;
}
