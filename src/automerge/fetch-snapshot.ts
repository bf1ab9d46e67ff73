// Reads the facts of one PR the decision needs, in three REST requests (PR, its commits, the repo).
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { CommitFact, PullFact, RepoFact } from "./snapshot.js";

export interface PullFacts {
  pull: PullFact;
  commits: CommitFact[];
  repository: RepoFact;
  requests: number;
}

interface RawPull {
  number: number;
  node_id: string;
  title: string;
  body: string | null;
  html_url: string;
  state: string;
  draft?: boolean;
  merged?: boolean;
  mergeable?: boolean | null;
  mergeable_state?: string;
  user: { login: string; id: number; type: string } | null;
  labels: { name?: string }[];
  head: { ref: string; sha: string };
  base: { ref: string };
  auto_merge: { enabled_by: { login: string; type: string } | null; merge_method: string } | null;
}

interface RawCommit {
  sha: string;
  author: { login: string } | null;
  commit: { message: string; verification?: { verified: boolean; reason: string } | null };
}

export function toPullFact(p: RawPull): PullFact {
  return {
    number: p.number,
    nodeId: p.node_id,
    title: p.title,
    body: p.body,
    htmlUrl: p.html_url,
    headRef: p.head.ref,
    headSha: p.head.sha,
    baseRef: p.base.ref,
    state: p.state,
    draft: p.draft ?? false,
    merged: p.merged ?? false,
    author: p.user ? { login: p.user.login, id: p.user.id, type: p.user.type } : null,
    labels: p.labels.flatMap((l) => (l.name ? [l.name] : [])),
    mergeable: p.mergeable ?? null,
    mergeableState: p.mergeable_state ?? "unknown",
    autoMerge: p.auto_merge
      ? {
          enabledBy: p.auto_merge.enabled_by
            ? { login: p.auto_merge.enabled_by.login, type: p.auto_merge.enabled_by.type }
            : null,
          mergeMethod: p.auto_merge.merge_method,
        }
      : null,
  };
}

export function toCommitFact(c: RawCommit): CommitFact {
  return {
    sha: c.sha,
    authorLogin: c.author?.login ?? null,
    verified: c.commit.verification?.verified === true,
    verificationReason: c.commit.verification?.reason ?? "no verification data",
    message: c.commit.message,
  };
}

export async function fetchPullFacts(octokit: Octokit, repo: RepoRef, number: number): Promise<PullFacts> {
  const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  // A PR lists at most 250 commits; Dependabot's have one or two. More than 100 is already suspicious.
  const { data: commits } = await octokit.rest.pulls.listCommits({
    ...repo,
    pull_number: number,
    per_page: 100,
  });
  const { data: r } = await octokit.rest.repos.get({ ...repo });
  const listed = (commits as RawCommit[]).map(toCommitFact);
  return {
    pull: toPullFact(pr as RawPull),
    // A full page may hide more commits: an empty list makes the policy refuse (fail closed).
    commits: listed.length >= 100 ? [] : listed,
    repository: { defaultBranch: r.default_branch, allowAutoMerge: r.allow_auto_merge === true },
    requests: 3,
  };
}
