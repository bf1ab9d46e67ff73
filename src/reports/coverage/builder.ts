// Collects line and branch hits per file while a coverage format is read, then builds the shared model.
// Every format counts the same way here: a line is covered when any record of it has hits > 0; the same file
// listed several times (LCOV records, Cobertura classes) is merged at line level; totals are sums over files,
// never the values a report declares about itself.
import { type CoverageReport, type FileCoverage, type Ratio, ratio } from "../model.js";

interface BranchCount {
  covered: number;
  total: number;
}

interface FileAcc {
  /** line number → covered (true wins when a line is seen several times). */
  lines: Map<number, boolean>;
  /** branch key (format specific: "line:block:branch", "line", ...) → counts; merged by maximum. */
  branches: Map<string, BranchCount>;
}

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

/** Parses a hit count; only "more than zero" matters, so counts beyond Number precision are fine. */
export function hitsOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  return raw.trim() !== "" && !Number.isNaN(n) ? n : undefined;
}

/** A positive integer line number, or undefined (line 0, negative, fractional or NaN lines are ignored). */
export function lineNumberOf(raw: unknown): number | undefined {
  const n =
    typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export class CoverageBuilder {
  private readonly files = new Map<string, FileAcc>();
  private withBranches = false;
  /** The last file looked up: formats send many lines of one file in a row. */
  private last: { raw: string; acc: FileAcc | undefined } | undefined;

  constructor(
    private readonly format: string,
    private readonly source: string,
  ) {}

  /** Declares that this report carries branch data, so `branches` appears even when it is 0 of 0. */
  hasBranches(): void {
    this.withBranches = true;
  }

  /** Registers a file (a file with no executable lines still counts as a file). Returns undefined for virtual paths. */
  file(rawPath: string): FileAcc | undefined {
    if (this.last?.raw === rawPath) return this.last.acc;
    const acc = this.lookup(rawPath);
    this.last = { raw: rawPath, acc };
    return acc;
  }

  private lookup(rawPath: string): FileAcc | undefined {
    const path = normalisePath(rawPath);
    if (isVirtualPath(path)) return undefined;
    let acc = this.files.get(path);
    if (!acc) {
      acc = { lines: new Map(), branches: new Map() };
      this.files.set(path, acc);
    }
    return acc;
  }

  line(rawPath: string, line: number | undefined, hits: number | undefined): void {
    const acc = this.file(rawPath);
    if (!acc || line === undefined) return;
    const covered = hits !== undefined && hits > 0;
    acc.lines.set(line, (acc.lines.get(line) ?? false) || covered);
  }

  /** Marks lines first..last (a Go block); one lookup of the file for the whole range. */
  lineRange(rawPath: string, first: number, last: number, hits: number): void {
    const acc = this.file(rawPath);
    if (!acc) return;
    const covered = hits > 0;
    for (let n = first; n <= last; n++) {
      if (covered) acc.lines.set(n, true);
      else if (!acc.lines.has(n)) acc.lines.set(n, false);
    }
  }

  /** Branch counts under a key unique within the file; the same key seen twice keeps the larger counts. */
  branch(rawPath: string, key: string, covered: number, total: number): void {
    const acc = this.file(rawPath);
    if (!acc) return;
    this.withBranches = true;
    const prev = acc.branches.get(key);
    acc.branches.set(key, {
      covered: Math.max(prev?.covered ?? 0, covered),
      total: Math.max(prev?.total ?? 0, total),
    });
  }

  build(): CoverageReport {
    const files: FileCoverage[] = [];
    for (const [path, acc] of this.files) {
      const numbers = [...acc.lines.keys()].sort((a, b) => a - b);
      const covered = numbers.filter((n) => acc.lines.get(n) === true);
      const missing = numbers.filter((n) => acc.lines.get(n) === false);
      const file: FileCoverage = { path, lines: ratio(covered.length, numbers.length), missing, covered };
      if (this.withBranches) file.branches = sumBranches(acc.branches.values());
      files.push(file);
    }
    return assembleReport(this.format, this.source, files, this.withBranches);
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

function sumBranches(counts: Iterable<BranchCount>): Ratio {
  let covered = 0;
  let total = 0;
  for (const c of counts) {
    covered += Math.min(c.covered, c.total);
    total += c.total;
  }
  return ratio(covered, total);
}
