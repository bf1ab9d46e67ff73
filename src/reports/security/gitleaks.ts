// Gitleaks JSON report (`gitleaks detect -f json`): an array of findings; see gitleaks-finding.ts for the rules.
import type { FormatParser } from "../parser.js";
import { isRecord } from "../read.js";
import { gitleaksDraft } from "./gitleaks-finding.js";
import { type Extracted, parseJsonReport } from "./json-report.js";
import { firstChar, hasJsonKey } from "./sniff.js";

const FORMAT = "gitleaks";

function extract(doc: unknown): Extracted {
  if (doc === null) return { ok: true, tool: "Gitleaks", drafts: [] };
  if (!Array.isArray(doc))
    return { ok: false, reason: "not a Gitleaks report: expected an array of findings" };
  return { ok: true, tool: "Gitleaks", drafts: doc.filter(isRecord).map(gitleaksDraft) };
}

export const gitleaksParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head, path) {
    const c = firstChar(head);
    if (c === "[") {
      if (hasJsonKey(head, "RuleID") && (hasJsonKey(head, "Secret") || hasJsonKey(head, "Match")))
        return true;
      if (hasJsonKey(head, "offender") && hasJsonKey(head, "rule")) return true;
    }
    // "[]" or "null" (nothing found) carry no keys: only the file name can tell.
    return /^(\[\s*\]|null)$/.test(head.trim()) && /gitleaks/i.test(path);
  },
  parse: (file, ctx) => parseJsonReport(file, ctx, FORMAT, extract),
};
