// Merging test reports of one commit (several workflows, matrix legs).
// Totals add up and cases are concatenated, each tagged with the report it came from (`source`), so a case
// that failed on one leg and passed on another stays visible as exactly that: its failure counts (a
// Windows-only failure is a real failure) and the renderer can say "failed on 1 of 3 legs".
// Merging never marks a case `flaky`: flakiness needs a retry on the same leg, which only the leg's own
// report can show (surefire flakyFailure, pytest-rerunfailures), and its parser sets `flaky` then.
import type { TestCase, TestReport, TestTotals } from "../model.js";
import { mergedNames } from "./names.js";

function addTotals(a: TestTotals, b: TestTotals): TestTotals {
  return {
    tests: a.tests + b.tests,
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    errors: a.errors + b.errors,
    skipped: a.skipped + b.skipped,
    duration_ms: a.duration_ms + b.duration_ms,
  };
}

const ZERO: TestTotals = { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0, duration_ms: 0 };

export function mergeTests(reports: readonly TestReport[]): TestReport {
  const cases: TestCase[] = [];
  for (const r of reports) for (const c of r.cases) cases.push({ ...c, source: c.source ?? r.source });
  return {
    kind: "tests",
    ...mergedNames(reports),
    totals: reports.reduce((t, r) => addTotals(t, r.totals), ZERO),
    cases,
  };
}

/** The same test (classname + name + file) as seen across legs. */
export interface CaseAcrossLegs {
  key: string;
  name: string;
  classname?: string;
  file?: string;
  /** Sources (legs) where it failed or errored, in report order. */
  failedOn: string[];
  /** Every source (leg) where it ran or was skipped. */
  seenOn: string[];
}

export function caseKey(c: Pick<TestCase, "classname" | "name" | "file">): string {
  return JSON.stringify([c.classname ?? "", c.name, c.file ?? ""]);
}

/** Groups a merged report's cases by test, for "failed on 1 of 3 legs". Only tests that failed somewhere. */
export function failuresAcrossLegs(report: TestReport): CaseAcrossLegs[] {
  const byKey = new Map<string, CaseAcrossLegs>();
  for (const c of report.cases) {
    const key = caseKey(c);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key, name: c.name, failedOn: [], seenOn: [] };
      if (c.classname !== undefined) entry.classname = c.classname;
      if (c.file !== undefined) entry.file = c.file;
      byKey.set(key, entry);
    }
    const leg = c.source ?? report.source;
    if (!entry.seenOn.includes(leg)) entry.seenOn.push(leg);
    if ((c.status === "failed" || c.status === "error") && !entry.failedOn.includes(leg))
      entry.failedOn.push(leg);
  }
  return [...byKey.values()].filter((e) => e.failedOn.length > 0);
}
