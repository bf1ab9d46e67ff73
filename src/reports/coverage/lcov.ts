// LCOV tracefiles (lcov/geninfo, Istanbul's lcov reporter, Node's test runner, c8, Jest, Vitest, ...).
// Counted from DA (line hits) and BRDA (branch hits) records; the declared LF/LH/BRF/BRH summaries are
// ignored because they are not always consistent with the records. Several records for the same file
// (one per test name, or from concatenated tracefiles) are merged at line level.
import type { Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { readText } from "../read.js";
import { CoverageBuilder, hitsOf, lineNumberOf } from "./builder.js";

const FORMAT = "lcov";

export const lcovParser: FormatParser = {
  format: FORMAT,
  kind: "coverage",
  sniff(head) {
    return /^(?:TN|SF):/m.test(head) && /^(?:DA|BRDA|FN|FNDA|LF|end_of_record)[:\s]/m.test(head);
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const text = await readText(file, ctx);
    if (!text.ok) return [unreadable(file.path, text.reason, FORMAT)];
    return parseLcov(text.value, file.path);
  },
};

export function parseLcov(text: string, source: string): Report[] {
  const builder = new CoverageBuilder(FORMAT, source);
  let current: string | undefined;
  let sawRecord = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const colon = line.indexOf(":");
    const tag = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1);
    switch (tag) {
      case "SF":
        current = value;
        sawRecord = true;
        builder.file(current);
        break;
      case "end_of_record":
        current = undefined;
        break;
      case "DA": {
        if (current === undefined) break;
        // DA:<line>,<hits>[,<checksum>]
        const [lineNo, hits] = value.split(",");
        builder.line(current, lineNumberOf(lineNo), hitsOf(hits));
        break;
      }
      case "BRDA": {
        if (current === undefined) break;
        // BRDA:<line>,[e]<block>,<branch>,<taken>; taken "-" means the block was never reached.
        const [lineNo, block, branch, taken] = value.split(",");
        const n = lineNumberOf(lineNo);
        if (n === undefined || block === undefined || branch === undefined) break;
        const hits = taken === undefined || taken.trim() === "-" ? 0 : (hitsOf(taken) ?? 0);
        builder.branch(current, `${n}:${block}:${branch}`, hits > 0 ? 1 : 0, 1);
        break;
      }
      case "BRF":
        // A record that declares branch totals is a report with branch data, even when it has no BRDA line.
        builder.hasBranches();
        break;
      default:
        break;
    }
  }
  if (text.trim() === "") return [unreadable(source, "file is empty: no LCOV records", FORMAT)];
  if (!sawRecord) return [unreadable(source, "no SF: record found: not an LCOV tracefile", FORMAT)];
  return [builder.build()];
}
