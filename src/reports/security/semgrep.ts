// Semgrep JSON (`semgrep --json`): results[] with check_id, path, start/end, extra.{severity,message,lines,metadata}.
// Severity: ERROR → high, WARNING → medium, INFO → low (as Semgrep's own app shows them); newer CRITICAL/HIGH/
// MEDIUM/LOW words map directly. Rules under a "secrets" namespace or tagged technology "secrets" are secrets.
// Semgrep without a login writes "requires login" in `extra.lines` and `extra.fingerprint`: never used as identity.
import type { Severity } from "../model.js";
import type { FormatParser } from "../parser.js";
import { asNumber, asString, isRecord } from "../read.js";
import type { FindingDraft } from "./collect.js";
import { hashParts, normaliseForFingerprint } from "./fingerprint.js";
import { type Extracted, parseJsonReport, withOptional } from "./json-report.js";
import { severityFromWord } from "./severity.js";
import { firstChar, hasJsonKey } from "./sniff.js";

type Json = Record<string, unknown>;
const FORMAT = "semgrep";
const PLACEHOLDER = "requires login";

function severityOf(word: unknown): Severity {
  if (typeof word === "string" && word.toUpperCase() === "INFO") return "low";
  return severityFromWord(word);
}

function usable(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" || text.trim() === PLACEHOLDER ? undefined : text;
}

function isSecret(checkId: string, metadata: Json): boolean {
  if (/(^|\.)secrets?(\.|$)/i.test(checkId)) return true;
  const tech = metadata.technology;
  return Array.isArray(tech) && tech.some((t) => typeof t === "string" && t.toLowerCase() === "secrets");
}

function firstReference(metadata: Json): string | undefined {
  const refs = metadata.references;
  if (typeof refs === "string") return refs;
  return Array.isArray(refs) && typeof refs[0] === "string" ? refs[0] : asString(metadata.source);
}

function draftOf(r: Json): FindingDraft {
  const extra = isRecord(r.extra) ? r.extra : {};
  const metadata = isRecord(extra.metadata) ? extra.metadata : {};
  const start = isRecord(r.start) ? r.start : {};
  const end = isRecord(r.end) ? r.end : {};
  const rule = asString(r.check_id) ?? "unknown-rule";
  const message = asString(extra.message) ?? rule;
  const secret = isSecret(rule, metadata);
  const lines = usable(asString(extra.lines));
  const fingerprint = usable(asString(extra.fingerprint));
  let identity: string[];
  if (secret) identity = [];
  else if (fingerprint !== undefined) identity = [fingerprint];
  else identity = [normaliseForFingerprint(lines ?? message)];
  return withOptional(
    {
      rule,
      severity: severityOf(extra.severity),
      category: secret ? "secret" : "vulnerability",
      message,
      identity,
      ...(secret ? { dedupe: [hashParts([lines ?? "", String(asNumber(start.col) ?? "")])] } : {}),
    },
    {
      file: asString(r.path),
      line: asNumber(start.line),
      end_line: asNumber(end.line),
      url: firstReference(metadata),
    },
  );
}

function extract(doc: unknown): Extracted {
  if (!isRecord(doc) || !Array.isArray(doc.results)) {
    return { ok: false, reason: 'not a Semgrep report: "results" is missing or not an array' };
  }
  return { ok: true, tool: "Semgrep", drafts: doc.results.filter(isRecord).map(draftOf) };
}

export const semgrepParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head) {
    if (firstChar(head) !== "{" || !hasJsonKey(head, "results")) return false;
    if (hasJsonKey(head, "check_id")) return true;
    // An empty run: {"results": [], "errors": []} (newer versions add "paths", "version", …). Bandit's empty
    // report looks alike but also has "generated_at" and "metrics".
    if (hasJsonKey(head, "generated_at") && hasJsonKey(head, "metrics")) return false;
    return /"results"\s*:\s*\[\s*\]/.test(head) && hasJsonKey(head, "errors");
  },
  parse: (file, ctx) => parseJsonReport(file, ctx, FORMAT, extract),
};
