// Security findings: counts of the commit against the caps (critical, high, medium, secrets), one child
// per cap. Findings are split into new and existing by fingerprint against the base commit, so a
// reviewer sees what this change brought in. Low, info and unknown severities are listed, never capped.
import type { Finding, SecurityReport } from "../reports/model.js";
import { absent } from "./required.js";
import { atMost, isInformational, plural, statusOf } from "./result.js";
import type { GateInput, GateResult } from "./types.js";

export function secretCount(report: SecurityReport): number {
  return report.secrets ?? report.findings.filter((finding) => finding.category === "secret").length;
}

function split(head: readonly Finding[], base: readonly Finding[] | undefined) {
  if (base === undefined) return { compared: false, new: [...head], existing: [], fixed: [] };
  const before = new Set(base.map((finding) => finding.fingerprint));
  const now = new Set(head.map((finding) => finding.fingerprint));
  return {
    compared: true,
    new: head.filter((finding) => !before.has(finding.fingerprint)),
    existing: head.filter((finding) => before.has(finding.fingerprint)),
    fixed: base.filter((finding) => !now.has(finding.fingerprint)),
  };
}

export function securityGate(input: GateInput): GateResult {
  const report = input.merged.security;
  if (report === undefined) return absent("security", "security", input);
  const informational = isInformational(input.config, "security");
  const caps = input.config.gates.security;
  const measured: [string, number, number][] = [
    ["critical", report.counts.critical, caps.max_critical],
    ["high", report.counts.high, caps.max_high],
    ["medium", report.counts.medium, caps.max_medium],
    ["secrets", secretCount(report), caps.max_secrets],
  ];
  const label = (name: string, value: number) =>
    name === "secrets" ? plural(value, "leaked secret") : `${value} ${name}`;
  const children: GateResult[] = measured.map(([name, value, limit]) => {
    const ok = atMost(value, limit);
    return {
      gate: name,
      status: ok ? "passed" : "failed",
      informational,
      value,
      threshold: limit,
      unit: "count",
      reason: `${label(name, value)}${ok ? ` (at most ${limit})` : `, more than the ${limit} allowed`}`,
    };
  });
  const baseReport = input.baseline?.merged.security;
  const findings = split(report.findings, baseReport?.findings);
  const over = measured.filter(([, value, limit]) => !atMost(value, limit));
  const newNote = findings.compared ? `; ${findings.new.length} new since the base commit` : "";
  const reason =
    over.length > 0
      ? `${over.map(([name, value, limit]) => `${label(name, value)} (max ${limit})`).join(", ")}${newNote}`
      : `within the caps: ${measured.map(([name, value]) => label(name, value)).join(", ")}${newNote}`;
  return {
    gate: "security",
    status: statusOf(children),
    informational,
    reason,
    children,
    details: { kind: "findings", ...findings },
  };
}
