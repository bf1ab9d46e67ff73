// The one `Tollgate` check run per head sha: found again by name + sha (or the id we stored), created
// when absent, updated in place. Annotations go 50 per request, the first batch with the update.
import type { Annotation } from "../render/annotations.js";
import { batches } from "../render/annotations.js";
import { ANNOTATIONS_PER_REQUEST } from "../render/limits.js";
import type { Octokit, RepoRef } from "./octokit.js";

export const CHECK_NAME = "Tollgate";

export type CheckStatus = "queued" | "in_progress" | "completed";
export type CheckConclusion = "success" | "failure" | "neutral" | "action_required" | "cancelled" | "skipped";

export interface CheckRunAction {
  label: string;
  description: string;
  identifier: string;
}

export interface CheckRunPlan {
  status: CheckStatus;
  conclusion?: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
  detailsUrl?: string;
  actions?: CheckRunAction[];
}

/** Our check run for the sha, if one exists (GitHub lists only the latest per name by default). */
export async function findCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
): Promise<number | undefined> {
  const { data } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: sha,
    check_name: CHECK_NAME,
    per_page: 10,
  });
  return data.check_runs[0]?.id;
}

/**
 * How many annotations our check run for the sha holds on GitHub (its `output.annotations_count`), and
 * its id; undefined when there is none. One request: by id when known, else the list by ref.
 */
export async function annotationsOnGitHub(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  knownId?: number,
): Promise<{ id: number; count: number } | undefined> {
  if (knownId !== undefined) {
    const { data } = await octokit.rest.checks.get({ ...repo, check_run_id: knownId });
    return { id: data.id, count: data.output.annotations_count };
  }
  const { data } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: sha,
    check_name: CHECK_NAME,
    per_page: 10,
  });
  const run = data.check_runs[0];
  return run ? { id: run.id, count: run.output.annotations_count } : undefined;
}

/**
 * Creates or updates the check run and sends its annotations. Returns the check run id and the number
 * of requests made. `knownId` skips the look-up (stored from an earlier render).
 */
export async function publishCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  plan: CheckRunPlan,
  knownId?: number,
): Promise<{ id: number; url: string | null; requests: number }> {
  let requests = 0;
  let id = knownId;
  if (id === undefined) {
    id = await findCheckRun(octokit, repo, sha);
    requests++;
  }
  const [first = [], ...rest] = batches(plan.annotations ?? [], ANNOTATIONS_PER_REQUEST);
  const output = {
    title: plan.title,
    summary: plan.summary,
    ...(plan.text !== undefined ? { text: plan.text } : {}),
    ...(first.length > 0 ? { annotations: first } : {}),
  };
  const common = {
    ...repo,
    status: plan.status,
    ...(plan.conclusion ? { conclusion: plan.conclusion } : {}),
    ...(plan.detailsUrl ? { details_url: plan.detailsUrl } : {}),
    ...(plan.actions ? { actions: plan.actions } : {}),
    output,
  };
  let url: string | null;
  if (id === undefined) {
    const { data } = await octokit.rest.checks.create({ ...common, name: CHECK_NAME, head_sha: sha });
    id = data.id;
    url = data.html_url ?? null;
  } else {
    const { data } = await octokit.rest.checks.update({ ...common, check_run_id: id });
    url = data.html_url ?? null;
  }
  requests++;
  for (const batch of rest) {
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: id,
      output: { title: plan.title, summary: plan.summary, annotations: batch },
    });
    requests++;
  }
  return { id, url, requests };
}
