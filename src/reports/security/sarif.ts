// SARIF 2.1.0 (Trivy, Semgrep, CodeQL, Gitleaks, ESLint, Bandit, …): one SecurityReport per run.
//
// Rules:
// - Severity: `security-severity` score (result properties, else the rule's) ≥ 9 critical, ≥ 7 high, ≥ 4 medium,
//   > 0 low; without a score, the level: result `level`, else "none" when the result has a `kind` other than
//   "fail" (SARIF §3.27.9), else the rule's defaultConfiguration.level, else "warning"; then
//   error → high, warning → medium, note → low, none → info.
// - Not counted (left out of findings): results with `kind` "pass" or "notApplicable", results whose
//   baselineState is "absent" (gone since the baseline), and suppressed results — a non-empty `suppressions`
//   array none of whose entries is "underReview" or "rejected" (an absent status means accepted, as in the
//   SARIF SDK and GitHub code scanning).
// - One finding per result, located at its first physical location (multi-location results are not split).
// - Secrets: runs of gitleaks/trufflehog/detect-secrets/ggshield, and results whose rule or own properties
//   carry a tag containing "secret". Their snippets are never stored and take no part in the fingerprint.
import type { Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser, ParseContext, ReportFile } from "../parser.js";
import { asString, isRecord, readJson } from "../read.js";
import { buildReport, type FindingDraft } from "./collect.js";
import { hashParts, normaliseForFingerprint } from "./fingerprint.js";
import { redact } from "./redact.js";
import { sarifPlace } from "./sarif-location.js";
import { findRule, type RuleTables, resultMessage, ruleTables } from "./sarif-rules.js";
import { severityFromSarifLevel, severityFromScore } from "./severity.js";
import { firstChar, hasJsonKey } from "./sniff.js";

type Json = Record<string, unknown>;

const FORMAT = "sarif";
const SECRET_TOOLS = /gitleaks|trufflehog|detect-secrets|ggshield|secretlint/i;

function props(v: unknown): Json {
  return isRecord(v) && isRecord(v.properties) ? v.properties : {};
}

function hasSecretTag(p: Json): boolean {
  return Array.isArray(p.tags) && p.tags.some((t) => typeof t === "string" && /secret/i.test(t));
}

export function isSuppressed(result: Json): boolean {
  const list = result.suppressions;
  if (!Array.isArray(list) || list.length === 0) return false;
  return !list.some((s) => isRecord(s) && (s.status === "underReview" || s.status === "rejected"));
}

function isCounted(result: Json): boolean {
  if (result.kind === "pass" || result.kind === "notApplicable") return false;
  if (result.baselineState === "absent") return false;
  return !isSuppressed(result);
}

function levelOf(result: Json, rule: Json | undefined): string {
  const own = asString(result.level);
  if (own !== undefined) return own;
  const kind = asString(result.kind);
  if (kind !== undefined && kind !== "fail") return "none";
  const config = rule !== undefined && isRecord(rule.defaultConfiguration) ? rule.defaultConfiguration : {};
  return asString(config.level) ?? "warning";
}

function fingerprintsOf(result: Json): string[] {
  const parts: string[] = [];
  for (const key of ["partialFingerprints", "fingerprints"] as const) {
    const fp = result[key];
    if (!isRecord(fp)) continue;
    for (const k of Object.keys(fp).sort()) {
      const v = fp[k];
      if (typeof v === "string") parts.push(`${k}=${v}`);
    }
  }
  return parts;
}

function draftOf(result: Json, run: Json, tables: RuleTables, secretRun: boolean): FindingDraft {
  const rule = findRule(result, tables);
  const ruleRef = isRecord(result.rule) ? result.rule : {};
  const ruleId = asString(result.ruleId) ?? asString(ruleRef.id) ?? asString(rule?.id) ?? "unknown-rule";
  const severity =
    severityFromScore(props(result)["security-severity"]) ??
    severityFromScore(props(rule)["security-severity"]) ??
    severityFromSarifLevel(levelOf(result, rule));
  const secret = secretRun || hasSecretTag(props(rule)) || hasSecretTag(props(result));
  const place = sarifPlace(result, run);
  const snippet = place.snippet;
  let message = resultMessage(result, rule) || ruleId;
  if (secret && snippet !== undefined) message = redact(message, [snippet]);
  let identity: string[];
  if (secret) identity = [];
  else {
    const fps = fingerprintsOf(result);
    if (fps.length > 0) identity = fps;
    else identity = [normaliseForFingerprint(snippet ?? message)];
  }
  const draft: FindingDraft = {
    rule: ruleId,
    severity,
    category: secret ? "secret" : "vulnerability",
    message,
    identity,
    ...(secret ? { dedupe: [hashParts([snippet ?? "", message])] } : {}),
  };
  if (place.file !== undefined) draft.file = place.file;
  if (place.line !== undefined) draft.line = place.line;
  if (place.end_line !== undefined) draft.end_line = place.end_line;
  const url = rule === undefined ? undefined : asString(rule.helpUri);
  if (url !== undefined) draft.url = url;
  return draft;
}

function parseRun(run: unknown, index: number, source: string, ctx: ParseContext): Report {
  if (!isRecord(run)) return unreadable(source, `SARIF run ${index + 1} is not an object`, FORMAT);
  const tool = isRecord(run.tool) ? run.tool : {};
  const driver = isRecord(tool.driver) ? tool.driver : {};
  const name = asString(driver.name)?.trim() || "unknown";
  const results = run.results ?? [];
  if (!Array.isArray(results)) {
    return unreadable(source, `SARIF run ${index + 1} (${name}): "results" is not an array`, FORMAT);
  }
  const tables = ruleTables(run);
  const secretRun = SECRET_TOOLS.test(name);
  const drafts = results
    .filter(isRecord)
    .filter(isCounted)
    .map((r) => draftOf(r, run, tables, secretRun));
  return buildReport({ format: FORMAT, tool: name, source }, drafts, ctx);
}

export const sarifParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head, path) {
    if (firstChar(head) !== "{") return false;
    if (/\.sarif$/i.test(path)) return true;
    if (!hasJsonKey(head, "runs")) return false;
    return /sarif/i.test(head) || /"version"\s*:\s*"2\.\d+\.\d+"/.test(head);
  },
  async parse(file: ReportFile, ctx: ParseContext): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    const doc = json.value;
    if (!isRecord(doc) || !Array.isArray(doc.runs)) {
      return [unreadable(file.path, 'not a SARIF log: "runs" is missing or not an array', FORMAT)];
    }
    return doc.runs.map((run, i) => parseRun(run, i, file.path, ctx));
  },
};
