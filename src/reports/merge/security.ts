// Merging security reports: findings de-duplicated by fingerprint across reports (two scanners or two legs
// reporting the same thing count once). When duplicates disagree on severity the most severe one is kept,
// at the position of the first. Counts and the secret count are recomputed from what remains; `tool` names
// every distinct tool, joined with ", ".
import type { Finding, SecurityReport } from "../model.js";
import { emptySeverityCounts, SEVERITIES } from "../model.js";
import { mergedNames } from "./names.js";

const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);

export function mergeSecurity(reports: readonly SecurityReport[]): SecurityReport {
  const byFingerprint = new Map<string, Finding>();
  for (const r of reports) {
    for (const f of r.findings) {
      const seen = byFingerprint.get(f.fingerprint);
      if (!seen) byFingerprint.set(f.fingerprint, { ...f });
      else if (rank(f) < rank(seen)) byFingerprint.set(f.fingerprint, { ...f });
    }
  }
  const findings = [...byFingerprint.values()];
  const counts = emptySeverityCounts();
  for (const f of findings) counts[f.severity] += 1;
  return {
    kind: "security",
    ...mergedNames(reports),
    tool: [...new Set(reports.map((r) => r.tool))].join(", "),
    counts,
    secrets: findings.filter((f) => f.category === "secret").length,
    findings,
  };
}
