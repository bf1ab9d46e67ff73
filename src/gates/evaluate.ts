// evaluateGates: every gate over one commit's merged reports, combined into a Verdict. Pure: no I/O,
// no clock. A failed gate that counts fails the verdict; informational gates never do; when no gate
// that counts reached a decision the verdict is neutral (nothing to judge); an override turns a
// failure into success while still listing what failed.
import type { TollgateConfig } from "../config/schema.js";
import type { MergedReports } from "../reports/model.js";
import { complexityGate } from "./complexity.js";
import { coverageDropGate } from "./coverage-drop.js";
import { coverageFloorGate } from "./coverage-floor.js";
import { licensesGate } from "./licenses.js";
import { patchCoverageGate } from "./patch-coverage.js";
import { performanceGate } from "./performance.js";
import { plural } from "./result.js";
import { securityGate } from "./security.js";
import { testsGate } from "./tests.js";
import type {
  Baseline,
  GateExtras,
  GateId,
  GateInput,
  GateResult,
  TopGateResult,
  Verdict,
  VerdictCounts,
} from "./types.js";

const GATES: readonly [GateId, (input: GateInput) => GateResult][] = [
  ["tests", testsGate],
  ["coverage", coverageFloorGate],
  ["coverage.drop", coverageDropGate],
  ["coverage.patch", patchCoverageGate],
  ["security", securityGate],
  ["performance", performanceGate],
  ["complexity", complexityGate],
  ["licenses", licensesGate],
];

function count(gates: readonly TopGateResult[]): VerdictCounts {
  return {
    passed: gates.filter((gate) => gate.status === "passed").length,
    failed: gates.filter((gate) => gate.status === "failed" && !gate.informational).length,
    skipped: gates.filter((gate) => gate.status === "skipped").length,
    informationalFailed: gates.filter((gate) => gate.status === "failed" && gate.informational).length,
  };
}

function summarise(
  gates: readonly TopGateResult[],
  counts: VerdictCounts,
  conclusion: Verdict["conclusion"],
): string {
  const judged = gates.filter((gate) => gate.status !== "skipped" && !gate.informational).length;
  if (conclusion === "neutral") return "nothing to judge: no gate had a report to check";
  if (counts.failed > 0) {
    const names = gates
      .filter((gate) => gate.status === "failed" && !gate.informational)
      .map((gate) => gate.gate);
    return `${counts.failed} of ${plural(judged, "gate")} failed: ${names.join(", ")}`;
  }
  return `all ${plural(judged, "gate")} passed`;
}

export function evaluateGates(
  merged: MergedReports,
  baseline: Baseline | undefined,
  config: TollgateConfig,
  extras: GateExtras = {},
): Verdict {
  const input: GateInput = { merged, baseline, config, extras };
  const gates: TopGateResult[] = GATES.map(([id, gate]) => ({ ...gate(input), gate: id }));
  const counts = count(gates);
  const decided = gates.some((gate) => !gate.informational && gate.status !== "skipped");
  const conclusion: Verdict["conclusion"] = !decided ? "neutral" : counts.failed > 0 ? "failure" : "success";
  const verdict: Verdict = {
    conclusion,
    gates,
    unreadable: merged.unreadable,
    counts,
    summary: summarise(gates, counts, conclusion),
  };
  if (baseline !== undefined) {
    verdict.baseline =
      baseline.note === undefined ? { sha: baseline.sha } : { sha: baseline.sha, note: baseline.note };
  }
  if (extras.override !== undefined) {
    verdict.override = extras.override;
    verdict.passedWithOverride = conclusion === "failure";
    if (conclusion === "failure") {
      verdict.conclusion = "success";
      verdict.summary = `${verdict.summary}; overridden by ${extras.override.by}: ${extras.override.reason}`;
    }
  }
  return verdict;
}
