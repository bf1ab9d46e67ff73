// The sections shared by the PR comment and the check run, each at a chosen level of detail so the
// caller can degrade to fit GitHub's size limits: 2 = full, 1 = short lists, 0 = headline figures only.
import { plural } from "../gates/result.js";
import type { TopGateResult } from "../gates/types.js";
import type { Finding, TestCase } from "../reports/model.js";
import type { RenderInput } from "./context.js";
import { gateLabel, signedDelta, statusIcon, statusWord, withUnit } from "./format.js";
import { codeBlock, codeSpan, details, inline, table } from "./markdown.js";

export type Detail = 0 | 1 | 2;

const LIST_LIMIT: Record<Detail, number> = { 0: 0, 1: 5, 2: 25 };

export function gateTable(input: RenderInput, detail: Detail): string {
  const rows: string[][] = [];
  const visit = (g: TopGateResult) => {
    if (detail === 0 && g.status === "passed") return;
    rows.push([
      `${statusIcon(g.status, g.informational)} ${inline(gateLabel(g))}`,
      inline(statusWord(g.status, g.informational)),
      inline(withUnit(g.value, g.unit, g.threshold)),
      inline(g.threshold === undefined ? "—" : withUnit(g.threshold, g.unit)),
      inline(g.reason, 200),
    ]);
    if (detail === 2) {
      for (const child of g.children ?? []) {
        if (child.status === "skipped" && g.status !== "skipped") continue;
        rows.push([
          `↳ ${inline(child.gate, 80)}`,
          inline(statusWord(child.status, child.informational)),
          inline(withUnit(child.value, child.unit, child.threshold)),
          inline(child.threshold === undefined ? "—" : withUnit(child.threshold, child.unit)),
          inline(child.reason, 200),
        ]);
      }
    }
  };
  input.verdict.gates.forEach(visit);
  if (rows.length === 0) return "_Every gate passed._";
  return table(["Gate", "Result", "Value", "Threshold", "Why"], rows);
}

function caseName(c: TestCase): string {
  return c.classname ? `${c.classname}.${c.name}` : c.name;
}

export function testsSection(input: RenderInput, detail: Detail): string | undefined {
  const t = input.merged.tests;
  if (!t) return undefined;
  const { totals } = t;
  const flaky = t.cases.filter((c) => c.flaky).length;
  const lines = [
    `### Tests`,
    `**${totals.tests}** tests: ${totals.passed} passed, ${totals.failed} failed, ${plural(totals.errors, "error")}, ${totals.skipped} skipped${flaky ? ` · ${flaky} flaky (failed, then passed on a retry)` : ""}`,
  ];
  const failed = t.cases.filter((c) => c.status === "failed" || c.status === "error");
  // Passing cases are not stored, so the merged report's sources tell whether there were several.
  const severalLegs = t.source.includes(", ") || new Set(t.cases.map((c) => c.source)).size > 1;
  const limit = LIST_LIMIT[detail];
  if (failed.length > 0 && limit > 0) {
    const items = failed.slice(0, limit).map((c) => {
      const where = c.file ? ` — ${codeSpan(c.line ? `${c.file}:${c.line}` : c.file)}` : "";
      // Several report files (matrix legs, shards): say which one the failure came from.
      const leg = severalLegs && c.source ? ` · in ${codeSpan(c.source)}` : "";
      const msg = c.message || c.details;
      return `- **${inline(caseName(c), 200)}**${where}${leg}${msg ? `\n\n${indent(codeBlock(msg, detail === 2 ? 1_500 : 300))}` : ""}`;
    });
    if (failed.length > limit) items.push(`- … and ${failed.length - limit} more`);
    lines.push(details(`${failed.length} failed test${failed.length === 1 ? "" : "s"}`, items.join("\n")));
  }
  return lines.join("\n\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}

export function coverageSection(input: RenderInput, detail: Detail): string | undefined {
  const c = input.merged.coverage;
  if (!c) return undefined;
  const base = input.baseline?.merged.coverage;
  const delta =
    base && base.lines.total > 0
      ? ` (${signedDelta(c.lines.pct - base.lines.pct)} vs ${input.baseline?.sha.slice(0, 7)})`
      : "";
  const patch = input.verdict.gates.find((g) => g.gate === "coverage.patch");
  const lines = [
    `### Coverage`,
    `**${c.lines.pct.toFixed(2)} %** of lines covered (${c.lines.covered} / ${c.lines.total})${delta}` +
      (c.branches && c.branches.total > 0 ? ` · branches ${c.branches.pct.toFixed(2)} %` : "") +
      (patch && patch.value !== undefined ? ` · patch ${patch.value.toFixed(2)} %` : ""),
  ];
  const limit = LIST_LIMIT[detail];
  if (patch?.details?.kind === "patch" && limit > 0 && patch.details.uncovered.length > 0) {
    const rows = patch.details.uncovered
      .slice(0, limit)
      .map((u) => [codeSpan(u.path, 150).replace(/\|/g, "\\|"), inline(ranges(u.lines), 200)]);
    lines.push(details("Changed lines without coverage", table(["File", "Uncovered changed lines"], rows)));
  }
  if (detail === 2 && input.trend && input.trend.length >= 2) lines.push(trendChart(input.trend));
  return lines.join("\n\n");
}

/** "3-5, 9" from [3, 4, 5, 9]. */
export function ranges(lines: readonly number[]): string {
  const out: string[] = [];
  let start = lines[0];
  let prev = lines[0];
  for (const n of [...lines.slice(1), Number.NaN]) {
    if (prev !== undefined && n === prev + 1) {
      prev = n;
      continue;
    }
    if (start !== undefined && prev !== undefined) out.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = n;
    prev = n;
  }
  return out.join(", ");
}

function trendChart(trend: readonly { sha: string; pct: number }[]): string {
  const points = trend.slice(-20);
  const labels = points.map((p) => `"${p.sha.slice(0, 7)}"`).join(", ");
  const values = points.map((p) => p.pct.toFixed(2)).join(", ");
  return [
    "```mermaid",
    "xychart-beta",
    `  title "Line coverage on the base branch"`,
    `  x-axis [${labels}]`,
    `  y-axis "%" 0 --> 100`,
    `  line [${values}]`,
    "```",
  ].join("\n");
}

function findingLine(f: Finding): string {
  const where = f.file ? ` — ${codeSpan(f.line ? `${f.file}:${f.line}` : f.file)}` : "";
  const pkg = f.package ? ` in ${inline(f.package, 100)}${f.version ? ` ${inline(f.version, 50)}` : ""}` : "";
  return `- **${f.severity}** ${inline(f.rule, 120)}${pkg}${where}: ${inline(f.message, 300)}`;
}

export function securitySection(input: RenderInput, detail: Detail): string | undefined {
  const s = input.merged.security;
  if (!s) return undefined;
  const c = s.counts;
  const lines = [
    `### Security`,
    `${inline(s.tool, 200)}: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low${s.secrets ? ` · ${s.secrets} leaked secret${s.secrets === 1 ? "" : "s"}` : ""}`,
  ];
  const gate = input.verdict.gates.find((g) => g.gate === "security");
  const limit = LIST_LIMIT[detail];
  if (gate?.details?.kind === "findings" && limit > 0) {
    const { new: fresh, existing, fixed } = gate.details;
    const rank = (f: Finding) => ["critical", "high", "medium", "low", "info", "unknown"].indexOf(f.severity);
    const sorted = (list: readonly Finding[]) => [...list].sort((a, b) => rank(a) - rank(b));
    if (fresh.length > 0) {
      const items = sorted(fresh).slice(0, limit).map(findingLine);
      if (fresh.length > limit) items.push(`- … and ${fresh.length - limit} more`);
      const title = gate.details.compared ? "New findings" : "Findings";
      lines.push(details(`${title} (${fresh.length})`, items.join("\n"), detail === 2));
    }
    if (existing.length > 0) {
      const items = sorted(existing).slice(0, limit).map(findingLine);
      if (existing.length > limit) items.push(`- … and ${existing.length - limit} more`);
      lines.push(details(`Already on the base commit (${existing.length})`, items.join("\n")));
    }
    if (fixed.length > 0)
      lines.push(`${fixed.length} finding${fixed.length === 1 ? "" : "s"} of the base commit fixed.`);
  }
  return lines.join("\n\n");
}

export function performanceSection(input: RenderInput, detail: Detail): string | undefined {
  const p = input.merged.performance;
  if (!p) return undefined;
  const base = input.baseline?.merged.performance;
  const rows: string[][] = [];
  const metric = (label: string, value: number | undefined, baseValue: number | undefined, unit: string) => {
    if (value === undefined) return;
    const fmt = (v: number) => (unit === "%" ? `${(v * 100).toFixed(2)} %` : `${v.toFixed(1)} ${unit}`);
    rows.push([label, fmt(value), baseValue === undefined ? "—" : fmt(baseValue)]);
  };
  metric("p95 latency", p.metrics.p95_ms, base?.metrics.p95_ms, "ms");
  metric("error rate", p.metrics.error_rate, base?.metrics.error_rate, "%");
  metric("throughput", p.metrics.rps, base?.metrics.rps, "req/s");
  const limit = LIST_LIMIT[detail];
  const baseBench = new Map((base?.benchmarks ?? []).map((b) => [b.name, b.mean_ms]));
  for (const b of p.benchmarks.slice(0, limit)) {
    const was = baseBench.get(b.name);
    rows.push([
      inline(b.name, 120),
      `${b.mean_ms.toFixed(3)} ms`,
      was === undefined ? "—" : `${was.toFixed(3)} ms`,
    ]);
  }
  if (rows.length === 0) return undefined;
  return [`### Performance`, table(["Metric", "This commit", "Base"], rows, ["l", "r", "r"])].join("\n\n");
}

export function problemsSection(input: RenderInput, detail: Detail): string | undefined {
  const items = [
    ...input.problems.map((p) => ({ where: p.path ?? p.artifact, reason: p.reason })),
    ...input.merged.unreadable.map((u) => ({ where: u.source, reason: u.reason })),
  ];
  if (items.length === 0) return undefined;
  const limit = Math.max(3, LIST_LIMIT[detail]);
  const lines = items.slice(0, limit).map((i) => `- ${codeSpan(i.where)}: ${inline(i.reason, 300)}`);
  if (items.length > limit) lines.push(`- … and ${items.length - limit} more`);
  return details(
    `⚠️ ${items.length} file${items.length === 1 ? "" : "s"} could not be read`,
    lines.join("\n"),
    true,
  );
}

export function runsLine(input: RenderInput): string {
  const links = input.runs.map((r) => (r.url ? `[${inline(r.name, 80)}](${r.url})` : inline(r.name, 80)));
  const pending =
    input.pending.length > 0 ? ` · waiting for: ${input.pending.map((n) => inline(n, 80)).join(", ")}` : "";
  return `<sub>Commit ${input.sha.slice(0, 7)}${baselineText(input)}${links.length ? ` · runs: ${links.join(", ")}` : ""}${pending}</sub>`;
}

function baselineText(input: RenderInput): string {
  const note = input.verdict.baseline?.note;
  if (!input.baseline) return " · no base commit to compare with";
  return ` · compared with ${input.baseline.sha.slice(0, 7)}${note ? ` (${inline(note, 200)})` : ""}`;
}
