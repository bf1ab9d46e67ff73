// Test results: failed + errored cases against `gates.tests.max_failed`.
import { absent, empty } from "./required.js";
import { atMost, isInformational, plural } from "./result.js";
import type { GateInput, GateResult } from "./types.js";

export function testsGate(input: GateInput): GateResult {
  const report = input.merged.tests;
  if (report === undefined) return absent("tests", "tests", input);
  const { totals } = report;
  if (totals.tests === 0) return empty("tests", "tests", input, "the test report has no test cases");
  if (totals.tests === totals.skipped) {
    return empty("tests", "tests", input, `all ${plural(totals.tests, "test")} were skipped; none ran`);
  }
  const limit = input.config.gates.tests.max_failed;
  const bad = totals.failed + totals.errors;
  const failedCases = report.cases.filter((c) => c.status === "failed" || c.status === "error");
  const flaky = report.cases.filter((c) => c.flaky === true).length;
  const skippedNote = totals.skipped > 0 ? `, ${totals.skipped} skipped` : "";
  const flakyNote = flaky > 0 ? `, ${plural(flaky, "flaky test")}` : "";
  let reason: string;
  if (bad === 0) {
    reason = `all ${plural(totals.tests - totals.skipped, "test")} passed${skippedNote}${flakyNote}`;
  } else {
    const parts: string[] = [];
    if (totals.failed > 0) parts.push(`${totals.failed} failed`);
    if (totals.errors > 0) parts.push(`${totals.errors} errored`);
    const allowed = limit === 0 ? "none allowed" : `at most ${limit} allowed`;
    reason = `${parts.join(", ")} of ${plural(totals.tests, "test")}${skippedNote}${flakyNote}; ${allowed}`;
  }
  return {
    gate: "tests",
    status: atMost(bad, limit) ? "passed" : "failed",
    informational: isInformational(input.config, "tests"),
    value: bad,
    threshold: limit,
    unit: "count",
    reason,
    details: { kind: "tests", failed: failedCases, flaky },
  };
}
