// GitLab security report JSON (container_scanning, dependency_scanning, sast, secret_detection; schema 14/15):
// {version, scan: {type, scanner}, vulnerabilities: [{id, name, message, description, severity, location,
// identifiers}], remediations}. Severity is GitLab's word (Critical/High/Medium/Low/Info/Unknown).
// Category secret_detection → secret (location has no secret value; `raw_source_code_extract` is never read).
// Identity: the first identifier (type:value) + package name (dependency findings) or the normalised name.
// `location.file` is the file; a container image name is not a repository file and is not shown as one.
import type { FormatParser } from "../parser.js";
import { asNumber, asString, isRecord } from "../read.js";
import type { FindingDraft } from "./collect.js";
import { normaliseForFingerprint } from "./fingerprint.js";
import { type Extracted, parseJsonReport, withOptional } from "./json-report.js";
import { severityFromWord } from "./severity.js";
import { firstChar, hasJsonKey } from "./sniff.js";

type Json = Record<string, unknown>;
const FORMAT = "gitlab-security";

function draftOf(v: Json, scanType: string | undefined): FindingDraft {
  const location = isRecord(v.location) ? v.location : {};
  const dependency = isRecord(location.dependency) ? location.dependency : {};
  const pkg = isRecord(dependency.package) ? asString(dependency.package.name) : undefined;
  const identifiers = Array.isArray(v.identifiers) ? v.identifiers.filter(isRecord) : [];
  const first = identifiers[0];
  const rule = asString(first?.value) ?? asString(v.cve) ?? asString(v.id) ?? "unknown-rule";
  const name = asString(v.name) ?? asString(v.message) ?? rule;
  const category = asString(v.category) ?? scanType;
  const secret = category === "secret_detection";
  return withOptional(
    {
      rule,
      severity: severityFromWord(v.severity),
      category: secret ? "secret" : "vulnerability",
      message: pkg === undefined ? name : `${pkg}: ${name}`,
      identity: [`${asString(first?.type) ?? ""}:${rule}`, pkg ?? normaliseForFingerprint(name)],
    },
    {
      file: asString(location.file),
      line: asNumber(location.start_line),
      end_line: asNumber(location.end_line),
      package: pkg,
      version: asString(dependency.version),
      url: asString(first?.url),
    },
  );
}

function extract(doc: unknown): Extracted {
  if (!isRecord(doc) || !Array.isArray(doc.vulnerabilities)) {
    return {
      ok: false,
      reason: 'not a GitLab security report: "vulnerabilities" is missing or not an array',
    };
  }
  const scan = isRecord(doc.scan) ? doc.scan : {};
  const scanner = isRecord(scan.scanner) ? scan.scanner : {};
  const tool = asString(scanner.name) ?? "GitLab security scan";
  const type = asString(scan.type);
  return { ok: true, tool, drafts: doc.vulnerabilities.filter(isRecord).map((v) => draftOf(v, type)) };
}

export const gitlabSecurityParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head) {
    if (firstChar(head) !== "{" || !hasJsonKey(head, "vulnerabilities")) return false;
    return hasJsonKey(head, "scan") || hasJsonKey(head, "identifiers");
  },
  parse: (file, ctx) => parseJsonReport(file, ctx, FORMAT, extract),
};
