// `/gate override <reason>`: the head commit's gate counts as passed; who and why are stored (the check
// run and the sticky comment show them) and the commit is judged again at once.
import { judgeJob } from "../../feedback/judge-job.js";
import { type CommandContext, fullRepo, type HandlerResult, short } from "./context.js";

export async function override(ctx: CommandContext, reason: string): Promise<HandlerResult> {
  const { pull, repo } = ctx;
  await ctx.deps.reports.setOverride(fullRepo(repo), pull.headSha, {
    by: ctx.actor,
    reason,
    at: ctx.deps.now(),
  });
  await ctx.deps.enqueue({
    ...judgeJob(
      {
        installationId: ctx.installationId,
        ...repo,
        sha: pull.headSha,
        headBranch: pull.headRef,
        headOwner: pull.headRepo?.split("/")[0] ?? null,
        pullNumbers: [pull.number],
      },
      0,
    ),
    id: `judge:${ctx.source}`,
  });
  return { ok: true, detail: `gate of ${short(pull.headSha)} overridden by ${ctx.actor}` };
}
