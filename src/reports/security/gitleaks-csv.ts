// Gitleaks CSV report (`gitleaks detect -f csv`): a header row naming the v8 fields, one finding per row.
import type { Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { readText } from "../read.js";
import { buildReport } from "./collect.js";
import { parseCsv } from "./csv.js";
import { gitleaksDraft } from "./gitleaks-finding.js";

const FORMAT = "gitleaks-csv";

export const gitleaksCsvParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head) {
    const header = head.split(/\r?\n/, 1)[0] ?? "";
    const cols = header.split(",");
    return (
      cols.includes("RuleID") && cols.includes("File") && (cols.includes("Secret") || cols.includes("Match"))
    );
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const text = await readText(file, ctx);
    if (!text.ok) return [unreadable(file.path, text.reason, FORMAT)];
    const [header, ...rows] = parseCsv(text.value);
    if (header === undefined || !header.includes("RuleID")) {
      return [
        unreadable(file.path, "not a Gitleaks CSV report: the header row has no RuleID column", FORMAT),
      ];
    }
    const drafts = rows.map((cells) => {
      const row: Record<string, unknown> = {};
      header.forEach((name, i) => {
        row[name] = cells[i] ?? "";
      });
      return gitleaksDraft(row);
    });
    return [buildReport({ format: FORMAT, tool: "Gitleaks", source: file.path }, drafts, ctx)];
  },
};
