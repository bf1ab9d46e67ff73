// `/merge`: enable GitHub's auto-merge bound to the head the commenter saw, once its gate passed (or
// was overridden). Passed already: now. Not yet: the request waits (merge-waiting.ts) and the verdict
// that passes the gate on that very sha enables it; a new push never inherits it. Uses the automerge
// feature's code (falls back to a direct merge guarded by the sha when the repository does not allow
// auto-merge or the PR is already mergeable). Never approves: a person asked, the PR's reviews count.
import { enableAutoMerge, type MergeMethod, mergeDirectly } from "../../automerge/act.js";
import { toPullFact } from "../../automerge/fetch-snapshot.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { inline } from "../../render/markdown.js";
import type { CommandsDeps } from "../deps.js";
import { addWaitingMerge } from "../merge-waiting.js";
import { type CommandContext, fullRepo, type HandlerResult, short } from "./context.js";

const DONE: ReadonlySet<string> = new Set([
  "auto-merge enabled",
  "auto-merge already enabled",
  "merged",
  "already merged",
]);

/** Has the sha's gate passed (a success verdict, or an override the judge has not rendered yet)? */
export async function gatePassed(
  reports: CommandsDeps["reports"],
  repo: string,
  sha: string,
): Promise<{ passed: boolean; state: string }> {
  const [verdict, override] = await Promise.all([
    reports.getVerdict(repo, sha),
    reports.getOverride(repo, sha),
  ]);
  if (override || verdict?.conclusion === "success") return { passed: true, state: "passed" };
  return { passed: false, state: verdict ? `${verdict.conclusion}: ${verdict.summary}` : "not judged yet" };
}

/** Enables auto-merge on PR `number` if its head is still `sha`. */
export async function enableOnHead(
  octokit: Octokit,
  repo: RepoRef,
  number: number,
  sha: string,
  method: MergeMethod,
): Promise<HandlerResult> {
  const { data: raw } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  const pull = toPullFact(raw as Parameters<typeof toPullFact>[0]);
  if (pull.headSha !== sha)
    return {
      ok: false,
      detail: `head moved to ${pull.headSha}`,
      reply: `Auto-merge not enabled: the head moved from ${short(sha)} to ${short(pull.headSha)}; comment \`/merge\` again.`,
    };
  if (pull.state !== "open" && !pull.merged)
    return { ok: false, detail: "PR closed", reply: "Auto-merge not enabled: the pull request is closed." };
  const { data: repository } = await octokit.rest.repos.get({ ...repo });
  const act = { octokit, repo, s: { pull }, method, requests: 0 };
  const result =
    repository.allow_auto_merge === true
      ? await enableAutoMerge(act)
      : await mergeDirectly(act, 'the repository does not allow auto-merge (Settings → "Allow auto-merge")');
  if (DONE.has(result.outcome)) return { ok: true, detail: `${result.outcome}: ${result.detail}` };
  return {
    ok: false,
    detail: `${result.outcome}: ${result.detail}`,
    reply: `Not merged: ${inline(result.detail)}.`,
  };
}

export async function merge(
  ctx: CommandContext,
  line: number,
  commentId: number | null,
): Promise<HandlerResult> {
  const sha = ctx.pull.headSha;
  const gate = await gatePassed(ctx.deps.reports, fullRepo(ctx.repo), sha);
  const method: MergeMethod = ctx.config?.automerge.dependabot.method ?? "squash";
  if (gate.passed) return enableOnHead(ctx.octokit, ctx.repo, ctx.pull.number, sha, method);
  await addWaitingMerge(ctx.deps.state, fullRepo(ctx.repo), sha, {
    installationId: ctx.installationId,
    number: ctx.pull.number,
    commentId,
    actor: ctx.actor,
    source: ctx.source,
    line,
  });
  return {
    ok: true,
    waiting: true,
    detail: `waiting for the gate of ${short(sha)} (${gate.state})`,
    reply: `Auto-merge will be enabled once the gate passes on ${short(sha)} (now: ${inline(gate.state)}). A new push cancels this request.`,
  };
}
