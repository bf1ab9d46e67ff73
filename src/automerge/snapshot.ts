// The pre-fetched facts a decision reads (kodiak's idea: fetch once, decide purely, act narrowly).
import type { UpdateInfo } from "./types.js";

export interface CommitFact {
  sha: string;
  /** GitHub login of the commit's author; null when the author email matches no account. */
  authorLogin: string | null;
  /** GitHub's signature verification of the commit. */
  verified: boolean;
  /** GitHub's reason, e.g. "valid", "unsigned", "unknown_key". */
  verificationReason: string;
  message: string;
}

export interface PullFact {
  number: number;
  /** GraphQL node id (auto-merge mutations). */
  nodeId: string;
  title: string;
  body: string | null;
  htmlUrl: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  state: string;
  draft: boolean;
  merged: boolean;
  author: { login: string; id: number; type: string } | null;
  labels: string[];
  /** GitHub computes it lazily: null means "not known yet". */
  mergeable: boolean | null;
  mergeableState: string;
  /** Native auto-merge, when enabled on the PR. */
  autoMerge: { enabledBy: { login: string; type: string } | null; mergeMethod: string } | null;
}

export interface RepoFact {
  defaultBranch: string;
  /** The repository's "Allow auto-merge" setting. */
  allowAutoMerge: boolean;
}

/** The Tollgate verdict stored for the PR's head sha (undefined: not judged yet). */
export interface VerdictFact {
  conclusion: "success" | "failure" | "neutral" | "action_required" | "pending";
  summary: string;
}

export interface AutomergeSnapshot {
  /** "owner/repo" */
  repo: string;
  pull: PullFact;
  commits: CommitFact[];
  repository: RepoFact;
  verdict: VerdictFact | undefined;
  update: UpdateInfo;
  /** The account id of dependabot[bot] on this GitHub (github.com: DEPENDABOT_ID; GHES differs). */
  dependabotId: number;
  /** Native auto-merge is on because this feature enabled it (from the decision log), not a maintainer. */
  autoMergeByTollgate: boolean;
  /** The clock, injected (the merge window). */
  now: Date;
}
