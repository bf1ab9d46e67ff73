// Answering a custom deployment protection rule through the payload's `deployment_callback_url`
// (POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule): a review with
// `state` approved|rejected, or a status report (comment only, no state; GitHub keeps 10 per
// deployment). GitHub answers 204; a second review for the same deployment answers 422, which means
// it was already answered (by us earlier, or a person) — done, not an error.
import type { Octokit } from "../github/octokit.js";
import { PermanentError } from "../queue/errors.js";
import { clampComment } from "./protection.js";

/** GitHub keeps at most this many status reports per deployment. */
export const STATUS_REPORTS_MAX = 10;

export type CallbackAnswer =
  | { kind: "review"; state: "approved" | "rejected"; comment: string }
  | { kind: "status"; comment: string };

export type CallbackResult = "sent" | "already_answered";

function status(error: unknown): number | undefined {
  const s = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof s === "number" ? s : undefined;
}

export async function answerProtectionRule(
  octokit: Pick<Octokit, "request">,
  callbackUrl: string,
  environment: string,
  answer: CallbackAnswer,
): Promise<CallbackResult> {
  const body =
    answer.kind === "review"
      ? { environment_name: environment, state: answer.state, comment: clampComment(answer.comment) }
      : { environment_name: environment, comment: clampComment(answer.comment) };
  try {
    await octokit.request("POST {url}", { url: callbackUrl, ...body });
    return "sent";
  } catch (error) {
    const code = status(error);
    if (code === 422) return "already_answered";
    // The run is gone or the app lacks `deployments: write` here: retrying cannot help.
    if (code === 404 || code === 403)
      throw new PermanentError(`GitHub refused the protection-rule answer (HTTP ${code}) at ${callbackUrl}`, {
        cause: error,
      });
    throw error;
  }
}

/** The run id in a callback URL (…/actions/runs/{run_id}/deployment_protection_rule), or null. */
export function runIdFromCallback(url: string): number | null {
  const m = /\/actions\/runs\/(\d+)\/deployment_protection_rule\/?$/.exec(url);
  return m?.[1] ? Number(m[1]) : null;
}
