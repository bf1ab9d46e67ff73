// workflow_run.completed → the branch-health job (only default-branch runs; the use-case re-checks).
// A second handler for the event besides the collect mapping in index.ts: Probot runs both.
import type { Context, Probot } from "probot";
import type { EnqueueRequest, EnqueueResult, Json } from "../queue/queue.js";
import type { WorkflowRunJob } from "./branch-health.js";

export const SLACK_JOBS = { workflowRun: "slack.workflow_run" } as const;

type RunPayload = Context<"workflow_run.completed">["payload"];

export function workflowRunJob(payload: RunPayload): WorkflowRunJob | null {
  const run = payload.workflow_run;
  const repo = payload.repository;
  if (!payload.installation || run.head_branch !== repo.default_branch) return null;
  const message = run.head_commit?.message ?? null;
  return {
    installationId: payload.installation.id,
    owner: repo.owner.login,
    repo: repo.name,
    repoUrl: repo.html_url,
    defaultBranch: repo.default_branch,
    run: {
      id: run.id,
      workflowId: run.workflow_id,
      name: run.name ?? payload.workflow?.name ?? "workflow",
      runNumber: run.run_number,
      headBranch: run.head_branch,
      headSha: run.head_sha,
      event: run.event,
      sameRepo: run.head_repository?.full_name === repo.full_name,
      conclusion: run.conclusion,
      htmlUrl: run.html_url,
      commitTitle: message === null ? null : (message.split("\n")[0] ?? null),
      author: run.head_commit?.author?.name ?? run.actor?.login ?? null,
    },
  };
}

export function mapSlackEvents(app: Probot, enqueue: (r: EnqueueRequest) => Promise<EnqueueResult>): void {
  app.on("workflow_run.completed", async (context) => {
    const job = workflowRunJob(context.payload);
    if (!job) return;
    const res = await enqueue({
      kind: SLACK_JOBS.workflowRun,
      id: `${SLACK_JOBS.workflowRun}:${context.id}`,
      // One repo+workflow at a time, so incident state is read and written in order.
      key: `branch-health:${job.owner}/${job.repo}:${job.run.workflowId}`,
      payload: job as unknown as Json,
    });
    context.log.info({ kind: SLACK_JOBS.workflowRun, jobId: res.id, deduped: res.deduped }, "job enqueued");
  });
}
