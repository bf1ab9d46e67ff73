// Registers the feedback job kinds: payloads validated with zod (a malformed job is a bug: dead at once).
import { z } from "zod";
import type { JobRegistry } from "../jobs/registry.js";
import { PermanentError } from "../queue/errors.js";
import { collectRun } from "./collect-run.js";
import type { FeedbackDeps } from "./deps.js";
import { judgeCommit } from "./judge-commit.js";
import { COLLECT_JOB, JUDGE_JOB, QUEUE_CHECK_JOB } from "./judge-job.js";
import { queueCheck } from "./queue-check.js";

const base = {
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
};

const collectSchema = z.object({
  ...base,
  runId: z.number().int().positive(),
  runName: z.string(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  headBranch: z.string().nullable(),
  headOwner: z.string().nullable(),
  htmlUrl: z.string().nullable(),
  pullNumbers: z.array(z.number().int().positive()),
});

const judgeSchema = z.object({
  ...base,
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  headBranch: z.string().nullable(),
  headOwner: z.string().nullable(),
  pullNumbers: z.array(z.number().int().positive()),
});

const queueCheckSchema = z.object({
  ...base,
  number: z.number().int().positive(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
});

function parse<T>(schema: z.ZodType<T>, payload: unknown, kind: string): T {
  const result = schema.safeParse(payload);
  if (!result.success)
    throw new PermanentError(`${kind} job payload is invalid: ${z.prettifyError(result.error)}`);
  return result.data;
}

export function registerFeedbackJobs(
  jobs: JobRegistry,
  deps: (log: FeedbackDeps["log"]) => FeedbackDeps,
): void {
  jobs.register(COLLECT_JOB, async (job, { log }) => {
    await collectRun(deps(log), parse(collectSchema, job.payload, COLLECT_JOB));
  });
  jobs.register(JUDGE_JOB, async (job, { log }) => {
    await judgeCommit(deps(log), parse(judgeSchema, job.payload, JUDGE_JOB));
  });
  jobs.register(QUEUE_CHECK_JOB, async (job, { log }) => {
    await queueCheck(deps(log), parse(queueCheckSchema, job.payload, QUEUE_CHECK_JOB));
  });
}
