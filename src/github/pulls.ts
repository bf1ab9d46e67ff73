// Pull requests of a workflow run, and what a PR changed. Fork PRs are the tricky part: GitHub leaves
// `workflow_run.pull_requests` empty for them and `commits/{sha}/pulls` finds nothing on the base repo,
// so we list the base repo's open PRs by `head=<fork owner>:<branch>` and keep those at the run's sha.
import { addedLines } from "./diff.js";
import type { Octokit, RepoRef } from "./octokit.js";

export interface PullInfo {
  number: number;
  title: string;
  headSha: string;
  headRef: string;
  /** "owner/repo" of the head; differs from the base repo for forks. */
  headRepo: string | null;
  baseRef: string;
  baseSha: string;
  /** "owner/repo" of the base. */
  baseRepo: string;
  draft: boolean;
  state: string;
  author: { login: string; id: number; type: string } | null;
  htmlUrl: string;
}

interface RawPull {
  number: number;
  title?: string;
  state: string;
  draft?: boolean;
  html_url: string;
  user: { login: string; id: number; type: string } | null;
  head: { sha: string; ref: string; repo: { full_name: string } | null };
  base: { sha: string; ref: string; repo: { full_name: string } };
}

export function toPullInfo(p: RawPull): PullInfo {
  return {
    number: p.number,
    title: p.title ?? "",
    headSha: p.head.sha,
    headRef: p.head.ref,
    headRepo: p.head.repo?.full_name ?? null,
    baseRef: p.base.ref,
    baseSha: p.base.sha,
    baseRepo: p.base.repo.full_name,
    draft: p.draft ?? false,
    state: p.state,
    author: p.user ? { login: p.user.login, id: p.user.id, type: p.user.type } : null,
    htmlUrl: p.html_url,
  };
}

export async function getPull(octokit: Octokit, repo: RepoRef, number: number): Promise<PullInfo> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  return toPullInfo(data as RawPull);
}

export interface RunHead {
  headSha: string;
  headBranch: string | null;
  /** Owner login of the repository the run's head came from (the fork owner for fork PRs). */
  headOwner: string | null;
  /** PR numbers GitHub put in the payload (empty for forks). */
  payloadPulls: number[];
}

/**
 * Open PRs of `repo` whose head is the run's head sha and whose base repo is `repo`. Every candidate
 * is re-read so a PR that moved on since the run started is not written to (the caller compares shas).
 */
export async function pullsForRun(octokit: Octokit, repo: RepoRef, run: RunHead): Promise<PullInfo[]> {
  const self = `${repo.owner}/${repo.repo}`;
  const keep = (p: PullInfo) => p.headSha === run.headSha && p.baseRepo === self && p.state === "open";
  if (run.payloadPulls.length > 0) {
    const pulls = await Promise.all(run.payloadPulls.map((n) => getPull(octokit, repo, n)));
    return pulls.filter(keep);
  }
  const { data: bySha } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    ...repo,
    commit_sha: run.headSha,
  });
  const found = (bySha as RawPull[]).map(toPullInfo).filter(keep);
  if (found.length > 0 || !run.headOwner || !run.headBranch) return found;
  // Fork: list by head label.
  const { data: byHead } = await octokit.rest.pulls.list({
    ...repo,
    state: "open",
    head: `${run.headOwner}:${run.headBranch}`,
    per_page: 30,
  });
  return (byHead as RawPull[]).map(toPullInfo).filter(keep);
}

/** Changed (added) lines per file of a PR, from its paginated file list. Renamed files count under the new name. */
export async function changedLines(
  octokit: Octokit,
  repo: RepoRef,
  number: number,
): Promise<Map<string, number[]>> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    ...repo,
    pull_number: number,
    per_page: 100,
  });
  const out = new Map<string, number[]>();
  for (const f of files) {
    if (f.status === "removed" || !f.patch) continue;
    const lines = addedLines(f.patch);
    if (lines.length > 0) out.set(f.filename, lines);
  }
  return out;
}
