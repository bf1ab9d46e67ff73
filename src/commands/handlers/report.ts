// `/report`: collect the head commit's finished workflow runs again (each collect job then asks for the
// commit to be judged, debounced) — or, with no finished run, judge again what is stored.
import { COLLECT_JOB, judgeJob } from "../../feedback/judge-job.js";
import { runsForSha } from "../../github/runs.js";
import { type CommandContext, fullRepo, type HandlerResult, short } from "./context.js";

export async function report(ctx: CommandContext): Promise<HandlerResult> {
  const { pull, repo } = ctx;
  const runs = (await runsForSha(ctx.octokit, repo, pull.headSha)).filter((r) => r.status === "completed");
  const headOwner = pull.headRepo?.split("/")[0] ?? null;
  if (runs.length === 0) {
    await ctx.deps.enqueue({
      ...judgeJob(
        {
          installationId: ctx.installationId,
          ...repo,
          sha: pull.headSha,
          headBranch: pull.headRef,
          headOwner,
          pullNumbers: [pull.number],
        },
        0,
      ),
      id: `judge:${ctx.source}`,
    });
    return { ok: true, detail: `no finished workflow run on ${short(pull.headSha)}; judged again` };
  }
  for (const run of runs)
    await ctx.deps.enqueue({
      kind: COLLECT_JOB,
      id: `${COLLECT_JOB}:${ctx.source}:${run.id}`,
      key: `${fullRepo(repo)}#run-${run.id}`,
      payload: {
        installationId: ctx.installationId,
        ...repo,
        runId: run.id,
        runName: run.name,
        headSha: pull.headSha,
        headBranch: pull.headRef,
        headOwner,
        htmlUrl: run.htmlUrl,
        pullNumbers: [pull.number],
      },
    });
  return { ok: true, detail: `collecting ${runs.length} workflow run(s) of ${short(pull.headSha)} again` };
}
