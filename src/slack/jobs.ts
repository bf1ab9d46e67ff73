// Registers the Slack job kinds (zod-validated payloads).
import { z } from "zod";
import type { JobRegistry } from "../jobs/registry.js";
import { PermanentError } from "../queue/errors.js";
import { onWorkflowRunCompleted } from "./branch-health.js";
import type { SlackDeps } from "./deps.js";
import { SLACK_JOBS } from "./events.js";

const workflowRunSchema = z.object({
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  repoUrl: z.string(),
  defaultBranch: z.string().min(1),
  run: z.object({
    id: z.number().int().positive(),
    workflowId: z.number().int(),
    name: z.string(),
    runNumber: z.number().int(),
    headBranch: z.string().nullable(),
    headSha: z.string().regex(/^[0-9a-f]{40}$/),
    event: z.string(),
    sameRepo: z.boolean(),
    conclusion: z.string().nullable(),
    htmlUrl: z.string(),
    commitTitle: z.string().nullable(),
    author: z.string().nullable(),
  }),
});

export function registerSlackJobs(jobs: JobRegistry, deps: (log: SlackDeps["log"]) => SlackDeps): void {
  jobs.register(SLACK_JOBS.workflowRun, async (job, { log }) => {
    const result = workflowRunSchema.safeParse(job.payload);
    if (!result.success)
      throw new PermanentError(`${job.kind} job payload is invalid: ${z.prettifyError(result.error)}`);
    await onWorkflowRunCompleted(deps(log), result.data);
  });
}
