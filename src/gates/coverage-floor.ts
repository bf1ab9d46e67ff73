// Coverage floor: the commit's line coverage against `gates.coverage.min`, and stricter floors per glob
// (`gates.coverage.paths`), each a child of the result.
import type { CoverageReport } from "../reports/model.js";
import { globMatcher } from "./paths.js";
import { absent, empty } from "./required.js";
import { atLeast, combine, isInformational, pct, plural } from "./result.js";
import type { GateInput, GateResult } from "./types.js";

function pathFloor(report: CoverageReport, glob: string, min: number, informational: boolean): GateResult {
  const matches = globMatcher(glob);
  const files = report.files.filter((file) => matches(file.path));
  const base = { gate: glob, informational, threshold: min, unit: "%" as const };
  if (files.length === 0)
    return { ...base, status: "skipped", reason: `no file in the coverage report matches ${glob}` };
  const covered = files.reduce((sum, file) => sum + file.lines.covered, 0);
  const total = files.reduce((sum, file) => sum + file.lines.total, 0);
  if (total === 0) return { ...base, status: "skipped", reason: `${glob}: no executable lines` };
  const value = (covered / total) * 100;
  const ok = atLeast(value, min);
  const what = `${glob}: ${pct(value, min)} of ${plural(total, "line")} in ${plural(files.length, "file")} covered`;
  return {
    ...base,
    status: ok ? "passed" : "failed",
    value,
    reason: ok ? `${what} (floor ${pct(min)})` : `${what}, below its ${pct(min)} floor`,
  };
}

export function coverageFloorGate(input: GateInput): GateResult {
  const report = input.merged.coverage;
  if (report === undefined) return absent("coverage", "coverage", input);
  if (report.lines.total === 0)
    return empty("coverage", "coverage", input, "the coverage report has no executable lines");
  const { min, paths } = input.config.gates.coverage;
  const informational = isInformational(input.config, "coverage");
  const value = report.lines.pct;
  const totalOk = atLeast(value, min);
  const children = paths.map((floor) => pathFloor(report, floor.path, floor.min, informational));
  const failedPaths = children.filter((child) => child.status === "failed");
  let reason = totalOk
    ? `${pct(value, min)} of lines covered (floor ${pct(min)})`
    : `${pct(value, min)} of lines covered, below the ${pct(min)} floor`;
  if (failedPaths.length > 0) {
    reason += `; ${plural(failedPaths.length, "path")} below ${failedPaths.length === 1 ? "its floor" : "their floors"}: ${failedPaths.map((child) => child.gate).join(", ")}`;
  }
  const result: GateResult = {
    gate: "coverage",
    status: combine([totalOk ? "passed" : "failed", ...children.map((child) => child.status)]),
    informational,
    value,
    threshold: min,
    unit: "%",
    reason,
  };
  if (children.length > 0) result.children = children;
  return result;
}
