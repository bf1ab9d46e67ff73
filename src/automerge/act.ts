// The effects of a decision, through the narrow set of GitHub calls auto-merge needs: approve when a
// review is required, enable native auto-merge (bound to the head sha), merge directly with the sha
// guard when native auto-merge cannot be used, and disable auto-merge. GitHub's answers that mean
// "already done" are success; "not mergeable yet" and "head moved" are outcomes, not errors.
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { Decision } from "./policy.js";
import type { AutomergeSnapshot } from "./snapshot.js";

export type MergeMethod = "squash" | "merge" | "rebase";

export type ActOutcome =
  | "none"
  | "auto-merge enabled"
  | "auto-merge already enabled"
  | "merged"
  | "already merged"
  | "not mergeable yet"
  | "head moved"
  | "auto-merge disabled"
  /** GitHub refused for a reason waiting cannot fix (merge method not allowed, no permission). */
  | "refused by GitHub";

export interface ActResult {
  outcome: ActOutcome;
  /** What happened, for the comment and the log, e.g. "the repository does not allow auto-merge: merged directly". */
  detail: string;
  approved: boolean;
  requests: number;
}

const REVIEW_DECISION = `query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) { pullRequest(number: $number) { reviewDecision } }
}`;

// Variable names: octokit reserves "method", "url", "headers" and "query".
const ENABLE = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!, $expectedHeadOid: GitObjectID!) {
  enablePullRequestAutoMerge(input: {pullRequestId: $pullRequestId, mergeMethod: $mergeMethod, expectedHeadOid: $expectedHeadOid}) {
    pullRequest { autoMergeRequest { enabledAt } }
  }
}`;

const DISABLE = `mutation($pullRequestId: ID!) {
  disablePullRequestAutoMerge(input: {pullRequestId: $pullRequestId}) { pullRequest { number } }
}`;

function messageOf(error: unknown): string {
  if (error && typeof error === "object") {
    const errors = (error as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      const texts = errors.map((e) =>
        e && typeof e === "object" ? String((e as { message?: unknown }).message) : "",
      );
      if (texts.some(Boolean)) return texts.join("; ");
    }
    const response = (error as { response?: { data?: { message?: unknown } } }).response;
    if (typeof response?.data?.message === "string") return response.data.message;
  }
  return error instanceof Error ? error.message : String(error);
}

const statusOf = (error: unknown): number | undefined =>
  error && typeof error === "object" && typeof (error as { status?: unknown }).status === "number"
    ? (error as { status: number }).status
    : undefined;

/** What the merge steps read: the PR's facts only (`/merge` from the commands feature builds one too). */
export interface Ctx {
  octokit: Octokit;
  repo: RepoRef;
  s: Pick<AutomergeSnapshot, "pull">;
  method: MergeMethod;
  requests: number;
}

async function reviewRequired(ctx: Ctx): Promise<boolean> {
  ctx.requests++;
  const data = await ctx.octokit.graphql<{
    repository: { pullRequest: { reviewDecision: string | null } | null } | null;
  }>(REVIEW_DECISION, { owner: ctx.repo.owner, repo: ctx.repo.repo, number: ctx.s.pull.number });
  return data.repository?.pullRequest?.reviewDecision === "REVIEW_REQUIRED";
}

async function approve(ctx: Ctx, summary: string): Promise<void> {
  ctx.requests++;
  await ctx.octokit.rest.pulls.createReview({
    ...ctx.repo,
    pull_number: ctx.s.pull.number,
    commit_id: ctx.s.pull.headSha,
    event: "APPROVE",
    body: `Tollgate: ${summary}; the gate passed on ${ctx.s.pull.headSha.slice(0, 7)}.`,
  });
}

/** PUT /pulls/{n}/merge with `sha`: GitHub refuses (409) when the head moved since the decision. */
export async function mergeDirectly(ctx: Ctx, why: string): Promise<ActResult> {
  const base = { approved: false, requests: ctx.requests };
  if (ctx.s.pull.merged) return { ...base, outcome: "already merged", detail: "the PR is already merged" };
  if (ctx.s.pull.mergeable !== true)
    return {
      ...base,
      outcome: "not mergeable yet",
      detail: `${why}; GitHub does not report the PR mergeable yet (${ctx.s.pull.mergeableState})`,
    };
  ctx.requests++;
  try {
    await ctx.octokit.rest.pulls.merge({
      ...ctx.repo,
      pull_number: ctx.s.pull.number,
      sha: ctx.s.pull.headSha,
      merge_method: ctx.method,
    });
    return { approved: false, requests: ctx.requests, outcome: "merged", detail: `${why}: merged directly` };
  } catch (error) {
    const status = statusOf(error);
    const message = messageOf(error);
    const done = { approved: false, requests: ctx.requests };
    if (/already merged/i.test(message)) return { ...done, outcome: "already merged", detail: message };
    if (status === 409) return { ...done, outcome: "head moved", detail: `not merged: ${message}` };
    if (status === 403 || (status === 405 && /not allowed/i.test(message)))
      return { ...done, outcome: "refused by GitHub", detail: `not merged: ${message}` };
    if (status === 405)
      return { ...done, outcome: "not mergeable yet", detail: `not merged yet: ${message}` };
    throw error;
  }
}

export async function enableAutoMerge(ctx: Ctx): Promise<ActResult> {
  if (ctx.s.pull.autoMerge)
    return {
      outcome: "auto-merge already enabled",
      detail: "auto-merge is on",
      approved: false,
      requests: ctx.requests,
    };
  ctx.requests++;
  try {
    await ctx.octokit.graphql(ENABLE, {
      pullRequestId: ctx.s.pull.nodeId,
      mergeMethod: ctx.method.toUpperCase(),
      expectedHeadOid: ctx.s.pull.headSha,
    });
    return {
      outcome: "auto-merge enabled",
      detail: "auto-merge enabled",
      approved: false,
      requests: ctx.requests,
    };
  } catch (error) {
    const message = messageOf(error);
    if (/clean status/i.test(message)) return mergeDirectly(ctx, "already mergeable");
    if (/auto.?merge is not allowed/i.test(message))
      return mergeDirectly(ctx, 'the repository does not allow auto-merge (Settings → "Allow auto-merge")');
    if (/protected branch rules not configured/i.test(message))
      return mergeDirectly(ctx, `${ctx.s.pull.baseRef} has no branch protection rule with a requirement`);
    if (/head.*(oid|sha)|expected.*head/i.test(message))
      return {
        outcome: "head moved",
        detail: `not enabled: ${message}`,
        approved: false,
        requests: ctx.requests,
      };
    if (/already merged/i.test(message))
      return { outcome: "already merged", detail: message, approved: false, requests: ctx.requests };
    throw error;
  }
}

export async function act(
  octokit: Octokit,
  repo: RepoRef,
  s: AutomergeSnapshot,
  decision: Decision,
  method: MergeMethod,
): Promise<ActResult> {
  const ctx: Ctx = { octokit, repo, s, method, requests: 0 };
  if (decision.action === "disable") {
    ctx.requests++;
    await octokit.graphql(DISABLE, { pullRequestId: s.pull.nodeId });
    return {
      outcome: "auto-merge disabled",
      detail: decision.summary,
      approved: false,
      requests: ctx.requests,
    };
  }
  if (decision.action !== "merge")
    return { outcome: "none", detail: decision.summary, approved: false, requests: 0 };
  if (s.pull.merged)
    return { outcome: "already merged", detail: "the PR is already merged", approved: false, requests: 0 };
  const needsReview = await reviewRequired(ctx);
  if (needsReview) await approve(ctx, decision.summary);
  const result = s.repository.allowAutoMerge
    ? await enableAutoMerge(ctx)
    : await mergeDirectly(ctx, 'the repository does not allow auto-merge (Settings → "Allow auto-merge")');
  return { ...result, approved: needsReview, requests: ctx.requests };
}
