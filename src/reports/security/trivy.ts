// Trivy JSON: SchemaVersion 2 (`Results[]`), the legacy top-level array (and its `null` for "nothing found"),
// and Kubernetes cluster reports (`ClusterName` with `Vulnerabilities`/`Misconfigurations`/`Resources`
// each holding `Results`). Categories: Vulnerabilities → vulnerability, Misconfigurations (Status FAIL, or no
// Status as in early versions; PASS/EXCEPTION are not problems) → misconfiguration, Secrets → secret (the
// matched text is never kept), Licenses → license (file: the licence's FilePath; a "license" result's Target,
// such as "OS Packages", is not a file). Severity is Trivy's own word (UNKNOWN stays unknown).
import type { FormatParser } from "../parser.js";
import { asNumber, asString, isRecord } from "../read.js";
import type { FindingDraft } from "./collect.js";
import { hashParts, normaliseForFingerprint } from "./fingerprint.js";
import { type Extracted, parseJsonReport, withOptional } from "./json-report.js";
import { severityFromWord } from "./severity.js";
import { firstChar, hasJsonKey } from "./sniff.js";

type Json = Record<string, unknown>;
const FORMAT = "trivy";

function records(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

/** OS package targets name an image ("alpine:3.10 (alpine 3.10.2)"), not a file in the repository. */
function fileOf(result: Json, resource: string | undefined): string | undefined {
  if (resource !== undefined) return resource;
  const target = asString(result.Target);
  if (target === undefined || result.Class === "os-pkgs") return undefined;
  if (result.Class === undefined && /\(.+\)\s*$/.test(target)) return undefined;
  return target;
}

function vulnerability(v: Json, file: string | undefined): FindingDraft {
  const id = asString(v.VulnerabilityID) ?? "unknown-vulnerability";
  const pkg = asString(v.PkgName) ?? "";
  const title = asString(v.Title) ?? asString(v.Description) ?? id;
  return withOptional(
    {
      rule: id,
      severity: severityFromWord(v.Severity),
      category: "vulnerability",
      message: pkg === "" ? title : `${pkg}: ${title}`,
      identity: [id, pkg, asString(v.PkgPath) ?? ""],
    },
    {
      file,
      package: pkg,
      version: asString(v.InstalledVersion),
      fixed_version: asString(v.FixedVersion),
      url: asString(v.PrimaryURL),
    },
  );
}

function misconfiguration(m: Json, file: string | undefined): FindingDraft {
  const cause = isRecord(m.CauseMetadata) ? m.CauseMetadata : {};
  const rule = asString(m.ID) ?? asString(m.AVDID) ?? "unknown-check";
  const text = asString(m.Message) ?? asString(m.Title) ?? rule;
  const title = asString(m.Title);
  return withOptional(
    {
      rule,
      severity: severityFromWord(m.Severity),
      category: "misconfiguration",
      message: title !== undefined && title !== text ? `${title}: ${text}` : text,
      identity: [normaliseForFingerprint(text)],
    },
    { file, line: asNumber(cause.StartLine), end_line: asNumber(cause.EndLine), url: asString(m.PrimaryURL) },
  );
}

function secret(s: Json, file: string | undefined): FindingDraft {
  const rule = asString(s.RuleID) ?? "secret";
  return withOptional(
    {
      rule,
      severity: severityFromWord(s.Severity),
      category: "secret",
      message: asString(s.Title) ?? rule,
      identity: [],
      dedupe: [hashParts([asString(s.Match) ?? ""])],
    },
    { file, line: asNumber(s.StartLine), end_line: asNumber(s.EndLine) },
  );
}

function license(l: Json, file: string | undefined): FindingDraft {
  const name = asString(l.Name) ?? "UNKNOWN";
  const pkg = asString(l.PkgName) ?? "";
  return withOptional(
    {
      rule: name,
      severity: severityFromWord(l.Severity),
      category: "license",
      message: pkg === "" ? `licence ${name}` : `${pkg}: licence ${name}`,
      identity: [pkg, name],
    },
    { file: asString(l.FilePath) || file, package: pkg, url: asString(l.Link) },
  );
}

function fromResult(result: Json, resource?: string): FindingDraft[] {
  const file = fileOf(result, resource);
  return [
    ...records(result.Vulnerabilities).map((v) => vulnerability(v, file)),
    ...records(result.Misconfigurations)
      .filter((m) => m.Status === undefined || m.Status === "FAIL")
      .map((m) => misconfiguration(m, file)),
    ...records(result.Secrets).map((s) => secret(s, file)),
    ...records(result.Licenses).map((l) => license(l, result.Class === "license" ? undefined : file)),
  ];
}

function fromResources(resources: unknown): FindingDraft[] {
  return records(resources).flatMap((r) => {
    const label = [asString(r.Namespace), asString(r.Kind), asString(r.Name)].filter((x) => x).join("/");
    return records(r.Results).flatMap((res) => fromResult(res, label || undefined));
  });
}

function extract(doc: unknown): Extracted {
  if (doc === null) return { ok: true, tool: "Trivy", drafts: [] };
  if (Array.isArray(doc))
    return { ok: true, tool: "Trivy", drafts: records(doc).flatMap((r) => fromResult(r)) };
  if (!isRecord(doc)) return { ok: false, reason: "not a Trivy report: expected an object with Results" };
  if (doc.ClusterName !== undefined) {
    const drafts = [doc.Vulnerabilities, doc.Misconfigurations, doc.Resources].flatMap(fromResources);
    return { ok: true, tool: "Trivy", drafts };
  }
  if (doc.Results !== undefined && !Array.isArray(doc.Results)) {
    return { ok: false, reason: 'not a Trivy report: "Results" is not an array' };
  }
  return { ok: true, tool: "Trivy", drafts: records(doc.Results).flatMap((r) => fromResult(r)) };
}

export const trivyParser: FormatParser = {
  format: FORMAT,
  kind: "security",
  sniff(head, path) {
    const c = firstChar(head);
    if (c === "{") {
      return (
        hasJsonKey(head, "SchemaVersion") ||
        (hasJsonKey(head, "ClusterName") &&
          /"(Vulnerabilities|Misconfigurations|Resources)"\s*:/.test(head)) ||
        (hasJsonKey(head, "Results") && hasJsonKey(head, "Target"))
      );
    }
    if (c === "[") return hasJsonKey(head, "Target") && /"(Vulnerabilities|Type)"\s*:/.test(head);
    return head.trim() === "null" && /trivy/i.test(path);
  },
  parse: (file, ctx) => parseJsonReport(file, ctx, FORMAT, extract),
};
