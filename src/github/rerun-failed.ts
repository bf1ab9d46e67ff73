// POST /repos/{o}/{r}/actions/runs/{id}/rerun-failed-jobs. GitHub answers 403 when the run cannot be
// re-run (still going, too old, workflow file changed): an outcome, not an error.
import type { Octokit, RepoRef } from "./octokit.js";

export type RerunOutcome = { ok: true } | { ok: false; reason: string };

export async function rerunFailedJobs(octokit: Octokit, repo: RepoRef, runId: number): Promise<RerunOutcome> {
  try {
    await octokit.rest.actions.reRunWorkflowFailedJobs({ ...repo, run_id: runId });
    return { ok: true };
  } catch (error) {
    const e = error as { status?: unknown; response?: { data?: { message?: unknown } } };
    if (e.status === 403 || e.status === 409 || e.status === 422) {
      const message = e.response?.data?.message;
      return {
        ok: false,
        reason: typeof message === "string" ? message : `GitHub answered ${String(e.status)}`,
      };
    }
    throw error;
  }
}
