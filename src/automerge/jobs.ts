// Registers the "automerge" job kind; its payload is validated with zod (malformed = a bug: dead at once).
import { z } from "zod";
import type { JobRegistry } from "../jobs/registry.js";
import { PermanentError } from "../queue/errors.js";
import type { AutomergeDeps } from "./deps.js";
import { evaluateAutomerge } from "./evaluate.js";
import { AUTOMERGE_JOB } from "./job.js";

const schema = z.object({
  installationId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  number: z.number().int().positive(),
  recheck: z.number().int().min(0).optional(),
});

export function registerAutomergeJobs(
  jobs: JobRegistry,
  deps: (log: AutomergeDeps["log"]) => AutomergeDeps,
): void {
  jobs.register(AUTOMERGE_JOB, async (job, { log }) => {
    const parsed = schema.safeParse(job.payload);
    if (!parsed.success)
      throw new PermanentError(`${AUTOMERGE_JOB} job payload is invalid: ${z.prettifyError(parsed.error)}`);
    const { recheck, ...rest } = parsed.data;
    await evaluateAutomerge(deps(log), recheck === undefined ? rest : { ...rest, recheck });
  });
}
