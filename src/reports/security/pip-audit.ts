// pip-audit JSON (`pip-audit -f json`): {dependencies: [{name, version, vulns: [{id, fix_versions, aliases,
// description}]} | {name, skip_reason}], fixes: []}; older versions wrote the dependencies array at top level.
// pip-audit states no severity: "unknown" unless a vuln carries CVSS data. Identity: advisory id + package.
import type { FormatParser } from "../parser.js";
import { asString, isRecord } from "../read.js";
import type { FindingDraft } from "./collect.js";
import { severityFromCvss } from "./cvss.js";
import { type Extracted, parseJsonReport, withOptional } from "./json-report.js";
import { firstChar, hasJsonKey } from "./sniff.js";

type Json = Record<string, unknown>;
const FORMAT = "pip-audit";

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function fromDependency(dep: Json): FindingDraft[] {
  const pkg = asString(dep.name) ?? "unknown-package";
  const vulns = Array.isArray(dep.vulns) ? dep.vulns.filter(isRecord) : [];
  return vulns.map((v) => {
    const rule = asString(v.id) ?? "unknown-advisory";
    const aliases = strings(v.aliases);
    const description = asString(v.description) ?? "";
    const also = aliases.length > 0 ? ` (${aliases.join(", ")})` : "";
    return withOptional(
      {
        rule,
        severity: severityFromCvss(v.cvss, v.severity),
        category: "vulnerability",
        message: `${pkg}: ${rule}${also}${description === "" ? "" : ` ${description}`}`,
        identity: [rule, pkg],
      },
      { package: pkg, version: asString(dep.version), fixed_version: strings(v.fix_versions)[0] },
    );
  });
}

function extract(doc: unknown): Extracted {
  const deps = Array.isArray(doc) ? doc : isRecord(doc) ? doc.dependencies : undefined;
  if (!Array.isArray(deps)) return { ok: false, reason: 'not a pip-audit report: "dependencies" is missing' };
  return { ok: true, tool: "pip-audit", drafts: deps.filter(isRecord).flatMap(fromDependency) };
}

export const pipAuditParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head, path) {
    const c = firstChar(head);
    if (c === "{")
      return hasJsonKey(head, "dependencies") && (hasJsonKey(head, "vulns") || hasJsonKey(head, "fixes"));
    if (c !== "[") return false;
    if (hasJsonKey(head, "vulns") && hasJsonKey(head, "name") && hasJsonKey(head, "version")) return true;
    return /^\[\s*\]$/.test(head.trim()) && /pip-?audit/i.test(path);
  },
  parse: (file, ctx) => parseJsonReport(file, ctx, FORMAT, extract),
};
