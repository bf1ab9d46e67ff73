// Clover XML: <coverage><project><package?><file name path><line num type="stmt|cond|method" count ...>.
// Written by PHPUnit, Istanbul (Jest's default `clover.xml`) and OpenClover.
//
// Lines: `stmt` and `cond` lines are executable lines, covered when their count is > 0. `method` lines mark a
// function declaration (PHPUnit counts them as methods, not statements) and are not line coverage.
// Branches on `cond` lines mean different things per writer: Istanbul writes truecount = covered branch paths
// and falsecount = uncovered paths (its cond lines carry a `count`); OpenClover writes how often the
// condition was true and false (no `count`), i.e. two branches, each covered when its count is > 0.
// Paths: the `path` attribute when present, else `name`. Declared <metrics> are not read.
import { type Report, unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { asNumber } from "../read.js";
import { scanXml } from "../xml.js";
import { CoverageBuilder, hitsOf, lineNumberOf } from "./builder.js";
import { isCloverHead } from "./cobertura.js";
import { xmlHead } from "./xml-head.js";

const FORMAT = "clover";

export const cloverParser: FormatParser = {
  format: FORMAT,
  kind: "coverage",
  sniff(head) {
    const h = xmlHead(head);
    return h !== undefined && h.root === "coverage" && isCloverHead(h.rootAttrs, h.next);
  },
  parse: parseClover,
};

export async function parseClover(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
  const builder = new CoverageBuilder(FORMAT, file.path);
  let current: string | undefined;
  const scan = await scanXml(file, ctx, {
    open(name, attrs) {
      if (name === "file") {
        current = attrs.path ?? attrs.name;
        if (current !== undefined) builder.file(current);
      } else if (name === "line" && current !== undefined) {
        const n = lineNumberOf(attrs.num);
        const type = attrs.type ?? "stmt";
        if (type === "method" || n === undefined) return;
        const t = Math.max(0, asNumber(attrs.truecount) ?? 0);
        const f = Math.max(0, asNumber(attrs.falsecount) ?? 0);
        const count = attrs.count === undefined ? undefined : hitsOf(attrs.count);
        if (type !== "cond") {
          builder.line(current, n, count);
          return;
        }
        if (count !== undefined) {
          builder.line(current, n, count);
          builder.branch(current, String(n), t, t + f); // Istanbul: covered paths / all paths
        } else {
          builder.line(current, n, t + f);
          builder.branch(current, String(n), (t > 0 ? 1 : 0) + (f > 0 ? 1 : 0), 2); // OpenClover: true/false
        }
      }
    },
    close(name) {
      if (name === "file") current = undefined;
    },
  });
  if (!scan.ok) return [unreadable(file.path, scan.reason, FORMAT)];
  if (scan.root !== "coverage") {
    return [
      unreadable(
        file.path,
        `not a Clover report: root element is <${scan.root}>, expected <coverage>`,
        FORMAT,
      ),
    ];
  }
  return [builder.build()];
}
