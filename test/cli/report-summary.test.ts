import { describe, expect, it } from "vitest";
import { renderSummary, terminalSafe } from "../../src/cli/report-summary.js";
import type { Report } from "../../src/reports/model.js";
import { emptySeverityCounts, ratio } from "../../src/reports/model.js";

describe("renderSummary", () => {
  it("gives each kind its key figures", () => {
    const reports: Report[] = [
      {
        kind: "tests",
        format: "junit",
        source: "junit.xml",
        totals: { tests: 3, passed: 1, failed: 1, errors: 1, skipped: 0, duration_ms: 1234 },
        cases: [
          { name: "ok", status: "passed" },
          { name: "t1", classname: "mod", status: "failed", message: "assert 1 == 2\nstack" },
          { name: "t2", status: "error" },
        ],
      },
      {
        kind: "coverage",
        format: "lcov",
        source: "lcov.info",
        lines: ratio(720, 1000),
        branches: ratio(0, 0),
        files: [{ path: "a.ts", lines: ratio(720, 1000), missing: [] }],
      },
      {
        kind: "security",
        format: "sarif",
        tool: "Trivy",
        source: "t.sarif",
        counts: { ...emptySeverityCounts(), high: 1, low: 1 },
        findings: [
          { rule: "low-rule", severity: "low", message: "m", fingerprint: "1" },
          { rule: "CVE-1", severity: "high", file: "req.txt", line: 3, message: "m", fingerprint: "2" },
        ],
      },
      {
        kind: "performance",
        format: "k6",
        source: "k6.json",
        metrics: { p95_ms: 420.5, error_rate: 0.002, rps: 180.2 },
        benchmarks: [],
      },
      {
        kind: "licenses",
        format: "license-checker",
        source: "l.json",
        packages: [
          { name: "a", license: "MIT" },
          { name: "b", license: "MIT" },
          { name: "c", license: "GPL-3.0-only" },
        ],
      },
      {
        kind: "complexity",
        format: "radon",
        source: "cc.json",
        max: 12,
        average: 3.5,
        blocks: [{ file: "a.py", name: "f", line: 4, complexity: 12 }],
      },
      { kind: "unreadable", source: "broken.xml", reason: "XML not well-formed at line 3", format: "junit" },
    ];
    expect(renderSummary(reports)).toBe(
      [
        "tests · junit · junit.xml",
        "  3 tests: 1 passed, 1 failed, 1 errors, 0 skipped · 1.2 s",
        "  ✗ mod › t1: assert 1 == 2 stack",
        "  ✗ t2",
        "",
        "coverage · lcov · lcov.info",
        "  lines 72.00% (720/1000) · branches no data · 1 files",
        "",
        "security · sarif (Trivy) · t.sarif",
        "  2 findings: 1 high, 1 low",
        "  high CVE-1 req.txt:3",
        "  low low-rule",
        "",
        "performance · k6 · k6.json",
        "  p95 420.5 ms · error rate 0.20% · 180.2 rps",
        "  0 benchmarks",
        "",
        "licenses · license-checker · l.json",
        "  3 packages: MIT 2, GPL-3.0-only 1",
        "",
        "complexity · radon · cc.json",
        "  max 12 · average 3.50 · 1 blocks",
        "  12 f a.py:4",
        "",
        "unreadable · junit · broken.xml",
        "  XML not well-formed at line 3",
        "",
        "7 reports (1 unreadable)",
        "",
      ].join("\n"),
    );
  });

  it("lists at most five failures", () => {
    const cases = Array.from({ length: 8 }, (_, i) => ({ name: `t${i}`, status: "failed" as const }));
    const text = renderSummary([
      {
        kind: "tests",
        format: "junit",
        source: "j.xml",
        totals: { tests: 8, passed: 0, failed: 8, errors: 0, skipped: 0, duration_ms: 0 },
        cases,
      },
    ]);
    expect(text).toContain("  ✗ t4\n  … and 3 more failed\n");
    expect(text).not.toContain("t5");
  });
});

describe("terminalSafe", () => {
  it.each([
    ["plain", "plain"],
    ["\u001b[31mred\u001b[0m", "[31mred [0m"],
    ["a\r\nb", "a b"],
    ["x".repeat(200), `${"x".repeat(159)}…`],
  ])("%j → %j", (input, output) => {
    expect(terminalSafe(input)).toBe(output);
  });
});
