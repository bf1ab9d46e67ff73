import { describe, expect, it } from "vitest";
import { batches, planAnnotations } from "../../src/render/annotations.js";
import type { Finding, MergedReports, TestCase } from "../../src/reports/model.js";

function merged(cases: TestCase[], findings: Finding[] = []): MergedReports {
  return {
    tests: {
      kind: "tests",
      format: "junit",
      source: "junit.xml",
      totals: { tests: cases.length, passed: 0, failed: 0, errors: 0, skipped: 0, duration_ms: 0 },
      cases,
    },
    security: {
      kind: "security",
      format: "sarif",
      tool: "Trivy",
      source: "t.sarif",
      counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 },
      findings,
    },
    unreadable: [],
  };
}

const finding = (over: Partial<Finding>): Finding => ({
  rule: "R1",
  severity: "high",
  message: "bad",
  fingerprint: "fp",
  ...over,
});

describe("planAnnotations", () => {
  it("annotates failed and errored tests with a file, not passed ones or ones without a file", () => {
    const plan = planAnnotations(
      merged([
        { name: "ok", status: "passed", file: "a.py", line: 1 },
        {
          name: "bad",
          classname: "t.mod",
          status: "failed",
          file: "a.py",
          line: 3,
          message: "assert 1 == 2",
        },
        { name: "boom", status: "error", file: "b.py", message: "KeyError" },
        { name: "nofile", status: "failed", message: "x" },
      ]),
    );
    expect(plan.annotations).toEqual([
      {
        path: "a.py",
        start_line: 3,
        end_line: 3,
        annotation_level: "failure",
        title: "Test failed: t.mod.bad",
        message: "assert 1 == 2",
      },
      {
        path: "b.py",
        start_line: 1,
        end_line: 1,
        annotation_level: "failure",
        title: "Test error: boom",
        message: "KeyError",
      },
    ]);
    expect(plan.omitted).toBe(0);
  });

  it("maps severities to levels and puts findings on changed lines first", () => {
    const plan = planAnnotations(
      merged(
        [],
        [
          finding({ rule: "LOW", severity: "low", file: "x.py", line: 1 }),
          finding({ rule: "MED", severity: "medium", file: "x.py", line: 9 }),
          finding({ rule: "CRIT", severity: "critical", file: "y.py", line: 2 }),
        ],
      ),
      new Map([["x.py", [9]]]),
    );
    expect(plan.annotations.map((a) => [a.title, a.annotation_level])).toEqual([
      ["MEDIUM MED", "warning"],
      ["CRITICAL CRIT", "failure"],
      ["LOW LOW", "notice"],
    ]);
  });

  it("caps the total and counts what it left out", () => {
    const many = Array.from({ length: 30 }, (_, i) => finding({ file: "f.py", line: i + 1 }));
    const plan = planAnnotations(merged([], many), undefined, 20);
    expect(plan.annotations).toHaveLength(20);
    expect(plan.omitted).toBe(10);
  });

  it("does not mutate its input", () => {
    const input = merged(
      [],
      [finding({ severity: "low", file: "a", line: 1 }), finding({ file: "b", line: 1 })],
    );
    const copy = structuredClone(input);
    planAnnotations(input);
    expect(input).toEqual(copy);
  });
});

describe("batches", () => {
  it.each([
    [0, []],
    [50, [50]],
    [51, [50, 1]],
    [120, [50, 50, 20]],
  ])("%i items → %j", (n, sizes) => {
    expect(
      batches(
        Array.from({ length: n }, (_, i) => i),
        50,
      ).map((b) => b.length),
    ).toEqual(sizes);
  });
});
