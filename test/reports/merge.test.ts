import { describe, expect, it } from "vitest";
import { failuresAcrossLegs } from "../../src/reports/merge/tests.js";
import { mergeReports } from "../../src/reports/merge.js";
import type {
  ComplexityReport,
  CoverageReport,
  FileCoverage,
  Finding,
  LicenseReport,
  PerformanceReport,
  Report,
  SecurityReport,
  TestCase,
  TestReport,
} from "../../src/reports/model.js";
import { emptySeverityCounts, ratio, unreadable } from "../../src/reports/model.js";

// ---- small factories (defaults a test overrides only where it matters) ----

function tests(source: string, cases: TestCase[]): TestReport {
  const count = (s: TestCase["status"]) => cases.filter((c) => c.status === s).length;
  return {
    kind: "tests",
    format: "junit",
    source,
    totals: {
      tests: cases.length,
      passed: count("passed"),
      failed: count("failed"),
      errors: count("error"),
      skipped: count("skipped"),
      duration_ms: 10,
    },
    cases,
  };
}

function file(path: string, covered: number[] | undefined, missing: number[], total?: number): FileCoverage {
  const n = covered?.length ?? (total ?? 0) - missing.length;
  const f: FileCoverage = { path, lines: ratio(n, total ?? n + missing.length), missing };
  if (covered) f.covered = covered;
  return f;
}

function coverage(source: string, files: FileCoverage[], format = "cobertura"): CoverageReport {
  const covered = files.reduce((s, f) => s + f.lines.covered, 0);
  const total = files.reduce((s, f) => s + f.lines.total, 0);
  return { kind: "coverage", format, source, lines: ratio(covered, total), files };
}

function finding(fingerprint: string, severity: Finding["severity"], extra: Partial<Finding> = {}): Finding {
  return { rule: `R-${fingerprint}`, severity, message: "m", fingerprint, ...extra };
}

function security(tool: string, source: string, findings: Finding[]): SecurityReport {
  const counts = emptySeverityCounts();
  for (const f of findings) counts[f.severity] += 1;
  return { kind: "security", format: "sarif", tool, source, counts, findings };
}

function perf(
  source: string,
  metrics: PerformanceReport["metrics"],
  benchmarks: PerformanceReport["benchmarks"] = [],
) {
  return { kind: "performance", format: "k6", source, metrics, benchmarks } satisfies PerformanceReport;
}

function licenses(
  source: string,
  packages: LicenseReport["packages"],
  format = "pip-licenses",
): LicenseReport {
  return { kind: "licenses", format, source, packages };
}

function complexity(source: string, blocks: ComplexityReport["blocks"]): ComplexityReport {
  const max = Math.max(0, ...blocks.map((b) => b.complexity));
  const average = blocks.reduce((s, b) => s + b.complexity, 0) / (blocks.length || 1);
  return { kind: "complexity", format: "radon", source, max, average, blocks };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---- tests ----

describe("mergeReports: shape", () => {
  it("empty input: no kind, no unreadable", () => {
    expect(mergeReports([])).toEqual({ unreadable: [] });
  });

  const singles: [string, Report][] = [
    ["tests", tests("a.xml", [{ name: "t", status: "passed" }])],
    ["coverage", coverage("c.xml", [file("a.py", [1], [2])])],
    ["security", security("Trivy", "t.sarif", [finding("x", "high")])],
    ["performance", perf("k6.json", { p95_ms: 1 })],
    ["licenses", licenses("l.json", [{ name: "a", license: "MIT" }])],
    ["complexity", complexity("cc.json", [{ file: "a.py", name: "f", complexity: 3 }])],
  ];
  it.each(singles)("a kind present once (%s) is returned as it is, as a copy", (kind, report) => {
    const merged = mergeReports([report]);
    expect(merged).toEqual({ unreadable: [], [kind]: report });
    expect(merged[kind as keyof typeof merged]).not.toBe(report);
  });

  it("collects unreadable reports, keeps kinds apart, and does not mutate its input", () => {
    const input: Report[] = deepFreeze([
      unreadable("broken.xml", "XML not well-formed at line 3"),
      tests("a/junit.xml", [{ name: "t", status: "failed" }]),
      tests("b/junit.xml", [{ name: "t", status: "passed" }]),
      coverage("u.xml", [file("a.py", [1], [2])]),
      coverage("i.xml", [file("a.py", [2], [1])]),
      unreadable("big.json", "file is 300 MB", "k6"),
    ]);
    const before = JSON.stringify(input);
    const merged = mergeReports(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(merged.unreadable).toEqual([
      { kind: "unreadable", source: "broken.xml", reason: "XML not well-formed at line 3" },
      { kind: "unreadable", source: "big.json", reason: "file is 300 MB", format: "k6" },
    ]);
    expect(Object.keys(merged).sort()).toEqual(["coverage", "tests", "unreadable"]);
    // the result shares nothing with the input: changing it leaves the input alone
    merged.tests?.cases.push({ name: "x", status: "passed" });
    merged.coverage?.files[0]?.missing.push(99);
    expect(JSON.stringify(input)).toBe(before);
  });

  it("names the merged formats and sources once each", () => {
    const merged = mergeReports([
      coverage("unit/coverage.xml", [], "cobertura"),
      coverage("it/lcov.info", [], "lcov"),
      coverage("unit2/coverage.xml", [], "cobertura"),
    ]);
    expect(merged.coverage).toMatchObject({
      format: "cobertura+lcov",
      source: "unit/coverage.xml, it/lcov.info, unit2/coverage.xml",
    });
  });

  it("merging merged reports again names each format and file once", () => {
    const first = mergeReports([tests("a.xml", []), { ...tests("b.trx", []), format: "trx" }]).tests;
    if (!first) throw new Error("tests missing");
    const again = mergeReports([first, tests("a.xml", []), tests("c.xml", [])]).tests;
    expect(again).toMatchObject({ format: "junit+trx", source: "a.xml, b.trx, c.xml" });
  });
});

describe("mergeReports: tests across matrix legs", () => {
  const failing: TestCase = {
    name: "test_x",
    classname: "tests.test_mod",
    file: "tests/test_mod.py",
    status: "failed",
    message: "boom",
  };
  const passing: TestCase = { ...failing, status: "passed", message: undefined };
  const other: TestCase = { name: "test_y", classname: "tests.test_mod", status: "passed" };
  const legs = [
    tests("py3.11/junit.xml", [passing, other]),
    tests("py3.12/junit.xml", [failing, other]),
    tests("py3.13/junit.xml", [passing, { ...other, status: "skipped" }]),
  ];

  it("adds totals up and keeps every case, tagged with its leg; one failing leg fails the commit", () => {
    const merged = mergeReports(legs).tests;
    expect(merged?.totals).toEqual({
      tests: 6,
      passed: 4,
      failed: 1,
      errors: 0,
      skipped: 1,
      duration_ms: 30,
    });
    expect(merged?.cases).toHaveLength(6);
    expect(merged?.cases.map((c) => c.source)).toEqual([
      "py3.11/junit.xml",
      "py3.11/junit.xml",
      "py3.12/junit.xml",
      "py3.12/junit.xml",
      "py3.13/junit.xml",
      "py3.13/junit.xml",
    ]);
    expect(merged?.cases.some((c) => c.flaky)).toBe(false);
  });

  it("failuresAcrossLegs says: failed on 1 of 3 legs", () => {
    const merged = mergeReports(legs).tests;
    if (!merged) throw new Error("tests missing");
    expect(failuresAcrossLegs(merged)).toEqual([
      {
        key: JSON.stringify(["tests.test_mod", "test_x", "tests/test_mod.py"]),
        name: "test_x",
        classname: "tests.test_mod",
        file: "tests/test_mod.py",
        failedOn: ["py3.12/junit.xml"],
        seenOn: ["py3.11/junit.xml", "py3.12/junit.xml", "py3.13/junit.xml"],
      },
    ]);
  });

  it("keeps a parser's flaky mark (a retry on the same leg)", () => {
    const merged = mergeReports([
      tests("a.xml", [{ ...passing, flaky: true }]),
      tests("b.xml", [passing]),
    ]).tests;
    expect(merged?.cases.map((c) => c.flaky)).toEqual([true, undefined]);
  });
});

describe("mergeReports: coverage at line level", () => {
  it.each<[string, FileCoverage[], Partial<FileCoverage>]>([
    [
      "unit + integration, line numbers known: union of covered, union of executable",
      [file("src/app.py", [1, 2, 5], [3, 4, 6]), file("src/app.py", [3, 5, 7], [1, 2, 4, 6])],
      { lines: ratio(5, 7), covered: [1, 2, 3, 5, 7], missing: [4, 6] },
    ],
    [
      "only missing lines known, same executable count: missing in every report",
      [file("src/app.py", undefined, [3, 4, 6], 6), file("src/app.py", undefined, [1, 4, 6], 6)],
      { lines: ratio(4, 6), missing: [4, 6] },
    ],
    [
      "different executable counts without line numbers: the report covering most lines",
      [file("src/app.py", undefined, [3, 4, 6], 6), file("src/app.py", undefined, [9], 10)],
      { lines: ratio(9, 10), missing: [9] },
    ],
    [
      "a file only one suite touched stays as it is",
      [file("src/only.py", [1], [2])],
      { lines: ratio(1, 2), covered: [1], missing: [2] },
    ],
  ])("%s", (_name, files, expected) => {
    const merged = mergeReports(files.map((f, i) => coverage(`suite${i}.xml`, [f]))).coverage;
    expect(merged?.files).toHaveLength(1);
    expect(merged?.files[0]).toEqual({ path: files[0]?.path, ...expected });
    if (files.length > 1) expect(merged?.files[0]?.covered).toEqual(expected.covered);
  });

  it("recomputes the totals from the merged files and takes the best branch ratio per file", () => {
    const unit = coverage("unit.xml", [
      { ...file("a.py", [1, 2], [3, 4]), branches: ratio(1, 4) },
      file("b.py", [1], [2]),
    ]);
    const integration = coverage("it.xml", [
      { ...file("a.py", [3], [1, 2, 4]), branches: ratio(3, 4) },
      file("c.py", [1, 2, 3], []),
    ]);
    const merged = mergeReports([unit, integration]).coverage;
    expect(merged?.files.map((f) => [f.path, f.lines.covered, f.lines.total])).toEqual([
      ["a.py", 3, 4],
      ["b.py", 1, 2],
      ["c.py", 3, 3],
    ]);
    expect(merged?.files[0]?.branches).toEqual(ratio(3, 4));
    expect(merged?.lines).toEqual(ratio(7, 9));
    expect(merged?.branches).toEqual(ratio(3, 4));
  });

  it("reports without files count only when no report has any", () => {
    const summaryOnly = (source: string, covered: number) => ({
      ...coverage(source, []),
      lines: ratio(covered, 100),
    });
    expect(mergeReports([summaryOnly("a", 60), summaryOnly("b", 70)]).coverage?.lines).toEqual(
      ratio(70, 100),
    );
  });
});

describe("mergeReports: security", () => {
  it("de-duplicates findings by fingerprint across tools, keeps the most severe, recomputes counts", () => {
    const shared = finding("CVE-2024-1234:requests@2.0", "medium", { package: "requests" });
    const merged = mergeReports([
      security("Trivy", "trivy.sarif", [
        shared,
        finding("a", "low"),
        finding("s1", "high", { category: "secret" }),
      ]),
      security("Grype", "grype.sarif", [{ ...shared, severity: "critical" }, finding("b", "info")]),
      security("Trivy", "trivy-image.sarif", [finding("a", "low")]),
    ]).security;
    expect(merged?.tool).toBe("Trivy, Grype");
    expect(merged?.findings.map((f) => [f.fingerprint, f.severity])).toEqual([
      ["CVE-2024-1234:requests@2.0", "critical"],
      ["a", "low"],
      ["s1", "high"],
      ["b", "info"],
    ]);
    expect(merged?.counts).toEqual({ critical: 1, high: 1, medium: 0, low: 1, info: 1, unknown: 0 });
    expect(merged?.secrets).toBe(1);
  });
});

describe("mergeReports: performance", () => {
  it("keeps the worst of each metric, sums requests, keeps the slowest of a benchmark", () => {
    const merged = mergeReports([
      perf("load.json", {
        p95_ms: 300,
        p50_ms: 100,
        error_rate: 0.02,
        rps: 200,
        requests: 1000,
        avg_ms: 120,
      }),
      perf("stress.json", {
        p95_ms: 800,
        p50_ms: 90,
        error_rate: 0.001,
        rps: 150,
        requests: 500,
        p99_ms: 1200,
      }),
      perf("bench-3.11.json", {}, [
        { name: "test_a", mean_ms: 2 },
        { name: "test_b", mean_ms: 5 },
      ]),
      perf("bench-3.12.json", {}, [{ name: "test_a", mean_ms: 3, rounds: 9 }]),
    ]).performance;
    expect(merged?.metrics).toEqual({
      p95_ms: 800,
      p50_ms: 100,
      p99_ms: 1200,
      avg_ms: 120,
      error_rate: 0.02,
      rps: 150,
      requests: 1500,
    });
    expect(merged?.benchmarks).toEqual([
      { name: "test_a", mean_ms: 3, rounds: 9 },
      { name: "test_b", mean_ms: 5 },
    ]);
  });
});

describe("mergeReports: licences and complexity", () => {
  it.each<[string, LicenseReport["packages"][], LicenseReport["packages"]]>([
    [
      "same name@version once",
      [
        [{ name: "a", version: "1", license: "MIT" }],
        [
          { name: "a", version: "1", license: "MIT" },
          { name: "a", version: "2", license: "MIT" },
        ],
      ],
      [
        { name: "a", version: "1", license: "MIT" },
        { name: "a", version: "2", license: "MIT" },
      ],
    ],
    [
      "a known licence replaces UNKNOWN, whichever comes first",
      [
        [
          { name: "a", version: "1", license: "UNKNOWN" },
          { name: "b", license: "ISC" },
        ],
        [
          { name: "a", version: "1", license: "MIT" },
          { name: "b", license: "UNKNOWN" },
        ],
      ],
      [
        { name: "a", version: "1", license: "MIT" },
        { name: "b", license: "ISC" },
      ],
    ],
    [
      "two tools disagreeing: both kept, so a deny rule sees each",
      [[{ name: "a", version: "1", license: "MIT" }], [{ name: "a", version: "1", license: "GPL-3.0-only" }]],
      [
        { name: "a", version: "1", license: "MIT" },
        { name: "a", version: "1", license: "GPL-3.0-only" },
      ],
    ],
  ])("licences: %s", (_name, lists, expected) => {
    const merged = mergeReports(lists.map((p, i) => licenses(`l${i}.json`, p))).licenses;
    expect(merged?.packages).toEqual(expected);
  });

  it("complexity: blocks concatenated, duplicates once, max and average recomputed", () => {
    const merged = mergeReports([
      complexity("a.json", [
        { file: "a.py", name: "f", line: 1, complexity: 4 },
        { file: "a.py", name: "g", line: 9, complexity: 2 },
      ]),
      complexity("b.json", [
        { file: "a.py", name: "f", line: 1, complexity: 4 },
        { file: "b.py", name: "h", line: 3, complexity: 12 },
      ]),
    ]).complexity;
    expect(merged?.blocks.map((b) => b.name)).toEqual(["f", "g", "h"]);
    expect(merged?.max).toBe(12);
    expect(merged?.average).toBe(6);
  });
});
