// Deployment events → jobs. Handlers only translate: the job carries the event's own immutable facts
// (deployment id, sha, ref, environment, the status and its URLs, the protection callback), which
// a locator would have to fetch again for nothing. Job ids derive from the delivery id (a retried
// delivery does not enqueue twice); jobs of one deployment share a key so they run in order.
import type { Context, Probot } from "probot";
import type { EnqueueRequest, EnqueueResult, Json } from "../queue/queue.js";
import { runIdFromCallback } from "./callback.js";
import type { DeploymentState } from "./history.js";
import type { ProtectionJob } from "./protect.js";
import type { DeploymentJob, DeploymentStatusJob } from "./record-deployment.js";

export const DEPLOY_JOBS = {
  deployment: "deploy.deployment",
  status: "deploy.status",
  protection: "deploy.protection",
  followUp: "deploy.follow_up",
} as const;

type Enqueue = (request: EnqueueRequest) => Promise<EnqueueResult>;
type DeploymentPayload = Context<"deployment.created">["payload"];
type StatusPayload = Context<"deployment_status.created">["payload"];
type ProtectionPayload = Context<"deployment_protection_rule.requested">["payload"];

const STATES: readonly DeploymentState[] = [
  "queued",
  "pending",
  "in_progress",
  "success",
  "failure",
  "error",
  "inactive",
];

const url = (value: string | null | undefined) => (value && /^https?:\/\//.test(value) ? value : null);

interface DeploymentLike {
  id: number;
  environment: string;
  sha: string;
  ref: string;
  creator: { login: string } | null;
  created_at: string;
}

function facts(d: DeploymentLike) {
  return {
    id: d.id,
    environment: d.environment,
    sha: d.sha,
    ref: d.ref,
    creator: d.creator?.login ?? null,
    createdAt: d.created_at,
  };
}

export function deploymentJob(payload: DeploymentPayload): DeploymentJob | null {
  if (!payload.installation) return null;
  return {
    installationId: payload.installation.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    repoUrl: payload.repository.html_url,
    deployment: facts(payload.deployment),
  };
}

export function deploymentStatusJob(payload: StatusPayload): DeploymentStatusJob | null {
  if (!payload.installation) return null;
  const s = payload.deployment_status;
  const state = STATES.find((x) => x === s.state);
  if (!state) return null;
  return {
    installationId: payload.installation.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    repoUrl: payload.repository.html_url,
    deployment: facts(payload.deployment),
    status: {
      state,
      createdAt: s.created_at,
      logUrl: url(s.log_url) ?? url(s.target_url),
      environmentUrl: url(s.environment_url),
    },
  };
}

export function protectionJob(payload: ProtectionPayload): ProtectionJob | null {
  const callbackUrl = payload.deployment_callback_url;
  const environment = payload.environment;
  const deployment = payload.deployment;
  if (!payload.installation || !callbackUrl || !environment || !deployment) return null;
  const runId = runIdFromCallback(callbackUrl);
  if (runId === null) return null;
  return {
    installationId: payload.installation.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    environment,
    sha: deployment.sha,
    deploymentId: deployment.id,
    runId,
    callbackUrl,
  };
}

async function send(enqueue: Enqueue, log: Context["log"], request: EnqueueRequest | null) {
  if (!request) {
    log.debug("event without installation or required fields; ignored");
    return;
  }
  const res = await enqueue(request);
  log.info({ kind: request.kind, jobId: res.id, deduped: res.deduped }, "job enqueued");
}

const asJson = (value: object): Json => value as unknown as Json;

/** Registers the deployment event handlers. */
export function mapDeployEvents(app: Probot, enqueue: Enqueue): void {
  app.on("deployment.created", async (context) => {
    const job = deploymentJob(context.payload);
    await send(
      enqueue,
      context.log,
      job && {
        kind: DEPLOY_JOBS.deployment,
        id: `${DEPLOY_JOBS.deployment}:${context.id}`,
        key: `deploy:${job.owner}/${job.repo}#${job.deployment.id}`,
        payload: asJson(job),
      },
    );
  });
  app.on("deployment_status.created", async (context) => {
    const job = deploymentStatusJob(context.payload);
    await send(
      enqueue,
      context.log,
      job && {
        kind: DEPLOY_JOBS.status,
        id: `${DEPLOY_JOBS.status}:${context.id}`,
        key: `deploy:${job.owner}/${job.repo}#${job.deployment.id}`,
        payload: asJson(job),
      },
    );
  });
  app.on("deployment_protection_rule.requested", async (context) => {
    const job = protectionJob(context.payload);
    await send(
      enqueue,
      context.log,
      job && {
        kind: DEPLOY_JOBS.protection,
        id: `${DEPLOY_JOBS.protection}:${context.id}`,
        key: `protect:${job.owner}/${job.repo}@${job.sha}`,
        payload: asJson(job),
      },
    );
  });
}

/** The request the judge step enqueues after saving a verdict (or an override) for a sha. */
export function followUpRequest(owner: string, repo: string, sha: string, decidedAt: Date): EnqueueRequest {
  return {
    kind: DEPLOY_JOBS.followUp,
    id: `${DEPLOY_JOBS.followUp}:${owner}/${repo}@${sha}:${decidedAt.getTime()}`,
    key: `protect:${owner}/${repo}@${sha}`,
    // Verdicts of one sha come in bursts (one per workflow run): decide once the burst settles.
    debounceMs: 2000,
    debounceMaxWaitMs: 30_000,
    payload: { owner, repo, sha },
  };
}
