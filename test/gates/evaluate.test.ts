import { describe, expect, it } from "vitest";
import { evaluateGates } from "../../src/gates/evaluate.js";
import { GATE_ORDER } from "../../src/gates/types.js";
import {
  baseline,
  config,
  coverageReport,
  finding,
  merged,
  perfReport,
  securityReport,
  testsReport,
  unreadableReport,
} from "../support/gate-factories.js";

const healthy = () =>
  merged({ tests: testsReport(), coverage: coverageReport(90, 100), security: securityReport([]) });
const failingCoverage = () => merged({ tests: testsReport(), coverage: coverageReport(50, 100) });
const override = { by: "octocat", reason: "hotfix for the outage", at: "2026-11-22T03:00:00Z" };

describe("evaluateGates", () => {
  it("lists every gate in a fixed order", () => {
    expect(evaluateGates(healthy(), undefined, config()).gates.map((gate) => gate.gate)).toEqual(GATE_ORDER);
  });

  it.each([
    ["all good", healthy(), {}, "success", "all 3 gates passed"],
    ["a failed gate fails the verdict", failingCoverage(), {}, "failure", "1 of 2 gates failed: coverage"],
    [
      "an informational gate never fails the verdict",
      failingCoverage(),
      { gates: { informational: ["coverage"] } },
      "success",
      "all 1 gate passed",
    ],
    [
      "informational by kind covers all that kind's gates",
      merged({ coverage: coverageReport(50, 100) }),
      { gates: { informational: ["coverage"] } },
      "neutral",
      "nothing to judge: no gate had a report to check",
    ],
    [
      "no reports at all and nothing required: neutral",
      merged(),
      {},
      "neutral",
      "nothing to judge: no gate had a report to check",
    ],
    [
      "no reports but a kind required: failure (fail closed)",
      merged(),
      { gates: { required: ["tests"] } },
      "failure",
      "1 of 1 gate failed: tests",
    ],
    [
      "only unreadable reports, nothing required: neutral, and they are listed",
      merged({ unreadable: [unreadableReport("junit.xml", "truncated", "junit")] }),
      {},
      "neutral",
      "nothing to judge: no gate had a report to check",
    ],
    [
      "only empty reports (no executable lines): neutral",
      merged({ coverage: coverageReport(0, 0) }),
      {},
      "neutral",
      "nothing to judge: no gate had a report to check",
    ],
  ] as const)("%s", (_name, reports, raw, conclusion, summary) => {
    const verdict = evaluateGates(reports, undefined, config(raw));
    expect(verdict.conclusion).toBe(conclusion);
    expect(verdict.summary).toBe(summary);
  });

  it("counts passed, failed, skipped and informational failures", () => {
    const reports = merged({
      tests: testsReport({ failed: 1 }),
      coverage: coverageReport(50, 100),
      performance: perfReport({ p95_ms: 900 }),
    });
    const verdict = evaluateGates(reports, undefined, config({ gates: { informational: ["performance"] } }));
    expect(verdict.counts).toEqual({ passed: 0, failed: 2, skipped: 5, informationalFailed: 1 });
    expect(verdict.gates.find((gate) => gate.gate === "performance")).toMatchObject({
      status: "failed",
      informational: true,
    });
  });

  it("an informational patch-coverage gate only, the floor still counts", () => {
    const reports = merged({
      coverage: coverageReport(50, 100, [
        { path: "a.py", lines: coverageReport(0, 1).lines, missing: [1], covered: [] },
      ]),
    });
    const verdict = evaluateGates(
      reports,
      undefined,
      config({ gates: { informational: ["coverage.patch"] } }),
      {
        changedLines: new Map([["a.py", [1]]]),
      },
    );
    const byId = Object.fromEntries(verdict.gates.map((gate) => [gate.gate, gate]));
    expect(byId["coverage.patch"]).toMatchObject({ status: "failed", informational: true });
    expect(byId.coverage).toMatchObject({ status: "failed", informational: false });
    expect(verdict.conclusion).toBe("failure");
  });

  it("lists unreadable reports; a required kind with only unreadable files fails with their reason", () => {
    const bad = unreadableReport("coverage.xml", "XML not well-formed at line 3", "cobertura");
    const verdict = evaluateGates(
      merged({ tests: testsReport(), unreadable: [bad] }),
      undefined,
      config({ gates: { required: ["coverage"] } }),
    );
    expect(verdict.unreadable).toEqual([bad]);
    expect(verdict.conclusion).toBe("failure");
    expect(verdict.gates.find((gate) => gate.gate === "coverage")?.reason).toBe(
      "no readable coverage report: coverage.xml (XML not well-formed at line 3), and coverage is required",
    );
  });

  it("a required kind missing while unrecognised files exist says so", () => {
    const verdict = evaluateGates(
      merged({ unreadable: [unreadableReport("out/cov.dat", "not a report format Tollgate knows")] }),
      undefined,
      config({ gates: { required: ["coverage"] } }),
    );
    expect(verdict.gates.find((gate) => gate.gate === "coverage")?.reason).toBe(
      "no readable coverage report was found (1 other file could not be read), and coverage is required",
    );
  });

  describe("override", () => {
    it("turns a failure into success, still listing what failed", () => {
      const verdict = evaluateGates(failingCoverage(), undefined, config(), { override });
      expect(verdict).toMatchObject({ conclusion: "success", passedWithOverride: true, override });
      expect(verdict.counts.failed).toBe(1);
      expect(verdict.gates.find((gate) => gate.gate === "coverage")?.status).toBe("failed");
      expect(verdict.summary).toBe(
        "1 of 2 gates failed: coverage; overridden by octocat: hotfix for the outage",
      );
    });

    it("on a passing verdict is recorded but changes nothing", () => {
      const verdict = evaluateGates(healthy(), undefined, config(), { override });
      expect(verdict).toMatchObject({ conclusion: "success", passedWithOverride: false, override });
    });

    it("does not turn neutral into success", () => {
      expect(evaluateGates(merged(), undefined, config(), { override }).conclusion).toBe("neutral");
    });
  });

  describe("baseline", () => {
    it("no baseline: delta gates skipped, verdict still decided by the rest", () => {
      const verdict = evaluateGates(healthy(), undefined, config());
      expect(verdict.gates.find((gate) => gate.gate === "coverage.drop")).toMatchObject({
        status: "skipped",
        reason: "no baseline: no reports of the base commit",
      });
      expect(verdict.conclusion).toBe("success");
      expect(verdict.baseline).toBeUndefined();
    });

    it("names the baseline it compared with", () => {
      const base = baseline({ coverage: coverageReport(95, 100) }, "merge base of main");
      const verdict = evaluateGates(healthy(), base, config());
      expect(verdict.baseline).toEqual({ sha: base.sha, note: "merge base of main" });
      expect(verdict.gates.find((gate) => gate.gate === "coverage.drop")).toMatchObject({
        status: "failed",
        value: 5,
      });
      expect(verdict.conclusion).toBe("failure");
    });
  });

  it("is pure: the same input gives the same verdict and the input is not changed", () => {
    const reports = merged({
      tests: testsReport({ failed: 1 }),
      security: securityReport([finding("high"), finding("critical")]),
    });
    const snapshot = structuredClone(reports);
    const first = evaluateGates(reports, undefined, config());
    const second = evaluateGates(reports, undefined, config());
    expect(second).toEqual(first);
    expect(reports).toEqual(snapshot);
  });
});
