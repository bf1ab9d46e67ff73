// radon `cc -j` (cyclomatic complexity as JSON): { "<file>": [block, …] | { "error": "…" } }.
// A block is { type: function|method|class, name, lineno, endline, col_offset, complexity, rank,
// classname (methods), methods[] (classes), closures[] (functions) }.
// radon lists every method twice (at top level and inside its class's `methods`) and closures only inside
// their function. We count each function, method and closure once (named Class.method / outer.inner) and
// leave class blocks out: radon scores a class as 1 + the mean of its methods, which are counted already,
// so a class of ten methods of complexity 10 would score 11 and fail a max-10 gate no function breaks.
// A file radon could not analyse (syntax error) becomes an `unreadable` report naming the file.
import type { ComplexityBlock, Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser } from "../parser.js";
import { asNumber, asString, isRecord, readJson } from "../read.js";

const FORMAT = "radon";

export function complexityReport(source: string, format: string, blocks: ComplexityBlock[]): Report {
  const max = blocks.reduce((m, b) => Math.max(m, b.complexity), 0);
  const average = blocks.length === 0 ? 0 : blocks.reduce((s, b) => s + b.complexity, 0) / blocks.length;
  return { kind: "complexity", format, source, max, average, blocks };
}

function collect(file: string, raw: unknown, prefix: string, out: Map<string, ComplexityBlock>): void {
  if (!isRecord(raw)) return;
  const name = asString(raw.name);
  const complexity = asNumber(raw.complexity);
  // A negative complexity is not one (a corrupt file): such a block is left out like one without a score.
  if (name === undefined || complexity === undefined || complexity < 0) return;
  const type = asString(raw.type);
  const classname = asString(raw.classname);
  const full = classname && type === "method" ? `${classname}.${name}` : `${prefix}${name}`;
  if (type !== "class") {
    const block: ComplexityBlock = { file, name: full, complexity };
    const lineno = asNumber(raw.lineno);
    const line = lineno !== undefined && Number.isInteger(lineno) && lineno >= 1 ? lineno : undefined;
    if (line !== undefined) block.line = line;
    const rank = asString(raw.rank);
    if (rank !== undefined) block.rank = rank;
    const key = `${full}:${line ?? ""}`;
    if (!out.has(key)) out.set(key, block);
  }
  for (const nested of [raw.methods, raw.closures]) {
    if (Array.isArray(nested)) for (const child of nested) collect(file, child, `${full}.`, out);
  }
}

export const radonParser: FormatParser = {
  format: FORMAT,
  kind: "complexity",
  sniff(head) {
    if (!/^\s*\{/.test(head)) return false;
    const blocks = /"complexity"\s*:/.test(head) && /"rank"\s*:/.test(head) && /"lineno"\s*:/.test(head);
    return blocks || /^\s*\{\s*"[^"]*"\s*:\s*\{\s*"error"\s*:\s*"/.test(head);
  },
  async parse(file, ctx): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    const doc = json.value;
    if (!isRecord(doc))
      return [unreadable(file.path, "not radon cc -j output: expected an object of files", FORMAT)];
    const blocks: ComplexityBlock[] = [];
    const failed: Report[] = [];
    for (const [path, entry] of Object.entries(doc)) {
      if (isRecord(entry)) {
        const error = asString(entry.error) ?? "no block list";
        failed.push(unreadable(file.path, `radon could not analyse ${path}: ${error}`, FORMAT));
        continue;
      }
      if (!Array.isArray(entry)) {
        failed.push(
          unreadable(file.path, `radon output for ${path} is neither a block list nor an error`, FORMAT),
        );
        continue;
      }
      const perFile = new Map<string, ComplexityBlock>();
      for (const raw of entry) collect(path, raw, "", perFile);
      blocks.push(...perFile.values());
    }
    if (blocks.length === 0 && failed.length > 0 && Object.keys(doc).length === failed.length) return failed;
    return [complexityReport(file.path, FORMAT, blocks), ...failed];
  },
};
