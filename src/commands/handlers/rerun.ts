// `/rerun` (and the "Re-run failed jobs" button): re-run the failed jobs of the head commit's runs.
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { rerunFailedJobs } from "../../github/rerun-failed.js";
import { runsForSha } from "../../github/runs.js";
import { inline } from "../../render/markdown.js";
import { type HandlerResult, short } from "./context.js";

/** Conclusions GitHub's "Re-run failed jobs" applies to. */
const RERUNNABLE: ReadonlySet<string> = new Set(["failure", "timed_out", "cancelled", "startup_failure"]);

export async function rerunSha(octokit: Octokit, repo: RepoRef, sha: string): Promise<HandlerResult> {
  const runs = await runsForSha(octokit, repo, sha);
  const failed = runs.filter(
    (r) => r.status === "completed" && r.conclusion !== null && RERUNNABLE.has(r.conclusion),
  );
  if (failed.length === 0)
    return {
      ok: true,
      detail: `no failed workflow run on ${short(sha)}`,
      reply: `Nothing to re-run: no workflow run of ${short(sha)} failed.`,
    };
  const refused: string[] = [];
  for (const run of failed) {
    const outcome = await rerunFailedJobs(octokit, repo, run.id);
    if (!outcome.ok) refused.push(`${inline(run.name)}: ${inline(outcome.reason)}`);
  }
  const started = failed.length - refused.length;
  const detail = `re-running ${started} of ${failed.length} failed run(s) of ${short(sha)}`;
  if (refused.length === 0) return { ok: true, detail };
  return {
    ok: started > 0,
    detail: `${detail}; GitHub refused ${refused.length}`,
    reply: [`GitHub did not re-run ${refused.length} run(s):`, ...refused.map((r) => `- ${r}`)].join("\n"),
  };
}
