// Safety JSON (`safety check --json`). Two shapes:
// - old (1.x): an array of arrays [package, affected spec, installed version, advisory, vulnerability id, cvssv2?, cvssv3?];
// - new (2.x/3.x `check`): {report_meta, vulnerabilities: [{vulnerability_id, package_name, analyzed_version,
//   vulnerable_spec, advisory, CVE, severity: {cvssv3: {base_score, base_severity}, cvssv2: …} | null, fixed_versions,
//   more_info_url}]}.
// Severity: CVSS when present (cvssv3 before cvssv2), else "unknown". Identity: vulnerability id + package.
import type { FormatParser } from "../parser.js";
import { asString, isRecord } from "../read.js";
import type { FindingDraft } from "./collect.js";
import { severityFromCvss } from "./cvss.js";
import { type Extracted, parseJsonReport, withOptional } from "./json-report.js";
import { firstChar, hasJsonKey } from "./sniff.js";

type Json = Record<string, unknown>;
const FORMAT = "safety";

function idString(v: unknown): string | undefined {
  if (typeof v === "number") return String(v);
  return asString(v);
}

function fromRow(row: unknown[]): FindingDraft {
  const [name, spec, version, advisory, id, cvss2, cvss3] = row;
  const pkg = asString(name) ?? "unknown-package";
  const rule = idString(id) ?? "unknown-advisory";
  return withOptional(
    {
      rule,
      severity: severityFromCvss(cvss3, cvss2),
      category: "vulnerability",
      message: `${pkg} ${asString(spec) ?? ""}: ${asString(advisory) ?? rule}`.replace(/ :/, ":"),
      identity: [rule, pkg],
    },
    { package: pkg, version: asString(version) },
  );
}

function fixedOf(v: Json): string | undefined {
  const list = v.fixed_versions;
  if (Array.isArray(list)) {
    const first: unknown = list[0];
    if (typeof first === "string") return first;
  }
  return undefined;
}

function fromVulnerability(v: Json): FindingDraft {
  const pkg = asString(v.package_name) ?? "unknown-package";
  const rule = idString(v.vulnerability_id) ?? asString(v.CVE) ?? "unknown-advisory";
  const severity = isRecord(v.severity)
    ? severityFromCvss(v.severity.cvssv3, v.severity.cvssv2, v.severity)
    : "unknown";
  const spec = asString(v.vulnerable_spec);
  return withOptional(
    {
      rule,
      severity,
      category: "vulnerability",
      message: `${pkg}${spec === undefined ? "" : ` ${spec}`}: ${asString(v.advisory) ?? rule}`,
      identity: [rule, pkg],
    },
    {
      package: pkg,
      version: asString(v.analyzed_version),
      fixed_version: fixedOf(v),
      url: asString(v.more_info_url),
    },
  );
}

function extract(doc: unknown): Extracted {
  if (Array.isArray(doc)) {
    return {
      ok: true,
      tool: "Safety",
      drafts: doc.filter((r): r is unknown[] => Array.isArray(r)).map(fromRow),
    };
  }
  if (isRecord(doc) && Array.isArray(doc.vulnerabilities)) {
    return { ok: true, tool: "Safety", drafts: doc.vulnerabilities.filter(isRecord).map(fromVulnerability) };
  }
  return { ok: false, reason: 'not a Safety report: expected "vulnerabilities" or an array of advisories' };
}

export const safetyParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head, path) {
    const c = firstChar(head);
    if (c === "{") return hasJsonKey(head, "report_meta") && hasJsonKey(head, "vulnerabilities");
    if (c !== "[") return false;
    // Old shape: [["package", "<1.2", "1.0", "advisory text", "12345", …], …]; "[]" only by file name.
    if (/^\[\s*\[\s*"/.test(head.trim())) return true;
    return /^\[\s*\]$/.test(head.trim()) && /safety/i.test(path);
  },
  parse: (file, ctx) => parseJsonReport(file, ctx, FORMAT, extract),
};
