// SimpleCov (Ruby): the raw `.resultset.json` ({"<command name>": {"coverage": {path: lines | {lines,
// branches}}, "timestamp"}}) and simplecov_json_formatter's `coverage.json` ({"meta": {"simplecov_version"},
// "coverage": {path: {lines, branches}}}).
//
// `lines[i]` is the hit count of line i + 1; null (not code) and "ignored" (:nocov:) are not executable.
// Branches: in the resultset, {"[:if, id, line, ...]": {"[:then, id, line, ...]": hits, ...}}, one branch
// per inner entry, on the line of the condition; in coverage.json, a list of {type, start_line, coverage}.
// Results of several command names (RSpec + Cucumber) are merged at line level.
import { type Report, unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { asNumber, isRecord, readJson } from "../read.js";
import { CoverageBuilder } from "./builder.js";

const FORMAT = "simplecov";

export const simplecovParser: FormatParser = {
  format: FORMAT,
  kind: "coverage",
  sniff(head) {
    return (
      /^\s*\{\s*"[^"]*"\s*:\s*\{\s*"coverage"\s*:\s*\{/.test(head) ||
      /^\s*\{\s*"meta"\s*:\s*\{\s*"simplecov_version"/.test(head)
    );
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    return [parseSimplecov(json.value, file.path)];
  },
};

export function parseSimplecov(doc: unknown, source: string): Report {
  if (!isRecord(doc)) return unreadable(source, "not a SimpleCov result: expected a JSON object", FORMAT);
  const builder = new CoverageBuilder(FORMAT, source);
  const results = isRecord(doc.meta) && isRecord(doc.coverage) ? [doc] : Object.values(doc);
  let sawCoverage = false;
  for (const result of results) {
    if (!isRecord(result) || !isRecord(result.coverage)) continue;
    sawCoverage = true;
    for (const [path, entry] of Object.entries(result.coverage)) {
      if (!builder.file(path)) continue;
      const lines = Array.isArray(entry) ? entry : isRecord(entry) ? entry.lines : undefined;
      if (Array.isArray(lines)) {
        lines.forEach((hits, i) => {
          const n = asNumber(hits);
          if (n !== undefined && typeof hits === "number") builder.line(path, i + 1, n);
        });
      }
      if (isRecord(entry)) addBranches(builder, path, entry.branches);
    }
  }
  if (!sawCoverage) return unreadable(source, 'not a SimpleCov result: no "coverage" object', FORMAT);
  return builder.build();
}

function addBranches(builder: CoverageBuilder, path: string, branches: unknown): void {
  if (isRecord(branches)) {
    // Resultset: condition key "[:if, 0, 12, 4, 14, 7]" → {branch key: hits}.
    for (const [condition, arms] of Object.entries(branches)) {
      if (!isRecord(arms)) continue;
      const line = Number(/^\[\s*:?\w+,\s*\d+,\s*(\d+)/.exec(condition)?.[1] ?? Number.NaN);
      for (const [arm, hits] of Object.entries(arms)) {
        const key = `${Number.isInteger(line) ? line : condition}|${condition}|${arm}`;
        builder.branch(path, key, (asNumber(hits) ?? 0) > 0 ? 1 : 0, 1);
      }
    }
  } else if (Array.isArray(branches)) {
    // simplecov_json_formatter: [{type, start_line, end_line, coverage}], coverage "ignored" for :nocov:.
    branches.forEach((b, i) => {
      if (!isRecord(b) || typeof b.coverage !== "number") return;
      builder.branch(path, `${String(b.start_line)}|${i}`, b.coverage > 0 ? 1 : 0, 1);
    });
  }
}
