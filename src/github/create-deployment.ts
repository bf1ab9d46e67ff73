// POST /repos/{o}/{r}/deployments. GitHub answers 201 with the deployment, 202 when it merged the
// default branch into the ref first (auto_merge, which we always turn off), 409 when the required
// contexts did not pass, 422 for a bad ref/environment: the last two are outcomes shown to the user.
import type { Octokit, RepoRef } from "./octokit.js";

export interface DeploymentRequest {
  sha: string;
  environment: string;
  /** Status contexts GitHub must see succeeded on the sha first; [] skips the check. */
  requiredContexts: string[];
  payload: Record<string, string | number | boolean | null>;
  description: string;
}

export type DeploymentOutcome =
  | { ok: true; id: number; url: string | null }
  | { ok: false; status: number; reason: string };

export async function createDeployment(
  octokit: Octokit,
  repo: RepoRef,
  d: DeploymentRequest,
): Promise<DeploymentOutcome> {
  try {
    const response = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: d.sha,
      environment: d.environment,
      auto_merge: false,
      required_contexts: d.requiredContexts,
      payload: d.payload,
      description: d.description.slice(0, 140),
    });
    const data = response.data as { id?: unknown; url?: unknown; message?: unknown };
    if (typeof data.id !== "number")
      return {
        ok: false,
        status: response.status,
        reason: typeof data.message === "string" ? data.message : "no deployment created",
      };
    return { ok: true, id: data.id, url: typeof data.url === "string" ? data.url : null };
  } catch (error) {
    const e = error as { status?: unknown; response?: { data?: { message?: unknown } } };
    if (e.status === 409 || e.status === 422) {
      const message = e.response?.data?.message;
      return {
        ok: false,
        status: e.status,
        reason: typeof message === "string" ? message : `GitHub answered ${e.status}`,
      };
    }
    throw error;
  }
}
