// coverage.py's JSON report (`coverage json`): {meta, files: {path: {executed_lines, missing_lines, summary,
// executed_branches?, missing_branches?}}, totals}.
//
// Lines: `executed_lines` can hold lines that are not statements (coverage.py 6/7 list a module docstring's
// line as executed), so a file's line counts come from its `summary` (num_statements, covered_lines), which
// coverage.py computes from its statement analysis; `missing` is `missing_lines` and `covered` is
// `executed_lines` as written. Without a usable summary the arrays are counted. Branches (with `--branch`)
// are counted from the arrow lists, falling back to the summary. Report totals are sums over files.
import { type FileCoverage, type Ratio, type Report, ratio, unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { asNumber, isRecord, readJson } from "../read.js";
import { assembleReport, isVirtualPath, lineNumberOf, normalisePath } from "./builder.js";

const FORMAT = "coverage.py";

export const coveragePyParser: FormatParser = {
  format: FORMAT,
  kind: "coverage",
  sniff(head) {
    return (
      /^\s*\{/.test(head) && /"meta"\s*:/.test(head) && /"(?:executed_lines|missing_lines)"\s*:/.test(head)
    );
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    return [parseCoveragePy(json.value, file.path)];
  },
};

export function parseCoveragePy(doc: unknown, source: string): Report {
  if (!isRecord(doc) || !isRecord(doc.files)) {
    return unreadable(source, 'not a coverage.py JSON report: no "files" object', FORMAT);
  }
  const withBranches = isRecord(doc.meta) && doc.meta.branch_coverage === true;
  const files: FileCoverage[] = [];
  for (const [rawPath, entry] of Object.entries(doc.files)) {
    const path = normalisePath(rawPath);
    if (!isRecord(entry) || isVirtualPath(path)) continue;
    const summary = isRecord(entry.summary) ? entry.summary : {};
    const executed = lineList(entry.executed_lines);
    const missing = lineList(entry.missing_lines);
    const file: FileCoverage = {
      path,
      lines: lineRatio(summary, executed, missing),
      missing,
      covered: executed,
    };
    if (withBranches) file.branches = branchRatio(entry, summary);
    files.push(file);
  }
  return assembleReport(FORMAT, source, files, withBranches);
}

function lineRatio(summary: Record<string, unknown>, executed: number[], missing: number[]): Ratio {
  const statements = asNumber(summary.num_statements);
  const covered = asNumber(summary.covered_lines);
  if (statements !== undefined && covered !== undefined && statements - covered === missing.length) {
    return ratio(covered, statements);
  }
  return ratio(executed.length, executed.length + missing.length);
}

function branchRatio(entry: Record<string, unknown>, summary: Record<string, unknown>): Ratio {
  if (Array.isArray(entry.executed_branches) && Array.isArray(entry.missing_branches)) {
    const covered = entry.executed_branches.length;
    return ratio(covered, covered + entry.missing_branches.length);
  }
  return ratio(asNumber(summary.covered_branches) ?? 0, asNumber(summary.num_branches) ?? 0);
}

function lineList(v: unknown): number[] {
  if (!Array.isArray(v)) return [];
  const out = new Set<number>();
  for (const item of v) {
    const n = lineNumberOf(item);
    if (n !== undefined) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}
