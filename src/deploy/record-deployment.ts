// deployment.created and deployment_status.created: keep the history, and tell Slack — with the Web
// API one message per deployment, posted once and updated in place, with a thread reply on failure;
// with a webhook, one message per terminal state. Idempotent: a redelivered event changes nothing
// in the history and so sends nothing.
import type { TollgateConfig } from "../config/schema.js";
import {
  type DeploymentView,
  deploymentFailureReply,
  deploymentMessage,
} from "../slack/blocks/deployment.js";
import type { DeployDeps } from "./deps.js";
import { type DeploymentRecord, type DeploymentState, TERMINAL_STATES } from "./history.js";

export interface DeploymentFacts {
  id: number;
  environment: string;
  sha: string;
  ref: string;
  creator: string | null;
  createdAt: string;
}

export interface DeploymentJob {
  installationId: number;
  owner: string;
  repo: string;
  repoUrl: string;
  deployment: DeploymentFacts;
}

export interface DeploymentStatusJob extends DeploymentJob {
  status: { state: DeploymentState; createdAt: string; logUrl: string | null; environmentUrl: string | null };
}

export const deploymentMessageKey = (repo: string, id: number) => `deploy:${repo}:${id}`;

function view(record: DeploymentRecord, repoUrl: string): DeploymentView {
  return { ...record, repoUrl };
}

async function configOf(deps: DeployDeps, job: DeploymentJob): Promise<TollgateConfig | undefined> {
  if (deps.slack.mode === null) return undefined;
  const octokit = await deps.octokitFor(job.installationId);
  const loaded = await deps.loadConfig(octokit, { owner: job.owner, repo: job.repo });
  if (!loaded.ok) {
    deps.log.warn({ repo: `${job.owner}/${job.repo}` }, "invalid .github/tollgate.yml; no Slack message");
    return undefined;
  }
  return loaded.config;
}

async function recordCreated(deps: DeployDeps, job: DeploymentJob) {
  const full = `${job.owner}/${job.repo}`;
  const d = job.deployment;
  return deps.history.recordCreated({
    repo: full,
    deploymentId: d.id,
    environment: d.environment,
    sha: d.sha,
    ref: d.ref,
    creator: d.creator,
    createdAt: new Date(d.createdAt),
  });
}

export async function onDeploymentCreated(
  deps: DeployDeps,
  job: DeploymentJob,
): Promise<{ notified: boolean }> {
  const full = `${job.owner}/${job.repo}`;
  // The config before the history: a GitHub failure reading it fails the job while the deployment is
  // still new, so the queue's retry tells Slack (read after recording, the retry saw nothing new and
  // the message was lost).
  const config = deps.slack.mode === "web_api" ? await configOf(deps, job) : undefined;
  const { inserted } = await recordCreated(deps, job);
  if (!inserted || deps.slack.mode !== "web_api") return { notified: false };
  const record = await deps.history.get(full, job.deployment.id);
  if (!config || !record) return { notified: false };
  const res = await deps.slack.notify({
    config,
    event: "deployment",
    op: "post",
    messageKey: deploymentMessageKey(full, record.deploymentId),
    message: deploymentMessage(view(record, job.repoUrl)),
  });
  return { notified: res.queued };
}

export async function onDeploymentStatus(
  deps: DeployDeps,
  job: DeploymentStatusJob,
): Promise<{ notified: number; record: DeploymentRecord | undefined }> {
  const full = `${job.owner}/${job.repo}`;
  const update = {
    repo: full,
    deploymentId: job.deployment.id,
    state: job.status.state,
    at: new Date(job.status.createdAt),
    logUrl: job.status.logUrl,
    environmentUrl: job.status.environmentUrl,
  };
  // The config before the history, as in onDeploymentCreated: a failed read must leave the status
  // unrecorded so that the retried job still sees the change and tells Slack.
  const incoming = job.status.state;
  const mayTell =
    incoming !== "inactive" &&
    (deps.slack.mode === "web_api" || (deps.slack.mode === "webhook" && TERMINAL_STATES.has(incoming)));
  const config = mayTell ? await configOf(deps, job) : undefined;
  let applied = await deps.history.recordStatus(update);
  if (!applied) {
    // The deployment event has not been handled (lost, or still queued): record it from this payload.
    await recordCreated(deps, job);
    applied = await deps.history.recordStatus(update);
  }
  if (!applied?.changed) return { notified: 0, record: applied?.record };
  const record = applied.record;
  const state = record.status;
  const terminal = TERMINAL_STATES.has(state);
  if (deps.slack.mode === null || state === "inactive") return { notified: 0, record };
  if (deps.slack.mode === "webhook" && !terminal) return { notified: 0, record };
  if (!config) return { notified: 0, record };
  const key = deploymentMessageKey(full, record.deploymentId);
  const v = view(record, job.repoUrl);
  let notified = 0;
  const main = await deps.slack.notify({
    config,
    event: "deployment",
    op: deps.slack.mode === "web_api" ? "update" : "post",
    messageKey: key,
    message: deploymentMessage(v),
  });
  if (main.queued) notified++;
  if (deps.slack.mode === "web_api" && (state === "failure" || state === "error")) {
    const reply = await deps.slack.notify({
      config,
      event: "deployment",
      op: "reply",
      messageKey: key,
      message: deploymentFailureReply(v),
    });
    if (reply.queued) notified++;
  }
  return { notified, record };
}
