// Patch coverage: of the PR's changed lines that are executable (covered or missing in the report),
// the share covered, against `gates.coverage.patch_min`. Changed lines the report does not know are not
// executable (comments, blank lines, files the tool did not measure) and are not counted.
import type { FileCoverage } from "../reports/model.js";
import { sameFile } from "./paths.js";
import { atLeast, isInformational, pct, plural } from "./result.js";
import type { GateInput, GateResult, UncoveredChange } from "./types.js";

function findFile(files: readonly FileCoverage[], repoPath: string): FileCoverage | undefined {
  return files.find((file) => file.path === repoPath) ?? files.find((file) => sameFile(file.path, repoPath));
}

export function patchCoverageGate(input: GateInput): GateResult {
  const informational = isInformational(input.config, "coverage.patch");
  const skip = (reason: string): GateResult => ({
    gate: "coverage.patch",
    status: "skipped",
    informational,
    reason,
  });
  const changed = input.extras.changedLines;
  if (changed === undefined) return skip("no changed lines known (not a pull request)");
  const report = input.merged.coverage;
  if (report === undefined) return skip("no coverage report for this commit");

  let covered = 0;
  let executable = 0;
  const uncovered: UncoveredChange[] = [];
  const withoutLineData: string[] = [];
  for (const [path, lines] of changed) {
    const file = findFile(report.files, path);
    if (file === undefined || lines.length === 0) continue;
    if (file.covered === undefined) {
      // Only the missing lines are known: which changed lines are executable cannot be told.
      withoutLineData.push(path);
      continue;
    }
    const hit = new Set(file.covered);
    const miss = new Set(file.missing);
    const missed: number[] = [];
    for (const line of new Set(lines)) {
      if (hit.has(line)) {
        covered++;
        executable++;
      } else if (miss.has(line)) {
        missed.push(line);
        executable++;
      }
    }
    if (missed.length > 0) uncovered.push({ path, lines: missed.sort((a, b) => a - b) });
  }

  const details: GateResult["details"] = { kind: "patch", uncovered, withoutLineData };
  const unknownNote =
    withoutLineData.length > 0
      ? ` (${plural(withoutLineData.length, "changed file")} without per-line data in the report not counted)`
      : "";
  if (executable === 0) return { ...skip(`no changed executable lines${unknownNote}`), details };
  const min = input.config.gates.coverage.patch_min;
  const value = (covered / executable) * 100;
  const ok = atLeast(value, min);
  const what = `${pct(value, min)} of ${plural(executable, "changed executable line")} covered`;
  return {
    gate: "coverage.patch",
    status: ok ? "passed" : "failed",
    informational,
    value,
    threshold: min,
    unit: "%",
    reason: `${what}${ok ? ` (patch floor ${pct(min)})` : `, below the ${pct(min)} patch floor`}${unknownNote}`,
    details,
  };
}
