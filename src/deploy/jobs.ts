// Registers the deployment job kinds; payloads validated with zod (a malformed job is a bug: dead at once).
import { z } from "zod";
import type { JobRegistry } from "../jobs/registry.js";
import { PermanentError } from "../queue/errors.js";
import type { DeployDeps } from "./deps.js";
import { DEPLOY_JOBS } from "./events.js";
import { onProtectionRequested, protectionFollowUp } from "./protect.js";
import { onDeploymentCreated, onDeploymentStatus } from "./record-deployment.js";

const sha = z.string().regex(/^[0-9a-f]{40}$/);
const base = {
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
};
const deployment = z.object({
  id: z.number().int().positive(),
  environment: z.string().min(1),
  sha,
  ref: z.string(),
  creator: z.string().nullable(),
  createdAt: z.string(),
});
const deploymentSchema = z.object({ ...base, repoUrl: z.string(), deployment });
const statusSchema = deploymentSchema.extend({
  status: z.object({
    state: z.enum(["queued", "pending", "in_progress", "success", "failure", "error", "inactive"]),
    createdAt: z.string(),
    logUrl: z.string().nullable(),
    environmentUrl: z.string().nullable(),
  }),
});
const protectionSchema = z.object({
  ...base,
  environment: z.string().min(1),
  sha,
  deploymentId: z.number().int().positive().nullable(),
  runId: z.number().int().positive(),
  callbackUrl: z.string().url(),
});
const followUpSchema = z.object({ owner: z.string().min(1), repo: z.string().min(1), sha });

function parse<T>(schema: z.ZodType<T>, payload: unknown, kind: string): T {
  const result = schema.safeParse(payload);
  if (!result.success)
    throw new PermanentError(`${kind} job payload is invalid: ${z.prettifyError(result.error)}`);
  return result.data;
}

export function registerDeployJobs(jobs: JobRegistry, deps: (log: DeployDeps["log"]) => DeployDeps): void {
  jobs.register(DEPLOY_JOBS.deployment, async (job, { log }) => {
    await onDeploymentCreated(deps(log), parse(deploymentSchema, job.payload, job.kind));
  });
  jobs.register(DEPLOY_JOBS.status, async (job, { log }) => {
    await onDeploymentStatus(deps(log), parse(statusSchema, job.payload, job.kind));
  });
  jobs.register(DEPLOY_JOBS.protection, async (job, { log }) => {
    await onProtectionRequested(deps(log), parse(protectionSchema, job.payload, job.kind));
  });
  jobs.register(DEPLOY_JOBS.followUp, async (job, { log }) => {
    const p = parse(followUpSchema, job.payload, job.kind);
    await protectionFollowUp(deps(log), { owner: p.owner, repo: p.repo }, p.sha);
  });
}
