// What one commit produced across its artifacts and matrix jobs, merged per kind: the input of the gates.
// Pure: the input is not mutated and the result shares no objects with it. Paths are expected already
// normalised by the caller (same file, same path). A kind found in a single report is returned as it is
// (a copy); the merge rules for several reports live in merge/<kind>.ts, each with its reasons.

import { mergeComplexity } from "./merge/complexity.js";
import { mergeCoverage } from "./merge/coverage.js";
import { mergeLicenses } from "./merge/licenses.js";
import { mergePerformance } from "./merge/performance.js";
import { mergeSecurity } from "./merge/security.js";
import { mergeTests } from "./merge/tests.js";
import type {
  ComplexityReport,
  CoverageReport,
  LicenseReport,
  MergedReports,
  PerformanceReport,
  Report,
  SecurityReport,
  TestReport,
} from "./model.js";

function combine<T>(reports: readonly T[], merge: (reports: readonly T[]) => T): T | undefined {
  if (reports.length === 0) return undefined;
  const [only] = reports;
  return reports.length === 1 && only !== undefined ? structuredClone(only) : merge(reports);
}

export function mergeReports(reports: readonly Report[]): MergedReports {
  const tests: TestReport[] = [];
  const coverage: CoverageReport[] = [];
  const security: SecurityReport[] = [];
  const performance: PerformanceReport[] = [];
  const licenses: LicenseReport[] = [];
  const complexity: ComplexityReport[] = [];
  const out: MergedReports = { unreadable: [] };
  for (const r of reports) {
    switch (r.kind) {
      case "tests":
        tests.push(r);
        break;
      case "coverage":
        coverage.push(r);
        break;
      case "security":
        security.push(r);
        break;
      case "performance":
        performance.push(r);
        break;
      case "licenses":
        licenses.push(r);
        break;
      case "complexity":
        complexity.push(r);
        break;
      case "unreadable":
        out.unreadable.push({ ...r });
        break;
    }
  }
  const mergedTests = combine(tests, mergeTests);
  if (mergedTests) out.tests = mergedTests;
  const mergedCoverage = combine(coverage, mergeCoverage);
  if (mergedCoverage) out.coverage = mergedCoverage;
  const mergedSecurity = combine(security, mergeSecurity);
  if (mergedSecurity) out.security = mergedSecurity;
  const mergedPerformance = combine(performance, mergePerformance);
  if (mergedPerformance) out.performance = mergedPerformance;
  const mergedLicenses = combine(licenses, mergeLicenses);
  if (mergedLicenses) out.licenses = mergedLicenses;
  const mergedComplexity = combine(complexity, mergeComplexity);
  if (mergedComplexity) out.complexity = mergedComplexity;
  return out;
}
