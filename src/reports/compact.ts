// What is worth storing of a report: everything the gates and renderers read, minus the bulk they do
// not (passing test cases of a 200,000-case suite). Counts are kept, so totals stay exact.
import type { Report } from "./model.js";

export function compactReport(report: Report): Report {
  if (report.kind !== "tests") return report;
  return {
    ...report,
    cases: report.cases.filter((c) => c.status === "failed" || c.status === "error" || c.flaky),
  };
}
