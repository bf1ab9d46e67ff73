// `/merge`: once the head commit's gate passed (or was overridden), enable GitHub's auto-merge bound to
// that head (the automerge feature's code: falls back to a direct merge guarded by the sha when the
// repository does not allow auto-merge or the PR is already mergeable). Never approves: a person
// asked, so the PR's own reviews count. A gate not passed yet is refused with a reply saying so.
import { enableAutoMerge, type MergeMethod, mergeDirectly } from "../../automerge/act.js";
import { toPullFact } from "../../automerge/fetch-snapshot.js";
import { inline } from "../../render/markdown.js";
import { type CommandContext, fullRepo, type HandlerResult, short } from "./context.js";

const DONE: ReadonlySet<string> = new Set([
  "auto-merge enabled",
  "auto-merge already enabled",
  "merged",
  "already merged",
]);

export async function merge(ctx: CommandContext): Promise<HandlerResult> {
  const sha = ctx.pull.headSha;
  const name = fullRepo(ctx.repo);
  const [verdict, override] = await Promise.all([
    ctx.deps.reports.getVerdict(name, sha),
    ctx.deps.reports.getOverride(name, sha),
  ]);
  if (!override && verdict?.conclusion !== "success") {
    const state = verdict ? `${verdict.conclusion}: ${verdict.summary}` : "not judged yet";
    const hint =
      verdict?.conclusion === "failure"
        ? "Fix it, or a maintainer can `/gate override <reason>`."
        : "Comment `/merge` again once it passed.";
    return {
      ok: false,
      detail: `gate of ${short(sha)} not passed (${verdict?.conclusion ?? "unknown"})`,
      reply: `Not enabling auto-merge: the gate has not passed on ${short(sha)} (${inline(state)}). ${hint}`,
    };
  }
  const { data: raw } = await ctx.octokit.rest.pulls.get({ ...ctx.repo, pull_number: ctx.pull.number });
  const { data: repository } = await ctx.octokit.rest.repos.get({ ...ctx.repo });
  const pull = toPullFact(raw as Parameters<typeof toPullFact>[0]);
  if (pull.headSha !== sha)
    return {
      ok: false,
      detail: "head moved",
      reply: `The head moved to ${short(pull.headSha)}; comment \`/merge\` again.`,
    };
  const method: MergeMethod = ctx.config?.automerge.dependabot.method ?? "squash";
  const act = { octokit: ctx.octokit, repo: ctx.repo, s: { pull }, method, requests: 0 };
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
