// "main is red": a workflow on the default branch failed. One message when the incident starts (the
// first failing run), one when the workflow is green again; failing runs in between say nothing.
// Incidents are tracked per repo + workflow in the state store; runs that complete out of order
// (an older run finishing after a newer one) are ignored by run number.
import { branchGreenMessage, branchRedMessage, type WorkflowRunView } from "./blocks/workflow.js";
import type { SlackDeps } from "./deps.js";

export interface WorkflowRunJob {
  installationId: number;
  owner: string;
  repo: string;
  repoUrl: string;
  defaultBranch: string;
  run: {
    id: number;
    workflowId: number;
    name: string;
    runNumber: number;
    headBranch: string | null;
    headSha: string;
    /** workflow_run.event: push, schedule, pull_request, … */
    event: string;
    /** Whether the head repository is this repository (a fork's `main` is not our main). */
    sameRepo: boolean;
    conclusion: string | null;
    htmlUrl: string;
    commitTitle: string | null;
    author: string | null;
  };
}

interface Incident {
  red: boolean;
  since: number | null;
  runNumber: number;
}

const RED = new Set(["failure", "timed_out", "startup_failure"]);

export type BranchHealthOutcome = "red" | "green" | "unchanged" | "ignored";

function readIncident(value: unknown): Incident | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  return {
    red: v.red === true,
    since: typeof v.since === "number" ? v.since : null,
    runNumber: typeof v.runNumber === "number" ? v.runNumber : 0,
  };
}

async function failingJobs(deps: SlackDeps, job: WorkflowRunJob): Promise<string[]> {
  try {
    const octokit = await deps.octokitFor(job.installationId);
    const { data } = await octokit.rest.actions.listJobsForWorkflowRun({
      owner: job.owner,
      repo: job.repo,
      run_id: job.run.id,
      filter: "latest",
      per_page: 100,
    });
    return data.jobs.filter((j) => j.conclusion !== null && RED.has(j.conclusion)).map((j) => j.name);
  } catch (error) {
    deps.log.warn(
      { err: error, runId: job.run.id },
      "could not list the failing jobs; message sent without them",
    );
    return [];
  }
}

export async function onWorkflowRunCompleted(
  deps: SlackDeps,
  job: WorkflowRunJob,
): Promise<BranchHealthOutcome> {
  const { run } = job;
  if (run.headBranch !== job.defaultBranch || !run.sameRepo || run.event.startsWith("pull_request"))
    return "ignored";
  const red = run.conclusion !== null && RED.has(run.conclusion);
  const green = run.conclusion === "success";
  if (!red && !green) return "ignored";
  const key = `branch-health:${job.owner}/${job.repo}:${run.workflowId}`;
  const before = readIncident(await deps.state.get(key)) ?? { red: false, since: null, runNumber: 0 };
  if (run.runNumber < before.runNumber) return "ignored";
  if (red === before.red) {
    await deps.state.set(key, { red: before.red, since: before.since, runNumber: run.runNumber });
    return "unchanged";
  }
  const now = deps.now();
  const view: WorkflowRunView = {
    repo: `${job.owner}/${job.repo}`,
    repoUrl: job.repoUrl,
    branch: job.defaultBranch,
    workflow: run.name,
    runUrl: run.htmlUrl,
    sha: run.headSha,
    commitTitle: run.commitTitle,
    author: run.author,
    failingJobs: red ? await failingJobs(deps, job) : [],
  };
  // Notify before recording: a crash in between re-sends (at-least-once) rather than losing the message.
  const octokit = await deps.octokitFor(job.installationId);
  const loaded = await deps.loadConfig(octokit, { owner: job.owner, repo: job.repo });
  if (loaded.ok) {
    await deps.slack.notify({
      config: loaded.config,
      event: "default_branch_failure",
      op: "post",
      messageKey: null,
      message: red
        ? branchRedMessage(view)
        : branchGreenMessage(view, new Date(before.since ?? now.getTime()), now),
    });
  }
  await deps.state.set(key, { red, since: red ? now.getTime() : null, runNumber: run.runNumber });
  return red ? "red" : "green";
}
