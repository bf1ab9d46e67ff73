// Coverage drop: percentage points lost against the base commit (`gates.coverage.max_drop`).
// Without a base commit, or without coverage on it, the gate is skipped: a delta gate never fails for
// lack of a baseline.

import { baseLacks, noBaselineReason } from "./baseline.js";
import { atMost, EPSILON, isInformational, num, pct, shortSha } from "./result.js";
import type { GateInput, GateResult } from "./types.js";

export function coverageDropGate(input: GateInput): GateResult {
  const informational = isInformational(input.config, "coverage.drop");
  const skip = (reason: string): GateResult => ({
    gate: "coverage.drop",
    status: "skipped",
    informational,
    reason,
  });
  const head = input.merged.coverage;
  if (head === undefined) return skip("no coverage report for this commit");
  if (head.lines.total === 0) return skip("the coverage report has no executable lines");
  if (input.baseline === undefined) return skip(noBaselineReason(input));
  const base = input.baseline.merged.coverage;
  const sha = shortSha(input.baseline.sha);
  if (base === undefined) return skip(baseLacks(input, "no coverage report"));
  if (base.lines.total === 0) return skip(baseLacks(input, "no executable lines in its coverage report"));
  const limit = input.config.gates.coverage.max_drop;
  const drop = base.lines.pct - head.lines.pct;
  const ok = atMost(drop, limit);
  const movement = `${pct(base.lines.pct)} → ${pct(head.lines.pct)} since ${sha}`;
  let reason: string;
  if (Math.abs(drop) <= EPSILON) reason = `coverage unchanged (${movement})`;
  else if (drop < 0) reason = `coverage rose ${num(-drop)} points (${movement})`;
  else if (ok)
    reason = `coverage fell ${num(drop, limit)} points (${movement}), within the ${num(limit)}-point limit`;
  else
    reason = `coverage fell ${num(drop, limit)} points (${movement}), more than the ${num(limit)}-point limit`;
  return {
    gate: "coverage.drop",
    status: ok ? "passed" : "failed",
    informational,
    value: drop,
    threshold: limit,
    unit: "points",
    reason,
  };
}
