// Cobertura XML as written by coverage.py, Istanbul, gcovr, Coverlet, simplecov-cobertura, MATLAB, scoverage, ...
//
// Counted from the `<line>` elements of each `<class>` (method-level copies of the same lines merge away);
// a file that appears in several classes (inner classes, async state machines) is merged at line level.
// Branches come from `condition-coverage="50% (1/2)"` on branch lines. The declared totals
// (`lines-valid`, `line-rate`, ...) are never read, so `NaN` there cannot hurt.
//
// Relative filenames are joined to the report's `<source>`: when there are several sources the absolute
// ones are preferred, and a filename is joined only when exactly one candidate remains (otherwise it is left
// relative; which source holds the file cannot be known without the file system). Stripping CI workspace
// prefixes from the result is a later step.
import { type Report, unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { CoverageBuilder, hitsOf, lineNumberOf, normalisePath } from "./builder.js";
import type { FileCounts } from "./file-counts.js";
import { xmlHead } from "./xml-head.js";
import { scanXmlRecovering } from "./xml-recover.js";

const FORMAT = "cobertura";
/** A <source> is a directory path; longer text is not one and is not kept in memory. */
const MAX_SOURCE_CHARS = 4096;
/** `condition-coverage="50% (1/2)"`: covered and total branches. */
const CONDITION = /\((\d+)\s*\/\s*(\d+)\)/;

export const coberturaParser: FormatParser = {
  format: FORMAT,
  kind: "coverage",
  sniff(head) {
    const h = xmlHead(head);
    if (h?.root !== "coverage" || isCloverHead(h.rootAttrs, h.next)) return false;
    return (
      /\b(?:line-rate|lines-valid)\s*=/.test(h.rootAttrs) ||
      h.next.some((n) => n === "sources" || n === "packages")
    );
  },
  parse: parseCobertura,
};

/** Clover also uses a `<coverage>` root; it has a `clover`/`generated` attribute and a `<project>` child. */
export function isCloverHead(rootAttrs: string, next: string[]): boolean {
  return /\b(?:clover|generated)\s*=/.test(rootAttrs) || next[0] === "project";
}

export async function parseCobertura(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
  const builder = new CoverageBuilder(FORMAT, file.path);
  const sources: string[] = [];
  let sourceText: string | undefined;
  let base: string | undefined | null = null; // null: not decided yet
  let current: string | undefined;
  /** The counts of `current` (undefined for virtual paths, whose lines are left out). */
  let counts: FileCounts | undefined;
  // Lines are read from the class's own <lines>; the copies under <methods> are used only by a class that
  // has no <lines> of its own (Istanbul puts function declaration lines there that are not statements).
  let inMethod = 0;
  let classHasLines = false;
  let methodLines: LineAttrs[] = [];
  /** Per class: how many condition-less branch lines each line number had so far. */
  const branchSeen = new Map<number, number>();
  const addLine = (acc: FileCounts, n: number, hits: number | undefined, cond?: string, branch?: string) => {
    acc.line(n, hits !== undefined && hits > 0);
    const m = cond === undefined ? null : CONDITION.exec(cond);
    if (m) acc.branch(n, Number(m[1]), Number(m[2]));
    else if (branch !== undefined && branch.toLowerCase() === "true") {
      // scoverage writes one <line branch="true"> per branch, without condition-coverage (several per line
      // number): each is one branch, taken when its hits > 0.
      const k = (branchSeen.get(n) ?? 0) + 1;
      branchSeen.set(n, k);
      acc.branch(`${n}#${k}`, (hits ?? 0) > 0 ? 1 : 0, 1);
    }
  };
  const scan = await scanXmlRecovering(file, ctx, {
    open(name, attrs) {
      if (name === "line") {
        // The hot path: a million of these in a large report.
        if (counts === undefined) return;
        const n = lineNumberOf(attrs.number);
        if (n === undefined) return;
        const hits = hitsOf(attrs.hits);
        if (inMethod > 0) {
          methodLines.push({ n, hits, cond: attrs["condition-coverage"], branch: attrs.branch });
        } else {
          classHasLines = true;
          addLine(counts, n, hits, attrs["condition-coverage"], attrs.branch);
        }
      } else if (name === "source") {
        sourceText = "";
      } else if (name === "class") {
        if (base === null) base = pickBase(sources);
        const filename = attrs.filename ?? attrs.name;
        current = filename === undefined ? undefined : resolve(base, filename);
        counts = current === undefined ? undefined : builder.file(current);
        classHasLines = false;
        methodLines = [];
        branchSeen.clear();
      } else if (name === "method") {
        inMethod++;
      }
    },
    close(name) {
      if (name === "source" && sourceText !== undefined) {
        sources.push(sourceText.trim());
        sourceText = undefined;
      } else if (name === "method") {
        inMethod = Math.max(0, inMethod - 1);
      } else if (name === "class") {
        const acc = counts;
        if (acc !== undefined && !classHasLines) {
          for (const l of methodLines) addLine(acc, l.n, l.hits, l.cond, l.branch);
        }
        current = undefined;
        counts = undefined;
        methodLines = [];
      }
    },
    text(t) {
      if (sourceText !== undefined && sourceText.length < MAX_SOURCE_CHARS) sourceText += t;
    },
  });
  if (!scan.ok) return [unreadable(file.path, scan.reason, FORMAT)];
  if (scan.root !== undefined && scan.root !== "coverage") {
    return [
      unreadable(
        file.path,
        `not a Cobertura report: root element is <${scan.root}>, expected <coverage>`,
        FORMAT,
      ),
    ];
  }
  return [builder.build()];
}

interface LineAttrs {
  n: number;
  hits: number | undefined;
  cond: string | undefined;
  branch: string | undefined;
}

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:\//.test(path);
}

function pickBase(sources: string[]): string | undefined {
  const candidates = sources.map(normalisePath).filter((s) => s !== "" && s !== ".");
  const absolute = candidates.filter(isAbsolute);
  const pool = absolute.length > 0 ? absolute : candidates;
  return pool.length === 1 ? pool[0] : undefined;
}

function resolve(base: string | undefined, filename: string): string {
  const path = normalisePath(filename);
  if (base === undefined || isAbsolute(path)) return path;
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\.\//, "")}`;
}
