// The custom deployment protection rule's decision: pure, table-tested (test/deploy/protection.test.ts).
// It decides on the deployment's sha, never on a branch name. Fails closed: a gate that is not
// `success` (or overridden) never approves; missing history never counts as success.
import type { VerdictConclusion } from "../store/reports.js";
import { normalizeEnv, previousEnvironment } from "./promotion.js";

/** GitHub's limit for the comment of a protection-rule review or status report. */
export const PROTECTION_COMMENT_MAX = 1024;

/** How the sha fared in the environment before this one (see shaStatusIn). */
export type PreviousStatus = "succeeded" | "failed" | "in_progress" | "never";

export interface ProtectionInput {
  environment: string;
  sha: string;
  order: readonly string[];
  protect: readonly string[];
  /** The stored verdict's conclusion for the sha; null when there is none yet. */
  gate: { conclusion: VerdictConclusion | null; summary: string | null };
  /** A maintainer's `/gate override`, if any: counts as passed. */
  override: { by: string; reason: string } | null;
  /** Status of the sha in the previous environment of `order` (ignored when there is none). */
  previous: PreviousStatus;
}

export type ProtectionDecision =
  | { state: "approved"; comment: string }
  | { state: "rejected"; comment: string; missing: string[] }
  /** The gate has not concluded: post `comment` as a status report and decide later. */
  | { state: "waiting"; comment: string };

const short = (sha: string) => sha.slice(0, 7);

export function clampComment(text: string): string {
  return text.length <= PROTECTION_COMMENT_MAX ? text : `${text.slice(0, PROTECTION_COMMENT_MAX - 1)}…`;
}

type GateState =
  | { kind: "passed"; note: string }
  | { kind: "waiting"; note: string }
  | { kind: "failed"; missing: string };

function gateState(input: ProtectionInput): GateState {
  const sha = short(input.sha);
  if (input.override)
    return { kind: "passed", note: `gate overridden by ${input.override.by} (${input.override.reason})` };
  const { conclusion, summary } = input.gate;
  const detail = summary ? `: ${summary}` : "";
  switch (conclusion) {
    case "success":
      return { kind: "passed", note: `gate passed${detail}` };
    case null:
      return { kind: "waiting", note: `no Tollgate verdict for ${sha} yet (CI has not reported)` };
    case "pending":
      return { kind: "waiting", note: `the gate of ${sha} is still pending (CI running)` };
    case "failure":
      return { kind: "failed", missing: `the Tollgate gate of ${sha} failed${detail}` };
    case "neutral":
      return { kind: "failed", missing: `the Tollgate gate of ${sha} had nothing to judge (no reports)` };
    case "action_required":
      return {
        kind: "failed",
        missing: `the Tollgate gate of ${sha} could not run (invalid .github/tollgate.yml)`,
      };
  }
}

const PREVIOUS_MISSING: Record<Exclude<PreviousStatus, "succeeded">, string> = {
  failed: "its last deployment there failed",
  in_progress: "its deployment there has not finished",
  never: "it was never deployed there",
};

export function decideProtection(input: ProtectionInput): ProtectionDecision {
  const env = input.environment;
  const sha = short(input.sha);
  const protectedEnv = input.protect.some((p) => normalizeEnv(p) === normalizeEnv(env));
  if (!protectedEnv)
    return { state: "approved", comment: `Tollgate: ${env} is not in deployments.protect; approved.` };

  const missing: string[] = [];
  const notes: string[] = [];
  const prev = previousEnvironment(input.order, env);
  if (prev !== null) {
    if (input.previous === "succeeded") notes.push(`deployed successfully to ${prev}`);
    else
      missing.push(`${sha} has not deployed successfully to ${prev} (${PREVIOUS_MISSING[input.previous]})`);
  }
  const gate = gateState(input);
  if (gate.kind === "failed") missing.push(gate.missing);

  if (missing.length > 0 || gate.kind === "failed") {
    const comment = clampComment(
      `Tollgate rejected ${sha} for ${env}. Missing: ${missing.join("; ")}.` +
        (gate.kind === "failed" ? " A maintainer can `/gate override <reason>` on the PR." : ""),
    );
    return { state: "rejected", comment, missing };
  }
  if (gate.kind === "waiting") {
    const done = notes.length > 0 ? ` Already ${notes.join(", ")}.` : "";
    return {
      state: "waiting",
      comment: clampComment(
        `Tollgate is waiting: ${gate.note}.${done} The decision follows when the gate concludes.`,
      ),
    };
  }
  notes.unshift(gate.note);
  return {
    state: "approved",
    comment: clampComment(`Tollgate approved ${sha} for ${env}: ${notes.join("; ")}.`),
  };
}

/** The sha's status in `environment` from its deployment records (any order). Success anywhere wins. */
export function shaStatusIn(
  records: readonly {
    environment: string;
    sha: string;
    status: string;
    succeededAt: Date | null;
    createdAt: Date;
  }[],
  environment: string,
  sha: string,
): PreviousStatus {
  const mine = records
    .filter((r) => r.sha === sha && normalizeEnv(r.environment) === normalizeEnv(environment))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  if (mine.some((r) => r.succeededAt !== null)) return "succeeded";
  const latest = mine[0];
  if (!latest) return "never";
  return latest.status === "failure" || latest.status === "error" || latest.status === "inactive"
    ? "failed"
    : "in_progress";
}
