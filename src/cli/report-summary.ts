// The human-readable text of `tollgate parse`: one block per report with its key figures. Text taken from
// reports (names, messages) is untrusted: control characters are replaced so it cannot move the cursor,
// change colours or fake lines on the user's terminal.
import type {
  ComplexityReport,
  CoverageReport,
  LicenseReport,
  PerformanceReport,
  Ratio,
  Report,
  SecurityReport,
  TestReport,
} from "../reports/model.js";
import { SEVERITIES } from "../reports/model.js";

/** How many failed tests / findings / blocks are listed under each report. */
export const LISTED_ITEMS = 5;
const MAX_LINE_CHARS = 160;

export function terminalSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  return flat.length > MAX_LINE_CHARS ? `${flat.slice(0, MAX_LINE_CHARS - 1)}…` : flat;
}

function pct(r: Ratio): string {
  return r.total === 0 ? "no data" : `${r.pct.toFixed(2)}% (${r.covered}/${r.total})`;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function more(shown: number, total: number, what: string): string[] {
  return total > shown ? [`  … and ${total - shown} more ${what}`] : [];
}

function testLines(r: TestReport): string[] {
  const t = r.totals;
  const lines = [
    `  ${t.tests} tests: ${t.passed} passed, ${t.failed} failed, ${t.errors} errors, ${t.skipped} skipped · ${seconds(t.duration_ms)}`,
  ];
  const bad = r.cases.filter((c) => c.status === "failed" || c.status === "error");
  for (const c of bad.slice(0, LISTED_ITEMS)) {
    const name = c.classname ? `${c.classname} › ${c.name}` : c.name;
    const message = c.message ? `: ${c.message}` : "";
    lines.push(`  ✗ ${terminalSafe(`${name}${message}`)}`);
  }
  return [...lines, ...more(LISTED_ITEMS, bad.length, "failed")];
}

function coverageLines(r: CoverageReport): string[] {
  const branches = r.branches ? ` · branches ${pct(r.branches)}` : "";
  return [`  lines ${pct(r.lines)}${branches} · ${r.files.length} files`];
}

function securityLines(r: SecurityReport): string[] {
  const counts = SEVERITIES.filter((s) => r.counts[s] > 0).map((s) => `${r.counts[s]} ${s}`);
  const secrets = r.secrets ? ` · ${r.secrets} secrets` : "";
  const lines = [`  ${r.findings.length} findings${counts.length ? `: ${counts.join(", ")}` : ""}${secrets}`];
  const ranked = [...r.findings].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  );
  for (const f of ranked.slice(0, LISTED_ITEMS)) {
    const at = f.file ? ` ${f.file}${f.line ? `:${f.line}` : ""}` : f.package ? ` ${f.package}` : "";
    lines.push(`  ${f.severity} ${terminalSafe(`${f.rule}${at}`)}`);
  }
  return [...lines, ...more(LISTED_ITEMS, ranked.length, "findings")];
}

function performanceLines(r: PerformanceReport): string[] {
  const m = r.metrics;
  const parts: string[] = [];
  for (const key of ["p50_ms", "p95_ms", "p99_ms", "avg_ms", "max_ms"] as const) {
    const v = m[key];
    if (v !== undefined) parts.push(`${key.replace("_ms", "")} ${v.toFixed(1)} ms`);
  }
  if (m.error_rate !== undefined) parts.push(`error rate ${(m.error_rate * 100).toFixed(2)}%`);
  if (m.rps !== undefined) parts.push(`${m.rps.toFixed(1)} rps`);
  if (m.requests !== undefined) parts.push(`${m.requests} requests`);
  const lines = parts.length ? [`  ${parts.join(" · ")}`] : [];
  lines.push(`  ${r.benchmarks.length} benchmarks`);
  for (const b of r.benchmarks.slice(0, LISTED_ITEMS))
    lines.push(`  ${terminalSafe(b.name)}: ${b.mean_ms} ms mean`);
  return [...lines, ...more(LISTED_ITEMS, r.benchmarks.length, "benchmarks")];
}

function licenseLines(r: LicenseReport): string[] {
  const byLicense = new Map<string, number>();
  for (const p of r.packages) byLicense.set(p.license, (byLicense.get(p.license) ?? 0) + 1);
  const top = [...byLicense].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8);
  const list = top.map(([license, n]) => `${terminalSafe(license)} ${n}`).join(", ");
  return [`  ${r.packages.length} packages${list ? `: ${list}` : ""}`];
}

function complexityLines(r: ComplexityReport): string[] {
  const lines = [`  max ${r.max} · average ${r.average.toFixed(2)} · ${r.blocks.length} blocks`];
  const worst = [...r.blocks].sort((a, b) => b.complexity - a.complexity).slice(0, LISTED_ITEMS);
  for (const b of worst)
    lines.push(`  ${b.complexity} ${terminalSafe(`${b.name} ${b.file}${b.line ? `:${b.line}` : ""}`)}`);
  return lines;
}

function header(r: Report): string {
  const format = r.format ? ` · ${r.format}` : "";
  const tool = r.kind === "security" ? ` (${terminalSafe(r.tool)})` : "";
  return `${r.kind}${format}${tool} · ${terminalSafe(r.source)}`;
}

function body(r: Report): string[] {
  switch (r.kind) {
    case "tests":
      return testLines(r);
    case "coverage":
      return coverageLines(r);
    case "security":
      return securityLines(r);
    case "performance":
      return performanceLines(r);
    case "licenses":
      return licenseLines(r);
    case "complexity":
      return complexityLines(r);
    case "unreadable":
      return [`  ${terminalSafe(r.reason)}`];
  }
}

/** The whole text output: a block per report, then a one-line tally. */
export function renderSummary(reports: readonly Report[]): string {
  if (reports.length === 0) return "no reports found\n";
  const blocks = reports.map((r) => [header(r), ...body(r)].join("\n"));
  const bad = reports.filter((r) => r.kind === "unreadable").length;
  const tally = `${reports.length} report${reports.length === 1 ? "" : "s"}${bad ? ` (${bad} unreadable)` : ""}`;
  return `${blocks.join("\n\n")}\n\n${tally}\n`;
}
