// Merging coverage of one commit (unit + integration suites, matrix legs), at line level per file:
// a line is covered when any report covers it; executable lines are the union; ratios are recomputed.
// Per file, the most precise rule the data allows:
//  1. every report lists covered and missing line numbers → exact union;
//  2. otherwise, when every report has the same executable-line count and lists all its missing lines,
//     the executable lines are taken to be the same set: missing = lines missing in every report;
//  3. otherwise the report covering most lines of that file is taken as it is (a lower bound of the union).
// Branches: the model has no per-line branch data, so per file the report covering most branches wins
// (again a lower bound); the total is the sum over files. Reports without any per-file data count only
// when no report has files (then the one covering most lines is taken).
import type { CoverageReport, FileCoverage, Ratio } from "../model.js";
import { ratio } from "../model.js";
import { mergedNames } from "./names.js";

const ascending = (a: number, b: number) => a - b;

function best<T>(items: readonly T[], score: (t: T) => number): T | undefined {
  let top: T | undefined;
  for (const item of items) if (top === undefined || score(item) > score(top)) top = item;
  return top;
}

function copyFile(f: FileCoverage): FileCoverage {
  const out: FileCoverage = { ...f, lines: { ...f.lines }, missing: [...f.missing] };
  if (f.branches) out.branches = { ...f.branches };
  if (f.covered) out.covered = [...f.covered];
  return out;
}

function unionLines(
  entries: readonly FileCoverage[],
): Pick<FileCoverage, "lines" | "missing" | "covered"> | undefined {
  if (entries.every((e) => e.covered !== undefined)) {
    const covered = new Set<number>();
    const executable = new Set<number>();
    for (const e of entries) {
      for (const n of e.covered ?? []) {
        covered.add(n);
        executable.add(n);
      }
      for (const n of e.missing) executable.add(n);
    }
    const missing = [...executable].filter((n) => !covered.has(n)).sort(ascending);
    return { lines: ratio(covered.size, executable.size), missing, covered: [...covered].sort(ascending) };
  }
  const total = entries[0]?.lines.total;
  const sameSet = entries.every(
    (e) => e.lines.total === total && e.missing.length === e.lines.total - e.lines.covered,
  );
  if (total !== undefined && sameSet) {
    let missing = new Set(entries[0]?.missing);
    for (const e of entries.slice(1)) missing = new Set(e.missing.filter((n) => missing.has(n)));
    return { lines: ratio(total - missing.size, total), missing: [...missing].sort(ascending) };
  }
  return undefined;
}

export function mergeFileCoverage(entries: readonly FileCoverage[]): FileCoverage {
  const first = entries[0];
  if (!first) throw new Error("mergeFileCoverage needs at least one entry");
  if (entries.length === 1) return copyFile(first);
  const lines = unionLines(entries);
  const merged = lines
    ? { path: first.path, ...lines }
    : copyFile(best(entries, (e) => e.lines.covered) ?? first);
  const branches = best(
    entries.filter((e) => e.branches !== undefined),
    (e) => e.branches?.covered ?? 0,
  )?.branches;
  if (branches) merged.branches = { ...branches };
  else delete merged.branches;
  return merged;
}

function sum(ratios: readonly Ratio[]): Ratio {
  return ratio(
    ratios.reduce((s, r) => s + r.covered, 0),
    ratios.reduce((s, r) => s + r.total, 0),
  );
}

export function mergeCoverage(reports: readonly CoverageReport[]): CoverageReport {
  const byPath = new Map<string, FileCoverage[]>();
  for (const r of reports) {
    for (const f of r.files) {
      const list = byPath.get(f.path);
      if (list) list.push(f);
      else byPath.set(f.path, [f]);
    }
  }
  const files = [...byPath.keys()].sort().map((path) => mergeFileCoverage(byPath.get(path) ?? []));
  const out: CoverageReport = { kind: "coverage", ...mergedNames(reports), lines: ratio(0, 0), files };
  if (files.length > 0) {
    out.lines = sum(files.map((f) => f.lines));
    const branches = files.flatMap((f) => (f.branches ? [f.branches] : []));
    if (branches.length > 0) out.branches = sum(branches);
  } else {
    out.lines = { ...(best(reports, (r) => r.lines.covered)?.lines ?? ratio(0, 0)) };
  }
  if (!out.branches) {
    const branches = best(
      reports.filter((r) => r.branches !== undefined),
      (r) => r.branches?.covered ?? 0,
    )?.branches;
    if (branches) out.branches = { ...branches };
  }
  return out;
}
