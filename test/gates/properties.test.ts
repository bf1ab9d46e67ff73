// Properties over generated inputs: evaluation never throws, and the conclusion always follows from the
// gates (a failed gate that counts ⇔ failure, unless overridden; no decided gate ⇔ neutral).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateGates } from "../../src/gates/evaluate.js";
import type { Finding, MergedReports } from "../../src/reports/model.js";
import { fuzzParams } from "../support/fuzz.js";
import {
  bench,
  config,
  coverageReport,
  fileCoverage,
  finding,
  merged,
  perfReport,
  securityReport,
  testsReport,
} from "../support/gate-factories.js";

const severity = fc.constantFrom("critical", "high", "medium", "low", "info", "unknown") as fc.Arbitrary<
  Finding["severity"]
>;

const reportsArb: fc.Arbitrary<MergedReports> = fc
  .record({
    tests: fc.option(
      fc.record({ passed: fc.nat(50), failed: fc.nat(3), errors: fc.nat(2), skipped: fc.nat(5) }),
    ),
    coverage: fc.option(fc.tuple(fc.nat(100), fc.nat(100))),
    security: fc.option(fc.array(severity, { maxLength: 8 })),
    performance: fc.option(
      fc.record({
        p95: fc.option(fc.double({ min: 0, max: 2000, noNaN: true })),
        bench: fc.option(fc.double({ min: 0.01, max: 100, noNaN: true })),
      }),
    ),
  })
  .map(({ tests, coverage, security, performance }) => {
    const reports: Partial<MergedReports> = {};
    if (tests) reports.tests = testsReport(tests);
    if (coverage) {
      const [a, b] = coverage;
      const covered = Math.min(a, b);
      const total = Math.max(a, b);
      reports.coverage = coverageReport(covered, total, [fileCoverage("src/a.py", [1, 2], [3])]);
    }
    if (security) reports.security = securityReport(security.map((s) => finding(s)));
    if (performance) {
      const metrics = performance.p95 === null ? {} : { p95_ms: performance.p95 };
      reports.performance = perfReport(
        metrics,
        performance.bench === null ? [] : [bench("b", performance.bench)],
      );
    }
    return merged(reports);
  });

const configArb = fc
  .record({
    required: fc.subarray(["tests", "coverage", "security", "performance"]),
    informational: fc.subarray(["performance", "coverage.patch", "complexity"]),
    min: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ required, informational, min }) =>
    config({
      gates: {
        required,
        informational: informational.filter((name) => !required.includes(name)),
        coverage: { min },
      },
    }),
  );

describe("evaluateGates properties", () => {
  it("the conclusion follows from the gates", () => {
    fc.assert(
      fc.property(
        reportsArb,
        fc.option(reportsArb),
        configArb,
        fc.boolean(),
        (head, base, cfg, overridden) => {
          const verdict = evaluateGates(
            head,
            base === null ? undefined : { sha: "a".repeat(40), merged: base },
            cfg,
            {
              changedLines: new Map([["src/a.py", [1, 3, 4]]]),
              ...(overridden ? { override: { by: "x", reason: "y", at: "2026-01-01T00:00:00Z" } } : {}),
            },
          );
          const counting = verdict.gates.filter((gate) => !gate.informational);
          const failed = counting.some((gate) => gate.status === "failed");
          const decided = counting.some((gate) => gate.status !== "skipped");
          const expected = !decided ? "neutral" : failed ? (overridden ? "success" : "failure") : "success";
          expect(verdict.conclusion).toBe(expected);
          expect(verdict.passedWithOverride === true).toBe(overridden && failed);
          for (const gate of verdict.gates) expect(gate.reason.length).toBeGreaterThan(0);
        },
      ),
      fuzzParams(300),
    );
  });
});
