// Reasons shared by the delta gates (coverage drop, benchmark regressions, new findings) when the base
// commit cannot be compared with. A delta gate never fails for lack of a baseline: it is skipped.
import { shortSha } from "./result.js";
import type { GateInput } from "./types.js";

export function noBaselineReason(input: GateInput): string {
  return `no baseline: ${input.extras.noBaselineReason ?? "no reports of the base commit"}`;
}

/** "the base commit abc1234 has no coverage report (merge base of main)". */
export function baseLacks(input: GateInput, what: string): string {
  const sha = input.baseline === undefined ? "" : ` ${shortSha(input.baseline.sha)}`;
  const note = input.baseline?.note === undefined ? "" : ` (${input.baseline.note})`;
  return `the base commit${sha} has ${what}${note}`;
}
