// Collects line and branch hits per file while a coverage format is read, then builds the shared model.
// Every format counts the same way here: a line is covered when any record of it has hits > 0; the same file
// listed several times (LCOV records, Cobertura classes) is merged at line level; totals are sums over files,
// never the values a report declares about itself.
// Per-file counts are kept compactly (file-counts.ts): a report may list millions of lines.
import { type CoverageReport, type FileCoverage, ratio } from "../model.js";
import { type BranchKey, FileCounts } from "./file-counts.js";

/** Report paths use forward slashes, whatever the producing OS was (`C:\src\a.cs` → `C:/src/a.cs`). */
export function normalisePath(path: string): string {
  return path.trim().replaceAll("\\", "/");
}

/**
 * Bundlers and runtimes report code that has no file on disk under names like `dist/<define:DATA>`,
 * `<anonymous>` or `<stdin>`; such entries cannot be matched to a source file and are left out.
 */
export function isVirtualPath(path: string): boolean {
  const last = path.slice(path.lastIndexOf("/") + 1);
  return last.startsWith("<") && last.endsWith(">");
}

/** The value of 1 to 15 ASCII digits, or -1 for any other text (the common case, read without Number()). */
function plainDigits(s: string): number {
  const length = s.length;
  if (length === 0 || length > 15) return -1;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Parses a hit count; only "more than zero" matters, so counts beyond Number precision are fine. */
export function hitsOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const plain = plainDigits(raw);
  if (plain >= 0) return plain;
  const n = Number(raw.trim());
  return raw.trim() !== "" && !Number.isNaN(n) ? n : undefined;
}

/** A positive integer line number, or undefined (line 0, negative, fractional or NaN lines are ignored). */
export function lineNumberOf(raw: unknown): number | undefined {
  if (typeof raw === "string") {
    const plain = plainDigits(raw);
    if (plain >= 0) return plain > 0 ? plain : undefined;
  }
  const n =
    typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A copy of a string that may be a view of a large chunk of the file (V8 keeps the whole chunk alive). */
function detached(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

export class CoverageBuilder {
  private readonly files = new Map<string, FileCounts>();
  private withBranches = false;
  /** The last file looked up: formats send many lines of one file in a row. */
  private lastRaw: string | undefined;
  private lastAcc: FileCounts | undefined;

  constructor(
    private readonly format: string,
    private readonly source: string,
  ) {}

  /** Declares that this report carries branch data, so `branches` appears even when it is 0 of 0. */
  hasBranches(): void {
    this.withBranches = true;
  }

  /**
   * Registers a file (a file with no executable lines still counts as a file) and returns its counts, which
   * a format may feed directly; undefined for virtual paths.
   */
  file(rawPath: string): FileCounts | undefined {
    if (this.lastRaw === rawPath) return this.lastAcc;
    const acc = this.lookup(rawPath);
    this.lastRaw = rawPath;
    this.lastAcc = acc;
    return acc;
  }

  private lookup(rawPath: string): FileCounts | undefined {
    const path = normalisePath(rawPath);
    if (isVirtualPath(path)) return undefined;
    let acc = this.files.get(path);
    if (!acc) {
      acc = new FileCounts();
      this.files.set(detached(path), acc);
    }
    return acc;
  }

  line(rawPath: string, line: number | undefined, hits: number | undefined): void {
    const acc = this.file(rawPath);
    if (!acc || line === undefined) return;
    acc.line(line, hits !== undefined && hits > 0);
  }

  /** Marks lines first..last (a Go block); one lookup of the file for the whole range. */
  lineRange(rawPath: string, first: number, last: number, hits: number): void {
    const acc = this.file(rawPath);
    if (!acc) return;
    const covered = hits > 0;
    for (let n = first; n <= last; n++) acc.line(n, covered);
  }

  /** Branch counts under a key unique within the file; the same key seen twice keeps the larger counts. */
  branch(rawPath: string, key: BranchKey, covered: number, total: number): void {
    const acc = this.file(rawPath);
    if (!acc) return;
    this.withBranches = true;
    acc.branch(key, covered, total);
  }

  build(): CoverageReport {
    const files: FileCoverage[] = [];
    let withBranches = this.withBranches;
    for (const acc of this.files.values()) withBranches ||= acc.hasBranches;
    for (const [path, acc] of this.files) {
      const { covered, missing } = acc.lines();
      const file: FileCoverage = {
        path,
        lines: ratio(covered.length, covered.length + missing.length),
        missing,
        covered,
      };
      if (withBranches) file.branches = acc.branchRatio();
      acc.release();
      files.push(file);
    }
    return assembleReport(this.format, this.source, files, withBranches);
  }
}

/** The report around finished files: totals are sums over the files. */
export function assembleReport(
  format: string,
  source: string,
  files: FileCoverage[],
  withBranches: boolean,
): CoverageReport {
  let linesCovered = 0;
  let linesTotal = 0;
  let branchesCovered = 0;
  let branchesTotal = 0;
  for (const f of files) {
    linesCovered += f.lines.covered;
    linesTotal += f.lines.total;
    branchesCovered += f.branches?.covered ?? 0;
    branchesTotal += f.branches?.total ?? 0;
  }
  const report: CoverageReport = {
    kind: "coverage",
    format,
    source,
    lines: ratio(linesCovered, linesTotal),
    files,
  };
  if (withBranches) report.branches = ratio(branchesCovered, branchesTotal);
  return report;
}
