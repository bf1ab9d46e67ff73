// Registers the commands' job kinds; payloads validated with zod (a malformed job is a bug: dead at once).
import { z } from "zod";
import type { JobRegistry } from "../jobs/registry.js";
import { PermanentError } from "../queue/errors.js";
import type { CommandsDeps } from "./deps.js";
import { BUTTON_JOB, COMMAND_JOB } from "./events.js";
import { MERGE_FOLLOW_UP_JOB, mergeWaiting } from "./merge-waiting.js";
import { runButton } from "./run-button.js";
import { runComment } from "./run-comment.js";

const base = {
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
};

const commentSchema = z.object({
  ...base,
  number: z.number().int().positive(),
  commentId: z.number().int().positive(),
  /** Absent in jobs queued before it existed: then the comment is taken as read back. */
  bodyDigest: z.string().optional(),
});

const buttonSchema = z.object({
  ...base,
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  identifier: z.string(),
  sender: z.string().min(1),
  senderType: z.string(),
  deliveryId: z.string().min(1),
  pullNumbers: z.array(z.number().int().positive()),
});

const mergeSchema = z.object({ ...base, sha: z.string().regex(/^[0-9a-f]{40}$/) });

function parse<T>(schema: z.ZodType<T>, payload: unknown, kind: string): T {
  const result = schema.safeParse(payload);
  if (!result.success)
    throw new PermanentError(`${kind} job payload is invalid: ${z.prettifyError(result.error)}`);
  return result.data;
}

export function registerCommandJobs(
  jobs: JobRegistry,
  deps: (log: CommandsDeps["log"]) => CommandsDeps,
): void {
  jobs.register(COMMAND_JOB, async (job, { log }) => {
    const outcome = await runComment(deps(log), parse(commentSchema, job.payload, COMMAND_JOB));
    if (outcome.ignored) log.debug({ reason: outcome.ignored }, "comment not acted on");
  });
  jobs.register(BUTTON_JOB, async (job, { log }) => {
    await runButton(deps(log), parse(buttonSchema, job.payload, BUTTON_JOB));
  });
  jobs.register(MERGE_FOLLOW_UP_JOB, async (job, { log }) => {
    await mergeWaiting(deps(log), parse(mergeSchema, job.payload, MERGE_FOLLOW_UP_JOB));
  });
}
