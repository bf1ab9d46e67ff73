// LCOV tracefiles (lcov/geninfo, Istanbul's lcov reporter, Node's test runner, c8, Jest, Vitest, ...).
// Counted from DA (line hits) and BRDA (branch hits) records; the declared LF/LH/BRF/BRH summaries are
// ignored because they are not always consistent with the records. Several records for the same file
// (one per test name, or from concatenated tracefiles) are merged at line level.
//
// Streamed: lines are read chunk by chunk (read-lines.ts) and the common records (`DA:12,3`,
// `BRDA:12,0,1,4`) are read in place from the chunk without building strings; any other shape of those
// records goes through the general path, which gives the same result.
import type { Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { eachLine, readLines } from "../read-lines.js";
import { CoverageBuilder, hitsOf, lineNumberOf } from "./builder.js";
import type { BranchKey, FileCounts } from "./file-counts.js";

const FORMAT = "lcov";

export const lcovParser: FormatParser = {
  format: FORMAT,
  kind: "coverage",
  sniff(head) {
    return /^(?:TN|SF):/m.test(head) && /^(?:DA|BRDA|FN|FNDA|LF|end_of_record)[:\s]/m.test(head);
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const reader = new LcovReader(file.path);
    const read = await readLines(file, ctx, (text, start, end) => reader.line(text, start, end));
    if (!read.ok) return [unreadable(file.path, read.reason, FORMAT)];
    return reader.finish();
  },
};

/** Parses LCOV text already in memory. */
export function parseLcov(text: string, source: string): Report[] {
  const reader = new LcovReader(source);
  eachLine(text, (t, start, end) => reader.line(t, start, end));
  return reader.finish();
}

/** The tags `record` acts on. */
const READ_TAGS = ["SF", "DA", "BRDA", "BRF", "end_of_record"] as const;
const COLON = 0x3a;
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;
/** Digits of a line number read in place; longer ones take the general path. */
const MAX_DIGITS = 15;

/** What String.prototype.trim removes (JavaScript white space and line terminators). */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * BRDA key: a small integer when block and branch are small canonical numbers (the usual case), else the
 * text `line:block:branch`. The same record always gets the same key, whichever path read it.
 */
function branchKey(n: number, block: string, branch: string): BranchKey {
  const b = smallNumber(block);
  const r = smallNumber(branch);
  return b >= 0 && r >= 0 && n < 1 << 19 ? (n * 64 + b) * 64 + r : `${n}:${block}:${branch}`;
}

/** "0".."63" written canonically (no sign, no leading zero) → its value; anything else → -1. */
function smallNumber(s: string): number {
  if (s.length === 1 && isDigit(s.charCodeAt(0))) return s.charCodeAt(0) - ZERO;
  if (s.length === 2 && s.charCodeAt(0) > ZERO && isDigit(s.charCodeAt(0)) && isDigit(s.charCodeAt(1))) {
    const v = Number(s);
    return v < 64 ? v : -1;
  }
  return -1;
}

class LcovReader {
  private readonly builder: CoverageBuilder;
  /** The SF: of the record being read; undefined outside records. */
  private current: string | undefined;
  /** Its counts (undefined for virtual paths, whose lines are left out). */
  private acc: FileCounts | undefined;
  private sawRecord = false;
  private sawText = false;

  constructor(private readonly source: string) {
    this.builder = new CoverageBuilder(FORMAT, source);
  }

  line(text: string, from: number, to: number): void {
    let start = from;
    let end = to;
    while (start < end && isTrimmed(text.charCodeAt(start))) start++;
    while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
    if (start === end) return;
    this.sawText = true;
    if (text.startsWith("DA:", start)) {
      if (this.current !== undefined && !this.fastDa(text, start + 3, end))
        this.record("DA", text.slice(start + 3, end));
    } else if (text.startsWith("BRDA:", start)) {
      if (this.current !== undefined && !this.fastBrda(text, start + 5, end))
        this.record("BRDA", text.slice(start + 5, end));
    } else {
      let colon = start;
      while (colon < end && text.charCodeAt(colon) !== COLON) colon++;
      // Only the tags read below are made into strings (FN, FNDA, LF, LH, ... are many and ignored).
      const tag = READ_TAGS.find((t) => t.length === colon - start && text.startsWith(t, start));
      if (tag !== undefined) this.record(tag, colon < end ? text.slice(colon + 1, end) : "");
    }
  }

  /** `DA:<digits>,<digits>[,...]` read in place; false for any other shape. */
  private fastDa(text: string, from: number, end: number): boolean {
    let i = from;
    let n = 0;
    while (i < end && isDigit(text.charCodeAt(i))) n = n * 10 + text.charCodeAt(i++) - ZERO;
    if (i === from || i - from > MAX_DIGITS || i >= end || text.charCodeAt(i) !== COMMA) return false;
    const hitsStart = ++i;
    let covered = false;
    for (let c = text.charCodeAt(i); i < end && c !== COMMA; c = text.charCodeAt(++i)) {
      if (!isDigit(c)) return false;
      if (c !== ZERO) covered = true;
    }
    if (i === hitsStart) return false;
    if (n > 0) this.acc?.line(n, covered);
    return true;
  }

  /** `BRDA:<digits>,<0-63>,<0-63>,<digits or ->[,...]` read in place; false for any other shape. */
  private fastBrda(text: string, from: number, end: number): boolean {
    let i = from;
    let n = 0;
    while (i < end && isDigit(text.charCodeAt(i))) n = n * 10 + text.charCodeAt(i++) - ZERO;
    if (i === from || i - from > MAX_DIGITS || n === 0 || n >= 1 << 19) return false;
    const block = this.smallField(text, i, end);
    if (block < 0) return false;
    i += block < 10 ? 2 : 3;
    const branch = this.smallField(text, i, end);
    if (branch < 0) return false;
    i += branch < 10 ? 2 : 3;
    if (i >= end || text.charCodeAt(i) !== COMMA) return false;
    const takenStart = ++i;
    let taken = false;
    if (text.charCodeAt(i) === 0x2d) {
      i++; // "-": the block was never reached
    } else {
      for (let c = text.charCodeAt(i); i < end && c !== COMMA; c = text.charCodeAt(++i)) {
        if (!isDigit(c)) return false;
        if (c !== ZERO) taken = true;
      }
    }
    if (i === takenStart || (i < end && text.charCodeAt(i) !== COMMA)) return false;
    this.acc?.branch((n * 64 + block) * 64 + branch, taken ? 1 : 0, 1);
    return true;
  }

  /** `,<0-63>` at `i` followed by a comma → the number; else -1. */
  private smallField(text: string, i: number, end: number): number {
    if (i + 2 >= end || text.charCodeAt(i) !== COMMA) return -1;
    const d1 = text.charCodeAt(i + 1) - ZERO;
    const c2 = text.charCodeAt(i + 2);
    if (d1 < 0 || d1 > 9) return -1;
    if (c2 === COMMA) return d1;
    if (d1 === 0 || !isDigit(c2) || i + 3 >= end || text.charCodeAt(i + 3) !== COMMA) return -1;
    const v = d1 * 10 + c2 - ZERO;
    return v < 64 ? v : -1;
  }

  /** Any record, from its tag and the text after the first colon. */
  private record(tag: string, value: string): void {
    switch (tag) {
      case "SF":
        this.current = value;
        this.sawRecord = true;
        this.acc = this.builder.file(value);
        break;
      case "end_of_record":
        this.current = undefined;
        this.acc = undefined;
        break;
      case "DA": {
        if (this.current === undefined) break;
        // DA:<line>,<hits>[,<checksum>]
        const [lineNo, hits] = value.split(",");
        this.builder.line(this.current, lineNumberOf(lineNo), hitsOf(hits));
        break;
      }
      case "BRDA": {
        if (this.current === undefined) break;
        // BRDA:<line>,[e]<block>,<branch>,<taken>; taken "-" means the block was never reached.
        const [lineNo, block, branch, taken] = value.split(",");
        const n = lineNumberOf(lineNo);
        if (n === undefined || block === undefined || branch === undefined) break;
        const hits = taken === undefined || taken.trim() === "-" ? 0 : (hitsOf(taken) ?? 0);
        this.builder.branch(this.current, branchKey(n, block, branch), hits > 0 ? 1 : 0, 1);
        break;
      }
      case "BRF":
        // A record that declares branch totals is a report with branch data, even when it has no BRDA line.
        this.builder.hasBranches();
        break;
      default:
        break;
    }
  }

  finish(): Report[] {
    if (!this.sawText) return [unreadable(this.source, "file is empty: no LCOV records", FORMAT)];
    if (!this.sawRecord)
      return [unreadable(this.source, "no SF: record found: not an LCOV tracefile", FORMAT)];
    return [this.builder.build()];
  }
}
