// The product's job kinds, wired to their ports: the one place that knows which features exist and
// how they react to each other (a saved verdict → deployment protection, auto-merge, Slack).
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { ArtifactLimits } from "../artifacts/limits.js";
import { automergeFollowUp } from "../automerge/events.js";
import { registerAutomergeJobs } from "../automerge/jobs.js";
import { automergeNote } from "../automerge/note.js";
import { slackAutomerge } from "../automerge/slack-view.js";
import { registerCommandJobs } from "../commands/jobs.js";
import { mergeFollowUp } from "../commands/merge-waiting.js";
import { cachedRoleLookup } from "../commands/permission-cache.js";
import { followUpRequest } from "../deploy/events.js";
import { registerDeployJobs } from "../deploy/jobs.js";
import type { Env } from "../env.js";
import { cachedConfigLoader } from "../feedback/config-cache.js";
import type { VerdictEvent } from "../feedback/deps.js";
import { registerFeedbackJobs } from "../feedback/jobs.js";
import { judgeJob } from "../feedback/judge-job.js";
import type { Octokit } from "../github/octokit.js";
import type { JobRegistry } from "../jobs/registry.js";
import type { Metrics } from "../ops/metrics.js";
import type { Queue } from "../queue/queue.js";
import { registerSlackJobs } from "../slack/jobs.js";
import { registerSlackMetrics } from "../slack/metrics.js";
import { notifyAutomerge, notifyGateFailure } from "../slack/pull-events.js";
import { startSlack } from "../slack/setup.js";
import type { Store } from "../store/store.js";

export interface FeatureSetup {
  env: Env;
  probot: Probot;
  jobs: JobRegistry;
  queue: Queue;
  store: Store;
  metrics: Metrics;
  log: Logger;
}

export interface RunningFeatures {
  /** Stops background work (the Slack sender): after the queue stopped, before the store closes. */
  stop(): Promise<void>;
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

export function registerFeatures({
  env,
  probot,
  jobs,
  queue,
  store,
  metrics,
  log,
}: FeatureSetup): RunningFeatures {
  const loadConfig = cachedConfigLoader();
  const limits = artifactLimits(env);
  // Probot's installation Octokit: retries and throttling (writes paced per installation) built in.
  const octokitFor = async (installationId: number) => (await probot.auth(installationId)) as Octokit;
  const enqueue = (request: Parameters<Queue["enqueue"]>[0]) => queue.enqueue(request);
  const now = () => new Date();
  const roleOf = cachedRoleLookup(now);

  const slackMetrics = registerSlackMetrics(metrics.registry, store.slackOutbox);
  const slack = startSlack({
    env: env.slack,
    outbox: store.slackOutbox,
    log,
    onAttempt: slackMetrics.onAttempt,
  });

  const afterVerdict = async (e: VerdictEvent): Promise<void> => {
    if (e.conclusion === "pending") return;
    // Deployments waiting on this sha's gate are decided now (debounced per sha).
    await enqueue(followUpRequest(e.owner, e.repo, e.sha, e.decidedAt));
    // A `/merge` waiting for this sha's gate.
    const merge = mergeFollowUp(e);
    if (merge) await enqueue(merge);
    for (const request of automergeFollowUp(e, e.pulls)) await enqueue(request);
    if (e.conclusion === "failure" && e.config && e.verdict) {
      for (const p of e.pulls) {
        await notifyGateFailure(
          { slack: slack.notifier, state: store.state },
          e.config,
          {
            repo: `${e.owner}/${e.repo}`,
            repoUrl: `https://github.com/${e.owner}/${e.repo}`,
            number: p.number,
            title: p.title,
            url: p.htmlUrl,
            author: p.author?.login ?? null,
            sha: e.sha,
          },
          e.verdict.summary,
          e.checkRunUrl,
        );
      }
    }
  };

  registerFeedbackJobs(jobs, (jobLog) => ({
    octokitFor,
    loadConfig,
    reports: store.reports,
    state: store.state,
    enqueue,
    artifactLimits: limits,
    annotationCap: env.annotationsMax,
    judgeDebounceMs: env.judgeDebounceMs,
    now,
    log: jobLog,
    notesFor: async (repo, number) => {
      const last = await store.automerge.latest(repo, number);
      return last ? [automergeNote(last)] : [];
    },
    afterVerdict,
  }));

  registerAutomergeJobs(jobs, (jobLog) => ({
    octokitFor,
    loadConfig,
    reports: store.reports,
    automerge: store.automerge,
    enqueue,
    notify: async (event, config) => {
      const view = slackAutomerge(event);
      if (view) await notifyAutomerge(slack.notifier, config, view.pull, view.decision, view.reason);
    },
    // The sticky comment shows the decision: judge the head again (debounced) when it changed.
    rerender: async (t) => {
      await enqueue(
        judgeJob({ ...t, headBranch: null, headOwner: null, pullNumbers: [t.number] }, env.judgeDebounceMs),
      );
    },
    recheckDelayMs: 60_000,
    maxRechecks: 5,
    now,
    log: jobLog,
  }));

  registerDeployJobs(jobs, (jobLog) => ({
    octokitFor,
    loadConfig,
    history: store.deployments,
    pending: store.pendingProtections,
    reports: store.reports,
    slack: slack.notifier,
    now,
    log: jobLog,
  }));

  registerSlackJobs(jobs, (jobLog) => ({
    octokitFor,
    loadConfig,
    state: store.state,
    slack: slack.notifier,
    now,
    log: jobLog,
  }));

  registerCommandJobs(jobs, (jobLog) => ({
    octokitFor,
    loadConfig,
    reports: store.reports,
    history: store.deployments,
    commandLog: store.commandLog,
    state: store.state,
    roleOf,
    enqueue,
    now,
    log: jobLog,
  }));

  return { stop: () => slack.stop() };
}
