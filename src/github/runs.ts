// The workflow runs of one commit: which are still going (the check run waits for them).
import type { Octokit, RepoRef } from "./octokit.js";

export interface RunSummary {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  htmlUrl: string;
}

export async function runsForSha(octokit: Octokit, repo: RepoRef, sha: string): Promise<RunSummary[]> {
  const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({
    ...repo,
    head_sha: sha,
    per_page: 100,
  });
  return data.workflow_runs.map((r) => ({
    id: r.id,
    name: r.name ?? `run ${r.id}`,
    status: r.status ?? "unknown",
    conclusion: r.conclusion ?? null,
    htmlUrl: r.html_url,
  }));
}

/** Names of runs not completed yet, deduplicated (re-runs share a name). */
export function pendingRunNames(runs: readonly RunSummary[]): string[] {
  return [...new Set(runs.filter((r) => r.status !== "completed").map((r) => r.name))].sort();
}
