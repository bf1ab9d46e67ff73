// When a PR gets a new head, put the `Tollgate` check on it as queued right away, so a required check
// never sits at "Expected — Waiting for status to be reported" with no explanation. Never downgrades a
// check run that a judgement already published for that sha.
import { findCheckRun, publishCheckRun } from "../github/checks.js";
import type { FeedbackDeps } from "./deps.js";

export interface QueueCheckJob {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  headSha: string;
}

export async function queueCheck(deps: FeedbackDeps, job: QueueCheckJob): Promise<"created" | "exists"> {
  const repo = { owner: job.owner, repo: job.repo };
  const key = `check:${job.owner}/${job.repo}@${job.headSha}`;
  if ((await deps.state.get(key)) !== undefined) return "exists";
  const octokit = await deps.octokitFor(job.installationId);
  const existing = await findCheckRun(octokit, repo, job.headSha);
  if (existing !== undefined) {
    await deps.state.set(key, existing);
    return "exists";
  }
  const res = await publishCheckRun(
    octokit,
    repo,
    job.headSha,
    {
      status: "queued",
      title: "Waiting for CI reports",
      summary:
        "Tollgate judges this commit when its workflow runs finish and upload their reports as artifacts.",
    },
    undefined,
  );
  await deps.state.set(key, res.id);
  return "created";
}
