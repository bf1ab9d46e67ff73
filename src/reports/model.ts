// The normalised report model: what every parser returns and what `tollgate parse --json` prints.
// Shapes follow the contract in DESIGN.md ("Normalised report model"); change them only deliberately.

export type ReportKind = "tests" | "coverage" | "security" | "performance" | "licenses" | "complexity";

export type TestStatus = "passed" | "failed" | "error" | "skipped";

export interface TestCase {
  name: string;
  classname?: string;
  file?: string;
  line?: number;
  status: TestStatus;
  message?: string;
  /** Longer failure text (stack trace, assertion diff), already bounded in size by the parser. */
  details?: string;
  duration_ms?: number;
  /** Set when the case failed at least once and then passed on a rerun (surefire flakyFailure, retries). */
  flaky?: boolean;
  /** Name of the suite the case was found in. */
  suite?: string;
  /**
   * Report file the case came from; set by mergeReports when it merges several test reports, so the same case
   * from several matrix legs stays apart ("failed on 1 of 3 legs"). Absent in a single parser's output.
   */
  source?: string;
}

export interface TestTotals {
  tests: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  duration_ms: number;
}

export interface TestReport {
  kind: "tests";
  format: string;
  source: string;
  totals: TestTotals;
  cases: TestCase[];
}

export interface Ratio {
  covered: number;
  total: number;
  /** covered / total × 100, unrounded; 0 when total is 0 (callers look at `total` to tell "no data"). */
  pct: number;
}

export interface FileCoverage {
  path: string;
  lines: Ratio;
  branches?: Ratio;
  /** Uncovered executable line numbers, ascending. */
  missing: number[];
  /** Covered executable line numbers, ascending (needed to merge coverage at line level). */
  covered?: number[];
}

export interface CoverageReport {
  kind: "coverage";
  format: string;
  source: string;
  lines: Ratio;
  branches?: Ratio;
  files: FileCoverage[];
}

export type Severity = "critical" | "high" | "medium" | "low" | "info" | "unknown";
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info", "unknown"];

export type SeverityCounts = Record<Severity, number>;

export interface Finding {
  rule: string;
  severity: Severity;
  /** "vulnerability" for code/dependency issues, "secret" for leaked credentials. */
  category?: "vulnerability" | "secret" | "misconfiguration" | "license" | "quality";
  file?: string;
  line?: number;
  end_line?: number;
  message: string;
  /** Package coordinates for dependency findings. */
  package?: string;
  version?: string;
  fixed_version?: string;
  url?: string;
  /** Stable across commits: the same finding in two commits has the same fingerprint. */
  fingerprint: string;
}

export interface SecurityReport {
  kind: "security";
  format: string;
  tool: string;
  source: string;
  counts: SeverityCounts;
  /** Number of findings whose category is "secret" (also included in counts). */
  secrets?: number;
  findings: Finding[];
}

export interface PerfMetrics {
  p95_ms?: number;
  p50_ms?: number;
  p99_ms?: number;
  avg_ms?: number;
  max_ms?: number;
  error_rate?: number;
  rps?: number;
  requests?: number;
}

export interface Benchmark {
  name: string;
  /** Mean time per iteration in milliseconds. */
  mean_ms: number;
  median_ms?: number;
  min_ms?: number;
  max_ms?: number;
  stddev_ms?: number;
  ops?: number;
  rounds?: number;
}

export interface PerformanceReport {
  kind: "performance";
  format: string;
  source: string;
  metrics: PerfMetrics;
  benchmarks: Benchmark[];
}

export interface LicensePackage {
  name: string;
  version?: string;
  /** SPDX identifier or expression as reported; "UNKNOWN" when the tool could not tell. */
  license: string;
}

export interface LicenseReport {
  kind: "licenses";
  format: string;
  source: string;
  packages: LicensePackage[];
}

export interface ComplexityBlock {
  file: string;
  name: string;
  line?: number;
  complexity: number;
  rank?: string;
}

export interface ComplexityReport {
  kind: "complexity";
  format: string;
  source: string;
  max: number;
  average: number;
  blocks: ComplexityBlock[];
}

export interface UnreadableReport {
  kind: "unreadable";
  source: string;
  reason: string;
  /** The format we believe it was, when detection got that far. */
  format?: string;
}

export type ParsedReport =
  | TestReport
  | CoverageReport
  | SecurityReport
  | PerformanceReport
  | LicenseReport
  | ComplexityReport;

export type Report = ParsedReport | UnreadableReport;

export function ratio(covered: number, total: number): Ratio {
  return { covered, total, pct: total === 0 ? 0 : (covered / total) * 100 };
}

export function emptySeverityCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };
}

export function unreadable(source: string, reason: string, format?: string): UnreadableReport {
  return format === undefined
    ? { kind: "unreadable", source, reason }
    : { kind: "unreadable", source, reason, format };
}

/**
 * Everything one commit produced, merged per kind (see merge.ts): the input of the gates.
 * A kind is absent when no report of that kind was found. Merged reports keep the normal shapes;
 * their `format` names the formats merged ("junit" or "junit+trx") and `source` the files, comma-separated.
 */
export interface MergedReports {
  tests?: TestReport;
  coverage?: CoverageReport;
  security?: SecurityReport;
  performance?: PerformanceReport;
  licenses?: LicenseReport;
  complexity?: ComplexityReport;
  /** Files that could not be read, with why; shown to the user, never fatal. */
  unreadable: UnreadableReport[];
}
