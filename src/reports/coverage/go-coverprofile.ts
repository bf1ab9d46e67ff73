// Go cover profiles (`go test -coverprofile=coverage.out`): a `mode: set|count|atomic` line, then one line
// per block: `<import path>/<file>.go:<startLine>.<startCol>,<endLine>.<endCol> <statements> <count>`.
//
// Go measures blocks, not lines. A block marks every line from its start to its end line; a line is covered
// when any block on it ran (count > 0). Blocks with 0 statements mark nothing. Paths stay as Go writes them
// (module import path + file); mapping them to repository paths needs the module path from go.mod, which
// is a later step (suffix matching against the repository's files). Several profiles concatenated (one
// `mode:` line each) are merged.
import { type Report, unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { readText } from "../read.js";
import { CoverageBuilder } from "./builder.js";

const FORMAT = "go-coverprofile";

const BLOCK = /^(.+):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\d+)$/;
/** A block longer than this is not a real Go block; it is ignored rather than allowed to mark huge ranges. */
const MAX_BLOCK_LINES = 10_000;
/** Line marks over the whole file: a hostile profile repeating huge blocks must not spin the CPU. */
const MAX_LINE_MARKS = 5_000_000;

export const goCoverprofileParser: FormatParser = {
  format: FORMAT,
  kind: "coverage",
  sniff(head) {
    return /^mode: (?:set|count|atomic)\r?\n/.test(head);
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const text = await readText(file, ctx);
    if (!text.ok) return [unreadable(file.path, text.reason, FORMAT)];
    return [parseGoCoverprofile(text.value, file.path)];
  },
};

export function parseGoCoverprofile(text: string, source: string): Report {
  const builder = new CoverageBuilder(FORMAT, source);
  let sawMode = false;
  let lineNo = 0;
  let marks = 0;
  for (const raw of text.split(/\r?\n/)) {
    lineNo++;
    const line = raw.trim();
    if (line === "") continue;
    if (line.startsWith("mode:")) {
      sawMode = true;
      continue;
    }
    const m = BLOCK.exec(line);
    if (!m)
      return unreadable(source, `line ${lineNo} is not a Go coverage block: ${line.slice(0, 120)}`, FORMAT);
    const [, path = "", start, , end, , statements, count] = m;
    const first = Number(start);
    const last = Number(end);
    builder.file(path);
    if (Number(statements) === 0 || first < 1 || last < first || last - first > MAX_BLOCK_LINES) continue;
    marks += last - first + 1;
    if (marks > MAX_LINE_MARKS) {
      return unreadable(
        source,
        `blocks span more than ${MAX_LINE_MARKS} lines in total: not a plausible Go profile`,
        FORMAT,
      );
    }
    builder.lineRange(path, first, last, Number(count));
  }
  if (!sawMode) return unreadable(source, 'no "mode:" line: not a Go cover profile', FORMAT);
  return builder.build();
}
