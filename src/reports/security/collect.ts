// Turns the findings a parser read into a SecurityReport: clips text, drops exact duplicates,
// gives every finding a stable fingerprint and counts by severity.
//
// Fingerprint recipe (stable across commits, never the line number):
//   sha256(tool lower-cased, rule, file, ...identity) where `identity` is what the parser says the finding is —
//   SARIF partialFingerprints/fingerprints, else the code snippet, else the message (normalised: lower case,
//   digits → "#", whitespace collapsed); for dependency findings the advisory id + package (+ manifest file).
//   Findings that share all of that (the same snippet twice in one file) are told apart by their order of
//   position in the file: the second gets "#2" mixed in, and so on.
// Duplicates: findings equal in fingerprint parts, line, end line and exact message (or the parser's `dedupe`
//   parts instead of the message, e.g. a secret's hash, never stored) are one finding — the same result written
//   twice counts once.
import type { Finding, SecurityReport, Severity } from "../model.js";
import { emptySeverityCounts } from "../model.js";
import type { ParseContext } from "../parser.js";
import { clip } from "../read.js";
import { hashParts } from "./fingerprint.js";

export interface FindingDraft {
  rule: string;
  severity: Severity;
  category?: Finding["category"];
  file?: string;
  line?: number;
  end_line?: number;
  message: string;
  package?: string;
  version?: string;
  fixed_version?: string;
  url?: string;
  /** What this finding is, beyond tool + rule + file (already normalised by the parser where needed). */
  identity: readonly string[];
  /** What decides whether two drafts at one place are the same finding (never stored); default: the exact message. */
  dedupe?: readonly string[];
}

export interface ReportHeader {
  format: string;
  tool: string;
  source: string;
}

function positiveInt(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

function toFinding(d: FindingDraft, max: number, fingerprint: string): Finding {
  const f: Finding = {
    rule: clip(d.rule, max),
    severity: d.severity,
    message: clip(d.message, max),
    fingerprint,
  };
  if (d.category !== undefined) f.category = d.category;
  if (d.file !== undefined && d.file !== "") f.file = clip(d.file, max);
  const line = positiveInt(d.line);
  if (line !== undefined) f.line = line;
  const end = positiveInt(d.end_line);
  if (end !== undefined && line !== undefined && end >= line) f.end_line = end;
  if (d.package !== undefined) f.package = clip(d.package, max);
  if (d.version !== undefined) f.version = clip(d.version, max);
  if (d.fixed_version !== undefined) f.fixed_version = clip(d.fixed_version, max);
  if (d.url !== undefined) f.url = clip(d.url, max);
  return f;
}

export function buildReport(
  header: ReportHeader,
  drafts: readonly FindingDraft[],
  ctx: ParseContext,
): SecurityReport {
  const max = ctx.limits.maxTextChars;
  const tool = header.tool.toLowerCase();
  const seen = new Set<string>();
  const groups = new Map<string, { draft: FindingDraft; index: number }[]>();
  let index = 0;
  for (const d of drafts) {
    const base = hashParts([tool, d.rule, d.file ?? "", ...d.identity]);
    const dupKey = hashParts([
      base,
      String(d.line ?? ""),
      String(d.end_line ?? ""),
      ...(d.dedupe ?? [d.message]),
    ]);
    if (seen.has(dupKey)) continue;
    seen.add(dupKey);
    const group = groups.get(base) ?? [];
    group.push({ draft: d, index: index++ });
    groups.set(base, group);
  }
  const out: { finding: Finding; index: number }[] = [];
  for (const [base, group] of groups) {
    const ordered = [...group].sort(
      (a, b) =>
        (a.draft.line ?? 0) - (b.draft.line ?? 0) ||
        (a.draft.end_line ?? 0) - (b.draft.end_line ?? 0) ||
        a.index - b.index,
    );
    ordered.forEach((g, n) => {
      const fp = n === 0 ? base : hashParts([base, `#${n + 1}`]);
      out.push({ finding: toFinding(g.draft, max, fp), index: g.index });
    });
  }
  out.sort((a, b) => a.index - b.index);
  const findings = out.map((o) => o.finding);
  const counts = emptySeverityCounts();
  let secrets = 0;
  for (const f of findings) {
    counts[f.severity] += 1;
    if (f.category === "secret") secrets += 1;
  }
  return {
    kind: "security",
    format: header.format,
    tool: header.tool,
    source: header.source,
    counts,
    secrets,
    findings,
  };
}
