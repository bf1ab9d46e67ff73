import type { Logger } from "pino";
import type { Probot } from "probot";
import { mapAutomergeEvents } from "./automerge/events.js";
import { commentDigest } from "./commands/comment-digest.js";
import { COMMAND_JOB, mapCommandEvents } from "./commands/events.js";
import { mapDeployEvents } from "./deploy/events.js";
import { COLLECT_JOB, QUEUE_CHECK_JOB } from "./feedback/judge-job.js";
import type { EnqueueRequest, EnqueueResult } from "./queue/queue.js";
import { mapSlackEvents } from "./slack/events.js";

/** What the app function needs: a way to enqueue follow-up jobs and to know which kinds exist. */
export interface AppDeps {
  enqueue: (request: EnqueueRequest) => Promise<EnqueueResult>;
  /** True when a handler for the job kind is registered (see src/jobs/registry.ts). */
  handles: (kind: string) => boolean;
}

/**
 * The Probot app function: it maps events to jobs (a locator each) and nothing else. It runs
 * in a worker (the delivery job), so enqueuing here is durable before the delivery completes.
 * The follow-up job's id derives from the delivery id: a retried delivery does not enqueue twice.
 */
export function createApp(deps: AppDeps) {
  // One path for every event → job: a job kind nobody registered (tests without features) is not enqueued.
  const enqueueHandled = async (request: EnqueueRequest): Promise<EnqueueResult> =>
    deps.handles(request.kind) ? deps.enqueue(request) : { id: "", deduped: true, merged: false };
  const follow = async (log: Logger, request: EnqueueRequest): Promise<void> => {
    const result = await enqueueHandled(request);
    if (result.id === "") log.debug({ kind: request.kind }, "no handler for this job kind; event ignored");
    else
      log.info(
        { kind: request.kind, jobId: result.id, deduped: result.deduped, merged: result.merged },
        "job enqueued",
      );
  };
  return (app: Probot): void => {
    mapAutomergeEvents(app, enqueueHandled);
    mapDeployEvents(app, enqueueHandled);
    mapSlackEvents(app, enqueueHandled);
    mapCommandEvents(app, enqueueHandled);

    app.on("workflow_run.completed", async (context) => {
      const run = context.payload.workflow_run;
      const repo = context.payload.repository;
      const installationId = context.payload.installation?.id;
      if (installationId === undefined) return skipNoInstallation(context.log);
      await follow(context.log, {
        kind: COLLECT_JOB,
        id: `${COLLECT_JOB}:${context.id}`,
        // Runs download in parallel; the judge job (keyed by repo+sha) serialises what they lead to.
        key: `${repo.full_name}#run-${run.id}`,
        payload: {
          installationId,
          owner: repo.owner.login,
          repo: repo.name,
          runId: run.id,
          runName: run.name ?? `run ${run.id}`,
          headSha: run.head_sha,
          headBranch: run.head_branch ?? null,
          headOwner: run.head_repository?.owner?.login ?? null,
          htmlUrl: run.html_url ?? null,
          // Empty for fork PRs; the judge step finds those by head label.
          pullNumbers: (run.pull_requests ?? []).flatMap((p) => (p ? [p.number] : [])),
        },
      });
    });

    app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize"], async (context) => {
      const pr = context.payload.pull_request;
      const repo = context.payload.repository;
      const installationId = context.payload.installation?.id;
      if (installationId === undefined) return skipNoInstallation(context.log);
      await follow(context.log, {
        kind: QUEUE_CHECK_JOB,
        id: `${QUEUE_CHECK_JOB}:${context.id}`,
        key: `${repo.full_name}#${pr.number}`,
        payload: {
          installationId,
          owner: repo.owner.login,
          repo: repo.name,
          number: pr.number,
          headSha: pr.head.sha,
        },
      });
    });

    app.on("issue_comment.created", async (context) => {
      const { issue, comment, repository } = context.payload;
      // Commands live on pull requests only; bots (this app included) never command. Only `created`:
      // an edited comment is not a new command. The job reads the comment back (body, author, time).
      if (!issue.pull_request || comment.user?.type === "Bot") return;
      const installationId = context.payload.installation?.id;
      if (installationId === undefined) return skipNoInstallation(context.log);
      await follow(context.log, {
        kind: COMMAND_JOB,
        id: `${COMMAND_JOB}:${context.id}`,
        // One PR's commands run one at a time, in the order they were written.
        key: `${repository.full_name}#${issue.number}#commands`.toLowerCase(),
        payload: {
          installationId,
          owner: repository.owner.login,
          repo: repository.name,
          number: issue.number,
          commentId: comment.id,
          // What it said when posted: an edit before the job reads it back is not obeyed.
          bodyDigest: commentDigest(comment.body ?? ""),
        },
      });
    });
  };
}

/** Deliveries to a GitHub App always name the installation; one without it cannot be acted on. */
function skipNoInstallation(log: Logger): void {
  log.warn("delivery has no installation; ignored");
}
