// Short defaults for gate tests (after kodiak's test factories): each builder gives a healthy report and
// takes only what a case changes.
import type { TollgateConfig } from "../../src/config/schema.js";
import { validateConfig } from "../../src/config/validate.js";
import type { Baseline, GateInput } from "../../src/gates/types.js";
import {
  type Benchmark,
  type ComplexityBlock,
  type ComplexityReport,
  type CoverageReport,
  emptySeverityCounts,
  type FileCoverage,
  type Finding,
  type LicensePackage,
  type LicenseReport,
  type MergedReports,
  type PerfMetrics,
  type PerformanceReport,
  ratio,
  type SecurityReport,
  type Severity,
  type TestCase,
  type TestReport,
  type UnreadableReport,
} from "../../src/reports/model.js";

/** A config from a partial raw YAML-like object, validated like a real file. */
export function config(raw: Record<string, unknown> = {}): TollgateConfig {
  const result = validateConfig([{ config: raw }]);
  if (!result.ok) throw new Error(`bad test config: ${JSON.stringify(result.errors)}`);
  return result.config;
}

export function testsReport(
  totals: { passed?: number; failed?: number; errors?: number; skipped?: number } = {},
  cases: TestCase[] = [],
): TestReport {
  const passed = totals.passed ?? 10;
  const failed = totals.failed ?? 0;
  const errors = totals.errors ?? 0;
  const skipped = totals.skipped ?? 0;
  return {
    kind: "tests",
    format: "junit",
    source: "junit.xml",
    totals: { tests: passed + failed + errors + skipped, passed, failed, errors, skipped, duration_ms: 100 },
    cases,
  };
}

export function fileCoverage(path: string, covered: number[], missing: number[] = []): FileCoverage {
  return { path, lines: ratio(covered.length, covered.length + missing.length), missing, covered };
}

/** Coverage with the given totals, or summed from `files` when totals are not given. */
export function coverageReport(covered: number, total: number, files: FileCoverage[] = []): CoverageReport {
  return {
    kind: "coverage",
    format: "cobertura",
    source: "coverage.xml",
    lines: ratio(covered, total),
    files,
  };
}

export function coverageOf(files: FileCoverage[]): CoverageReport {
  const covered = files.reduce((sum, file) => sum + file.lines.covered, 0);
  const total = files.reduce((sum, file) => sum + file.lines.total, 0);
  return coverageReport(covered, total, files);
}

let findingCounter = 0;
export function finding(severity: Severity, overrides: Partial<Finding> = {}): Finding {
  findingCounter++;
  return {
    rule: `RULE-${findingCounter}`,
    severity,
    message: `${severity} finding`,
    fingerprint: `fp-${findingCounter}`,
    ...overrides,
  };
}

export function securityReport(findings: Finding[] = []): SecurityReport {
  const counts = emptySeverityCounts();
  for (const item of findings) counts[item.severity]++;
  return {
    kind: "security",
    format: "sarif",
    tool: "Trivy",
    source: "trivy.sarif",
    counts,
    secrets: findings.filter((item) => item.category === "secret").length,
    findings,
  };
}

export function perfReport(
  metrics: PerfMetrics = { p95_ms: 100, error_rate: 0 },
  benchmarks: Benchmark[] = [],
): PerformanceReport {
  return { kind: "performance", format: "k6", source: "summary.json", metrics, benchmarks };
}

export function bench(name: string, mean_ms: number): Benchmark {
  return { name, mean_ms };
}

export function licenseReport(packages: LicensePackage[]): LicenseReport {
  return { kind: "licenses", format: "license-checker", source: "licenses.json", packages };
}

export function complexityReport(blocks: ComplexityBlock[]): ComplexityReport {
  const max = Math.max(0, ...blocks.map((block) => block.complexity));
  const average =
    blocks.length === 0 ? 0 : blocks.reduce((sum, block) => sum + block.complexity, 0) / blocks.length;
  return { kind: "complexity", format: "radon", source: "radon.json", max, average, blocks };
}

export function unreadableReport(source: string, reason: string, format?: string): UnreadableReport {
  return format === undefined
    ? { kind: "unreadable", source, reason }
    : { kind: "unreadable", source, reason, format };
}

export function merged(reports: Partial<MergedReports> = {}): MergedReports {
  return { unreadable: [], ...reports };
}

export function baseline(reports: Partial<MergedReports> = {}, note?: string): Baseline {
  const base: Baseline = { sha: "b".repeat(40), merged: merged(reports) };
  if (note !== undefined) base.note = note;
  return base;
}

export function gateInput(overrides: Partial<GateInput> = {}): GateInput {
  return { merged: merged(), baseline: undefined, config: config(), extras: {}, ...overrides };
}
