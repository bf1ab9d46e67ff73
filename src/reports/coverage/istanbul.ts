// Istanbul's JSON outputs (nyc, Jest, Vitest, c8 with the `json` / `json-summary` reporters).
//
// coverage-final.json maps each file to its raw coverage: statementMap + s, branchMap + b, fnMap + f. Line
// coverage is derived as Istanbul's own reports derive it (istanbul-lib-coverage's line coverage): every
// statement is attributed to the line it starts on, a line's hit count is the largest count of the
// statements starting there, and the line is covered when that count is > 0. Branches: each entry of every
// `b` array is one branch, covered when its count is > 0.
//
// coverage-summary.json only has per-file totals (lines/statements/functions/branches), no line numbers:
// its files have an empty `missing` and no `covered` list, so they cannot take part in patch coverage or
// line-level merging.
import { type FileCoverage, type Report, ratio, unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { asNumber, isRecord, readJson } from "../read.js";
import { assembleReport, CoverageBuilder, isVirtualPath, lineNumberOf, normalisePath } from "./builder.js";

const FINAL = "istanbul";
/** `{"<key>": {` at the start of the text. */
const FIRST_MEMBER_IS_OBJECT = /^\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{/;
const SUMMARY = "istanbul-summary";

export const istanbulParser: FormatParser = {
  format: FINAL,
  kind: "coverage",
  sniff(head) {
    // A map of files: the first member's value is an object (a spec bundle that merely holds a map further
    // down starts with its "title" string). Only "statementMap" is required: the first file's maps can fill
    // the whole head before "s" appears.
    return FIRST_MEMBER_IS_OBJECT.test(head) && /"statementMap"\s*:\s*\{/.test(head);
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FINAL)];
    return [parseIstanbulFinal(json.value, file.path)];
  },
};

export const istanbulSummaryParser: FormatParser = {
  format: SUMMARY,
  kind: "coverage",
  sniff(head) {
    return /^\s*\{\s*"total"\s*:\s*\{/.test(head) && /"lines"\s*:\s*\{\s*"total"\s*:/.test(head);
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, SUMMARY)];
    return [parseIstanbulSummary(json.value, file.path)];
  },
};

export function parseIstanbulFinal(doc: unknown, source: string): Report {
  if (!isRecord(doc))
    return unreadable(source, "not an Istanbul coverage map: expected a JSON object", FINAL);
  const builder = new CoverageBuilder(FINAL, source);
  builder.hasBranches();
  for (const [key, value] of Object.entries(doc)) {
    // Older serialisations wrap a file's coverage in {data: {...}}.
    const data = isRecord(value) && isRecord(value.data) ? value.data : value;
    if (!isRecord(data) || !isRecord(data.statementMap) || !isRecord(data.s)) {
      return unreadable(source, `not an Istanbul coverage map: entry "${key}" has no statementMap/s`, FINAL);
    }
    const path = typeof data.path === "string" && data.path !== "" ? data.path : key;
    if (!builder.file(path)) continue;
    for (const [id, count] of Object.entries(data.s)) {
      const loc = data.statementMap[id];
      const start = isRecord(loc) && isRecord(loc.start) ? loc.start : undefined;
      builder.line(path, lineNumberOf(start?.line), asNumber(count) ?? 0);
    }
    if (isRecord(data.b)) {
      for (const [id, counts] of Object.entries(data.b)) {
        if (!Array.isArray(counts)) continue;
        counts.forEach((count, i) => {
          builder.branch(path, `${id}:${i}`, (asNumber(count) ?? 0) > 0 ? 1 : 0, 1);
        });
      }
    }
  }
  return builder.build();
}

export function parseIstanbulSummary(doc: unknown, source: string): Report {
  if (!isRecord(doc) || !isRecord(doc.total)) {
    return unreadable(source, 'not an Istanbul coverage summary: no "total" object', SUMMARY);
  }
  const files: FileCoverage[] = [];
  let withBranches = false;
  for (const [key, value] of Object.entries(doc)) {
    if (key === "total" || !isRecord(value) || !isRecord(value.lines)) continue;
    const path = normalisePath(key);
    if (isVirtualPath(path)) continue;
    const lines = counts(value.lines);
    const file: FileCoverage = { path, lines: ratio(lines.covered, lines.total), missing: [] };
    if (isRecord(value.branches)) {
      const b = counts(value.branches);
      file.branches = ratio(b.covered, b.total);
      withBranches = true;
    }
    files.push(file);
  }
  return assembleReport(SUMMARY, source, files, withBranches);
}

function counts(metric: Record<string, unknown>): { covered: number; total: number } {
  const total = Math.max(0, asNumber(metric.total) ?? 0);
  const covered = Math.min(total, Math.max(0, asNumber(metric.covered) ?? 0));
  return { covered, total };
}
