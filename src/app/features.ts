// The product's job kinds, wired to their ports: the one place that knows which features exist.
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { ArtifactLimits } from "../artifacts/limits.js";
import type { Env } from "../env.js";
import { cachedConfigLoader } from "../feedback/config-cache.js";
import { registerFeedbackJobs } from "../feedback/jobs.js";
import type { Octokit } from "../github/octokit.js";
import type { JobRegistry } from "../jobs/registry.js";
import type { Queue } from "../queue/queue.js";
import type { Store } from "../store/store.js";

export interface FeatureSetup {
  env: Env;
  probot: Probot;
  jobs: JobRegistry;
  queue: Queue;
  store: Store;
  log: Logger;
}

export function artifactLimits(env: Env): ArtifactLimits {
  return {
    maxDownloadBytes: env.bounds.artifactMaxBytes,
    maxUncompressedBytes: env.bounds.unzipMaxBytes,
    maxEntries: env.bounds.unzipMaxEntries,
    maxCompressionRatio: env.bounds.unzipMaxRatio,
    maxFileBytes: env.bounds.reportMaxBytes,
  };
}

export function registerFeatures({ env, probot, jobs, queue, store }: FeatureSetup): void {
  const loadConfig = cachedConfigLoader();
  const limits = artifactLimits(env);
  registerFeedbackJobs(jobs, (log) => ({
    // Probot's installation Octokit: retries and throttling (writes paced per installation) built in.
    octokitFor: async (installationId) => (await probot.auth(installationId)) as Octokit,
    loadConfig,
    reports: store.reports,
    state: store.state,
    enqueue: (request) => queue.enqueue(request),
    artifactLimits: limits,
    annotationCap: env.annotationsMax,
    judgeDebounceMs: env.judgeDebounceMs,
    now: () => new Date(),
    log,
  }));
}
