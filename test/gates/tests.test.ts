import { describe, expect, it } from "vitest";
import { testsGate } from "../../src/gates/tests.js";
import type { TestCase } from "../../src/reports/model.js";
import { config, gateInput, merged, testsReport, unreadableReport } from "../support/gate-factories.js";

const failedCase: TestCase = { name: "test_x", status: "failed", message: "assert 1 == 2" };
const erroredCase: TestCase = { name: "test_y", status: "error" };

describe("tests gate", () => {
  it.each([
    [
      "all passed",
      testsReport({ passed: 48, skipped: 2 }),
      {},
      "passed",
      0,
      "all 48 tests passed, 2 skipped",
    ],
    [
      "one failure, none allowed",
      testsReport({ passed: 9, failed: 1 }),
      {},
      "failed",
      1,
      "1 failed of 10 tests; none allowed",
    ],
    [
      "errors count as failures",
      testsReport({ passed: 9, errors: 1 }),
      {},
      "failed",
      1,
      "1 errored of 10 tests; none allowed",
    ],
    [
      "exactly at the limit passes",
      testsReport({ passed: 8, failed: 1, errors: 1 }),
      { max_failed: 2 },
      "passed",
      2,
      "1 failed, 1 errored of 10 tests; at most 2 allowed",
    ],
    [
      "one above the limit fails",
      testsReport({ passed: 7, failed: 2, errors: 1 }),
      { max_failed: 2 },
      "failed",
      3,
      "2 failed, 1 errored of 10 tests; at most 2 allowed",
    ],
    [
      "skipped tests do not fail",
      testsReport({ passed: 1, skipped: 9 }),
      {},
      "passed",
      0,
      "all 1 test passed, 9 skipped",
    ],
  ] as const)("%s", (_name, report, tests, status, value, reason) => {
    const result = testsGate(
      gateInput({ merged: merged({ tests: report }), config: config({ gates: { tests } }) }),
    );
    expect(result).toMatchObject({ gate: "tests", status, value, reason, informational: false });
  });

  it("lists failed and errored cases, and counts flaky ones", () => {
    const report = testsReport({ passed: 8, failed: 1, errors: 1 }, [
      failedCase,
      erroredCase,
      { name: "ok", status: "passed", flaky: true },
    ]);
    const result = testsGate(gateInput({ merged: merged({ tests: report }) }));
    expect(result.details).toEqual({ kind: "tests", failed: [failedCase, erroredCase], flaky: 1 });
    expect(result.reason).toContain("1 flaky test");
  });

  describe("missing data", () => {
    it("no test report: skipped", () => {
      expect(testsGate(gateInput())).toMatchObject({
        status: "skipped",
        reason: "no readable test report was found",
      });
    });

    it("no test report but tests required: failed (fail closed)", () => {
      const result = testsGate(gateInput({ config: config({ gates: { required: ["tests"] } }) }));
      expect(result).toMatchObject({
        status: "failed",
        reason: "no readable test report was found, and tests is required",
      });
    });

    it("required and only an unreadable JUnit file: failed with the file's reason", () => {
      const input = gateInput({
        merged: merged({
          unreadable: [unreadableReport("junit.xml", "XML not well-formed at line 3", "junit")],
        }),
        config: config({ gates: { required: ["tests"] } }),
      });
      expect(testsGate(input)).toMatchObject({
        status: "failed",
        reason: "no readable test report: junit.xml (XML not well-formed at line 3), and tests is required",
      });
    });

    it("an unreadable file alone does not fail an unrequired gate", () => {
      const input = gateInput({
        merged: merged({ unreadable: [unreadableReport("junit.xml", "truncated", "junit")] }),
      });
      expect(testsGate(input).status).toBe("skipped");
    });

    it("a report with no test cases: skipped, or failed when required", () => {
      const empty = merged({ tests: testsReport({ passed: 0 }) });
      expect(testsGate(gateInput({ merged: empty }))).toMatchObject({
        status: "skipped",
        reason: "the test report has no test cases",
      });
      expect(
        testsGate(gateInput({ merged: empty, config: config({ gates: { required: ["tests"] } }) })).status,
      ).toBe("failed");
    });

    it("every test skipped: none ran, so skipped (failed when required)", () => {
      const allSkipped = merged({ tests: testsReport({ passed: 0, skipped: 4 }) });
      expect(testsGate(gateInput({ merged: allSkipped }))).toMatchObject({
        status: "skipped",
        reason: "all 4 tests were skipped; none ran",
      });
      expect(
        testsGate(gateInput({ merged: allSkipped, config: config({ gates: { required: ["tests"] } }) }))
          .status,
      ).toBe("failed");
    });
  });
});
