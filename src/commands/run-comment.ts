// The `command` job: read the comment back, parse it, decide with the commenter's permission and the PR
// as it is now, run what is allowed in order, and answer with reactions and (when there is something
// to say) one reply. Each command line is logged once: a retried job skips what it already started.

import { committerDate } from "../github/commit-date.js";
import { getIssueComment, type IssueComment, replyOnIssue } from "../github/issue-comments.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { getPull, type PullInfo } from "../github/pulls.js";
import { reactToComment } from "../github/reactions.js";
import { runCommand } from "./act.js";
import { commentDigest } from "./comment-digest.js";
import { decide, HEAD_BOUND, ignoreReason, type Step } from "./decide.js";
import type { CommandsDeps } from "./deps.js";
import { parseCommands } from "./grammar.js";
import type { CommandContext } from "./handlers/context.js";
import { composeReply, type Outcome } from "./reply.js";

export interface CommentJob {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  commentId: number;
  /** commentDigest of the body as the delivery carried it (when the comment was posted). */
  bodyDigest?: string | undefined;
}

/** The reply when the comment changed between posting and reading: nothing in it is acted on. */
export const EDITED_REPLY =
  "Tollgate did not act on this comment: it was edited after it was posted and before Tollgate read it, and commands count only as posted (anyone with write access can edit a comment). Comment again to run them.";

export interface CommentOutcome {
  ignored?: string;
  outcomes: Outcome[];
}

/**
 * Was `pull.headSha` already the head when the comment was written? Its committer date must not be
 * later than the comment. Limits: the committer date is what the pusher's git stamped (a clock that
 * runs ahead refuses wrongly — fail closed; a back-dated commit or a force-push to an older commit
 * after the comment passes). GitHub offers no push time per PR head short of the timeline API.
 */
async function headSeenAt(
  octokit: Octokit,
  repo: RepoRef,
  pull: PullInfo,
  comment: IssueComment,
): Promise<boolean | undefined> {
  const date = await committerDate(octokit, repo, pull.headSha);
  if (date === null) return undefined;
  return date.getTime() <= comment.createdAt.getTime();
}

export async function runComment(deps: CommandsDeps, job: CommentJob): Promise<CommentOutcome> {
  const octokit = await deps.octokitFor(job.installationId);
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const comment = await getIssueComment(octokit, repo, job.commentId);
  if (!comment) return { ignored: "the comment was deleted", outcomes: [] };
  if (!comment.author) return { ignored: "the comment has no author (deleted account)", outcomes: [] };
  const actor = comment.author;
  const lines = parseCommands(comment.body);
  // Bots and comments without a command: no reaction, no reply (decide says why).
  const ignored = ignoreReason(actor, lines);
  if (ignored) return { ignored, outcomes: [] };
  if (job.bodyDigest !== undefined && commentDigest(comment.body) !== job.bodyDigest) {
    // Refused once per comment (a retried job neither reacts nor replies again).
    const entry = {
      repo: `${repo.owner}/${repo.repo}`,
      source: `comment:${comment.id}`,
      line: 0,
      number: job.number,
      actor: actor.login,
      command: "(edited before read)",
    };
    if (await deps.commandLog.refused(entry, "edited after it was posted", deps.now())) {
      await reactToComment(octokit, repo, comment.id, "confused");
      await replyOnIssue(octokit, repo, job.number, EDITED_REPLY);
    }
    return { ignored: "the comment was edited after it was posted", outcomes: [] };
  }

  await reactToComment(octokit, repo, comment.id, "eyes");
  const pull = await getPull(octokit, repo, job.number);
  const loaded = await deps.loadConfig(octokit, repo);
  const config = loaded.ok ? loaded.config : undefined;
  const role = await deps.roleOf(octokit, repo, actor.login);
  const needsHead = lines.some((l) => l.kind === "command" && HEAD_BOUND.has(l.command.name));
  const headSeen = needsHead ? await headSeenAt(octokit, repo, pull, comment) : undefined;
  const plan = decide({
    lines,
    actor,
    role,
    pull: { state: pull.state, merged: false, headSha: pull.headSha, fork: pull.headRepo !== pull.baseRepo },
    headSeen,
    environments: config?.deployments.order ?? [],
  });
  if (plan.kind === "ignore") return { ignored: plan.reason, outcomes: [] };

  const ctxFor = (step: Step): CommandContext => ({
    deps,
    octokit,
    repo,
    installationId: job.installationId,
    pull,
    actor: actor.login,
    text: step.text,
    source: `comment:${comment.id}`,
    config,
  });
  const outcomes: Outcome[] = [];
  for (const step of plan.steps)
    outcomes.push(await runStep(deps, ctxFor(step), step, job.number, loaded.ok, comment.id));

  const fresh = outcomes.filter((o) => o.result !== "skipped");
  if (outcomes.some((o) => o.result === "done")) await reactToComment(octokit, repo, comment.id, "rocket");
  if (outcomes.some((o) => o.result === "refused" || o.result === "failed"))
    await reactToComment(octokit, repo, comment.id, "confused");
  const reply = composeReply(fresh);
  if (reply) await replyOnIssue(octokit, repo, job.number, reply);
  return { outcomes };
}

async function runStep(
  deps: CommandsDeps,
  ctx: CommandContext,
  step: Step,
  number: number,
  configOk: boolean,
  commentId: number,
): Promise<Outcome> {
  const entry = {
    repo: `${ctx.repo.owner}/${ctx.repo.repo}`,
    source: ctx.source,
    line: step.line,
    number,
    actor: ctx.actor,
    command: step.text,
  };
  const base = { text: step.text, line: step.line };
  if (step.kind === "refuse") {
    const reason =
      !configOk && (step.command === "deploy" || step.command === "rollback")
        ? `${step.reason} — .github/tollgate.yml is invalid, so no environment is known`
        : step.reason;
    const fresh = await deps.commandLog.refused(entry, reason, deps.now());
    deps.log.info({ command: step.text, actor: ctx.actor, result: "refused", reason }, "command refused");
    return fresh
      ? { ...base, result: "refused", reply: reason, escaped: false }
      : { ...base, result: "skipped" };
  }
  if (!(await deps.commandLog.start(entry, deps.now()))) {
    deps.log.info({ command: step.text }, "command already handled by an earlier attempt; skipped");
    return { ...base, result: "skipped" };
  }
  try {
    const r = await runCommand(ctx, step.command, step.line, commentId);
    const result = !r.ok ? "failed" : r.waiting ? "waiting" : "done";
    await deps.commandLog.finish(entry.repo, entry.source, entry.line, result, r.detail, deps.now());
    deps.log.info({ command: step.text, actor: ctx.actor, result, detail: r.detail }, "command handled");
    return {
      ...base,
      result,
      ...(r.reply ? { reply: r.reply, escaped: true } : {}),
    };
  } catch (error) {
    // Started once; never run again by a retry (a deployment must not happen twice). Say so.
    const message = error instanceof Error ? error.message : String(error);
    await deps.commandLog.finish(entry.repo, entry.source, entry.line, "failed", message, deps.now());
    deps.log.error({ err: error, command: step.text }, "command failed");
    return {
      ...base,
      result: "failed",
      reply: `failed (${message}); comment again to retry`,
      escaped: false,
    };
  }
}
