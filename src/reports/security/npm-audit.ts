// npm audit JSON. v7+ (`auditReportVersion: 2`): `vulnerabilities` maps each affected package to its `via`
// list — advisory objects (the package itself is vulnerable) or names of other packages (it only depends on a
// vulnerable one). v6: `advisories` maps advisory id → advisory with module_name (plus `actions`).
// Counting rule: one finding per advisory and vulnerable package. Entries whose `via` holds only package names
// are dependents and add nothing; an advisory reached through several entries (or listed twice) counts once.
// Severity: the advisory's own (critical/high/moderate→medium/low/info). Identity: advisory id + package.
// When npm could not audit (no lockfile, registry refused), the output is an error object: reported unreadable.
import type { FormatParser } from "../parser.js";
import { asNumber, asString, isRecord } from "../read.js";
import type { FindingDraft } from "./collect.js";
import { type Extracted, parseJsonReport, withOptional } from "./json-report.js";
import { severityFromWord } from "./severity.js";
import { firstChar, hasJsonKey } from "./sniff.js";

type Json = Record<string, unknown>;
const FORMAT = "npm-audit";

/** GHSA id from the advisory URL when there is one, else npm's numeric source id. */
function advisoryId(url: string | undefined, source: unknown): string {
  const ghsa = url === undefined ? undefined : /GHSA(-[0-9a-z]{4}){3}/i.exec(url)?.[0];
  return ghsa ?? String(asNumber(source) ?? asString(source) ?? "unknown-advisory");
}

function fromV2(vulnerabilities: Json): FindingDraft[] {
  const out = new Map<string, FindingDraft>();
  for (const entry of Object.values(vulnerabilities)) {
    if (!isRecord(entry) || !Array.isArray(entry.via)) continue;
    for (const via of entry.via) {
      if (!isRecord(via)) continue;
      const url = asString(via.url);
      const rule = advisoryId(url, via.source);
      const pkg = asString(via.name) ?? asString(entry.name) ?? "unknown-package";
      const key = `${rule}\u0000${pkg}`;
      if (out.has(key)) continue;
      const fix =
        isRecord(entry.fixAvailable) && entry.fixAvailable.name === pkg ? entry.fixAvailable : undefined;
      const draft: FindingDraft = {
        rule,
        severity: severityFromWord(via.severity),
        category: "vulnerability",
        message: `${pkg}: ${asString(via.title) ?? rule}`,
        identity: [rule, pkg],
      };
      out.set(
        key,
        withOptional(draft, {
          package: pkg,
          version: asString(via.range),
          fixed_version: asString(fix?.version),
          url,
        }),
      );
    }
  }
  return [...out.values()];
}

function fromV1(advisories: Json): FindingDraft[] {
  return Object.values(advisories)
    .filter(isRecord)
    .map((a) => {
      const url = asString(a.url);
      const rule = advisoryId(url, a.id);
      const pkg = asString(a.module_name) ?? "unknown-package";
      const findings = Array.isArray(a.findings) ? a.findings.filter(isRecord) : [];
      const installed = [...new Set(findings.map((f) => asString(f.version)).filter((v) => v !== undefined))];
      return withOptional(
        {
          rule,
          severity: severityFromWord(a.severity),
          category: "vulnerability",
          message: `${pkg}: ${asString(a.title) ?? rule}`,
          identity: [rule, pkg],
        },
        {
          package: pkg,
          version: installed.length > 0 ? installed.join(", ") : asString(a.vulnerable_versions),
          fixed_version: asString(a.patched_versions),
          url,
        },
      );
    });
}

function failure(doc: Json): string | undefined {
  const error = isRecord(doc.error) ? doc.error : undefined;
  const said = asString(doc.message) ?? asString(error?.summary) ?? asString(error?.code);
  return said === undefined ? undefined : `npm audit did not produce a report: ${said}`;
}

function extract(doc: unknown): Extracted {
  if (!isRecord(doc)) return { ok: false, reason: "not an npm audit report: expected an object" };
  if (isRecord(doc.vulnerabilities) && doc.auditReportVersion !== undefined) {
    return { ok: true, tool: "npm audit", drafts: fromV2(doc.vulnerabilities) };
  }
  if (isRecord(doc.advisories)) return { ok: true, tool: "npm audit", drafts: fromV1(doc.advisories) };
  return {
    ok: false,
    reason: failure(doc) ?? 'not an npm audit report: no "vulnerabilities" or "advisories"',
  };
}

export const npmAuditParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head) {
    if (firstChar(head) !== "{") return false;
    if (hasJsonKey(head, "auditReportVersion")) return true;
    if (hasJsonKey(head, "advisories") && (hasJsonKey(head, "actions") || hasJsonKey(head, "muted")))
      return true;
    // npm's error output when it could not audit: the security endpoint in "uri", or an E-code with a summary.
    if (head.includes("/-/npm/v1/security/")) return true;
    return hasJsonKey(head, "error") && hasJsonKey(head, "summary") && /"code"\s*:\s*"E[A-Z0-9]+"/.test(head);
  },
  parse: (file, ctx) => parseJsonReport(file, ctx, FORMAT, extract),
};
