// JaCoCo XML (`report.xml`): <report><group?><package name="com/x"><sourcefile name="A.java"><line nr mi ci mb cb>.
// A line is executable when it has instructions (mi + ci > 0) and covered when some ran (ci > 0); its
// branches are mb + cb, of which cb are covered. Paths are package name + "/" + source file name. The
// declared <counter> elements are not read. JaCoCo's DOCTYPE (PUBLIC "-//JACOCO//DTD Report 1.1//EN") is
// skipped by the XML scanner, never fetched.
import { type Report, unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { asNumber } from "../read.js";
import { scanXml } from "../xml.js";
import { CoverageBuilder, lineNumberOf } from "./builder.js";
import { xmlHead } from "./xml-head.js";

const FORMAT = "jacoco";

export const jacocoParser: FormatParser = {
  format: FORMAT,
  kind: "coverage",
  sniff(head) {
    const h = xmlHead(head);
    if (h?.root !== "report") return false;
    return /-\/\/JACOCO\/\/DTD/i.test(head) || h.next[0] === "sessioninfo" || h.next.includes("sourcefile");
  },
  parse: parseJacoco,
};

export async function parseJacoco(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
  const builder = new CoverageBuilder(FORMAT, file.path);
  builder.hasBranches();
  const packages: string[] = [];
  let current: string | undefined;
  const scan = await scanXml(file, ctx, {
    open(name, attrs) {
      if (name === "package") {
        packages.push(attrs.name ?? "");
      } else if (name === "sourcefile" && packages.length > 0) {
        const pkg = packages[packages.length - 1] ?? "";
        const base = attrs.name ?? "";
        current = pkg === "" ? base : `${pkg.replace(/\/+$/, "")}/${base}`;
        builder.file(current);
      } else if (name === "line" && current !== undefined) {
        const n = lineNumberOf(attrs.nr);
        const mi = asNumber(attrs.mi) ?? 0;
        const ci = asNumber(attrs.ci) ?? 0;
        const mb = asNumber(attrs.mb) ?? 0;
        const cb = asNumber(attrs.cb) ?? 0;
        if (mi + ci > 0) builder.line(current, n, ci);
        if (n !== undefined && mb + cb > 0) builder.branch(current, String(n), cb, mb + cb);
      }
    },
    close(name) {
      if (name === "package") packages.pop();
      else if (name === "sourcefile") current = undefined;
    },
  });
  if (!scan.ok) return [unreadable(file.path, scan.reason, FORMAT)];
  if (scan.root !== "report") {
    return [
      unreadable(file.path, `not a JaCoCo report: root element is <${scan.root}>, expected <report>`, FORMAT),
    ];
  }
  return [builder.build()];
}
