// Bandit JSON (`bandit -f json`): results[] with test_id, issue_severity, issue_confidence, filename, line_number.
// Severity is Bandit's issue_severity (HIGH/MEDIUM/LOW; UNDEFINED → unknown); confidence does not change it.
// Identity: the test id and the text of the flagged line (taken from `code`, whose lines carry line numbers).
import type { FormatParser } from "../parser.js";
import { asNumber, asString, isRecord } from "../read.js";
import type { FindingDraft } from "./collect.js";
import { normaliseForFingerprint } from "./fingerprint.js";
import { type Extracted, parseJsonReport, withOptional } from "./json-report.js";
import { severityFromWord } from "./severity.js";
import { firstChar, hasJsonKey } from "./sniff.js";

type Json = Record<string, unknown>;
const FORMAT = "bandit";

/** The source text of line `line` in Bandit's numbered `code` excerpt ("9 def f():\n10     x()\n"). */
export function flaggedLine(code: string | undefined, line: number | undefined): string | undefined {
  if (code === undefined || line === undefined) return undefined;
  for (const l of code.split("\n")) {
    const m = /^(\d+)\s?(.*)$/.exec(l);
    if (m && Number(m[1]) === line) return m[2];
  }
  return undefined;
}

function draftOf(r: Json): FindingDraft {
  const rule = asString(r.test_id) ?? "unknown-test";
  const name = asString(r.test_name);
  const text = asString(r.issue_text) ?? name ?? rule;
  const line = asNumber(r.line_number);
  const range = Array.isArray(r.line_range) ? r.line_range.map(asNumber).filter((n) => n !== undefined) : [];
  const flagged = flaggedLine(asString(r.code), line);
  const confidence = asString(r.issue_confidence);
  return withOptional(
    {
      rule,
      severity: severityFromWord(r.issue_severity),
      category: "vulnerability",
      message: confidence === undefined ? text : `${text} (confidence: ${confidence.toLowerCase()})`,
      identity: [normaliseForFingerprint(flagged ?? text)],
    },
    {
      file: asString(r.filename)?.replace(/^\.\//, ""),
      line,
      end_line: range.length > 0 ? Math.max(...range) : undefined,
      url: asString(r.more_info),
    },
  );
}

function extract(doc: unknown): Extracted {
  if (!isRecord(doc) || !Array.isArray(doc.results)) {
    return { ok: false, reason: 'not a Bandit report: "results" is missing or not an array' };
  }
  return { ok: true, tool: "Bandit", drafts: doc.results.filter(isRecord).map(draftOf) };
}

export const banditParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head) {
    if (firstChar(head) !== "{" || !hasJsonKey(head, "results")) return false;
    if (hasJsonKey(head, "issue_severity") && hasJsonKey(head, "test_id")) return true;
    return hasJsonKey(head, "generated_at") && hasJsonKey(head, "metrics") && hasJsonKey(head, "errors");
  },
  parse: (file, ctx) => parseJsonReport(file, ctx, FORMAT, extract),
};
