import { describe, expect, it } from "vitest";
import { coverageDropGate } from "../../src/gates/coverage-drop.js";
import { coverageFloorGate } from "../../src/gates/coverage-floor.js";
import {
  baseline,
  config,
  coverageOf,
  coverageReport,
  fileCoverage,
  gateInput,
  merged,
  unreadableReport,
} from "../support/gate-factories.js";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("coverage floor", () => {
  it.each([
    ["well above", 900, 1000, 80, "passed", "90 % of lines covered (floor 80 %)"],
    ["exactly at the floor passes", 800, 1000, 80, "passed", "80 % of lines covered (floor 80 %)"],
    ["exactly 70 % from 7/10 passes a 70 floor", 7, 10, 70, "passed", "70 % of lines covered (floor 70 %)"],
    [
      "just below is shown with enough decimals",
      7996,
      10000,
      80,
      "failed",
      "79.96 % of lines covered, below the 80 % floor",
    ],
    ["well below", 724, 1000, 80, "failed", "72.4 % of lines covered, below the 80 % floor"],
    ["a floor of 0 always passes", 0, 10, 0, "passed", "0 % of lines covered (floor 0 %)"],
    [
      "a floor of 100 needs every line",
      999,
      1000,
      100,
      "failed",
      "99.9 % of lines covered, below the 100 % floor",
    ],
  ] as const)("%s", (_name, covered, total, min, status, reason) => {
    const input = gateInput({
      merged: merged({ coverage: coverageReport(covered, total) }),
      config: config({ gates: { coverage: { min } } }),
    });
    expect(coverageFloorGate(input)).toMatchObject({
      gate: "coverage",
      status,
      reason,
      threshold: min,
      unit: "%",
    });
  });

  it("checks stricter floors per glob as children, matching runner-absolute paths too", () => {
    const report = coverageOf([
      fileCoverage("/home/runner/work/app/app/src/billing/invoice.py", range(1, 7), range(8, 10)),
      fileCoverage("src/billing/tax.py", range(1, 10)),
      fileCoverage("src/app.py", range(1, 80), range(81, 100)),
    ]);
    const input = gateInput({
      merged: merged({ coverage: report }),
      config: config({
        gates: {
          coverage: {
            min: 80,
            paths: [
              { path: "src/billing/**", min: 90 },
              { path: "src/app.py", min: 80 },
              { path: "vendor/**", min: 50 },
            ],
          },
        },
      }),
    });
    const result = coverageFloorGate(input);
    expect(result.status).toBe("failed");
    expect(result.reason).toBe(
      "80.8 % of lines covered (floor 80 %); 1 path below its floor: src/billing/**",
    );
    expect(result.children).toEqual([
      expect.objectContaining({
        gate: "src/billing/**",
        status: "failed",
        value: 85,
        reason: "src/billing/**: 85 % of 20 lines in 2 files covered, below its 90 % floor",
      }),
      expect.objectContaining({ gate: "src/app.py", status: "passed", value: 80 }),
      expect.objectContaining({
        gate: "vendor/**",
        status: "skipped",
        reason: "no file in the coverage report matches vendor/**",
      }),
    ]);
  });

  describe("missing data", () => {
    it("no coverage report: skipped; required: failed", () => {
      expect(coverageFloorGate(gateInput())).toMatchObject({
        status: "skipped",
        reason: "no readable coverage report was found",
      });
      expect(
        coverageFloorGate(gateInput({ config: config({ gates: { required: ["coverage"] } }) })),
      ).toMatchObject({
        status: "failed",
        reason: "no readable coverage report was found, and coverage is required",
      });
    });

    it("zero executable lines: skipped with 'no executable lines', never 0 %", () => {
      const result = coverageFloorGate(gateInput({ merged: merged({ coverage: coverageReport(0, 0) }) }));
      expect(result).toMatchObject({
        status: "skipped",
        reason: "the coverage report has no executable lines",
      });
      expect(result.value).toBeUndefined();
    });

    it("zero executable lines when coverage is required: failed", () => {
      const input = gateInput({
        merged: merged({ coverage: coverageReport(0, 0) }),
        config: config({ gates: { required: ["coverage"] } }),
      });
      expect(coverageFloorGate(input).status).toBe("failed");
    });

    it("required and the only coverage file unreadable: failed, naming the file", () => {
      const input = gateInput({
        merged: merged({ unreadable: [unreadableReport("lcov.info", "file is empty", "lcov")] }),
        config: config({ gates: { required: ["coverage"] } }),
      });
      expect(coverageFloorGate(input)).toMatchObject({
        status: "failed",
        reason: "no readable coverage report: lcov.info (file is empty), and coverage is required",
        details: { kind: "unreadable", files: [expect.objectContaining({ source: "lcov.info" })] },
      });
    });
  });
});

describe("coverage drop", () => {
  const withBase = (head: number, base: number, max_drop = 1) =>
    gateInput({
      merged: merged({ coverage: coverageReport(head, 1000) }),
      baseline: baseline({ coverage: coverageReport(base, 1000) }),
      config: config({ gates: { coverage: { max_drop } } }),
    });

  it.each([
    ["unchanged", 800, 800, 1, "passed", "coverage unchanged (80 % → 80 % since bbbbbbb)"],
    ["rose", 810, 800, 1, "passed", "coverage rose 1 points (80 % → 81 % since bbbbbbb)"],
    [
      "fell exactly the limit",
      790,
      800,
      1,
      "passed",
      "coverage fell 1 points (80 % → 79 % since bbbbbbb), within the 1-point limit",
    ],
    [
      "fell more than the limit",
      789,
      800,
      1,
      "failed",
      "coverage fell 1.1 points (80 % → 78.9 % since bbbbbbb), more than the 1-point limit",
    ],
    [
      "any drop with max_drop 0",
      799,
      800,
      0,
      "failed",
      "coverage fell 0.1 points (80 % → 79.9 % since bbbbbbb), more than the 0-point limit",
    ],
    [
      "a big drop within a lax limit",
      700,
      800,
      10,
      "passed",
      "coverage fell 10 points (80 % → 70 % since bbbbbbb), within the 10-point limit",
    ],
  ] as const)("%s", (_name, head, base, maxDrop, status, reason) => {
    expect(coverageDropGate(withBase(head, base, maxDrop))).toMatchObject({
      gate: "coverage.drop",
      status,
      reason,
    });
  });

  describe("missing data never fails a delta gate", () => {
    it.each([
      [
        "no baseline",
        gateInput({ merged: merged({ coverage: coverageReport(1, 10) }) }),
        "no baseline: no reports of the base commit",
      ],
      [
        "no baseline, with the caller's reason",
        gateInput({
          merged: merged({ coverage: coverageReport(1, 10) }),
          extras: { noBaselineReason: "the base branch has no finished workflow runs yet" },
        }),
        "no baseline: the base branch has no finished workflow runs yet",
      ],
      [
        "a base commit without coverage, with its note",
        gateInput({
          merged: merged({ coverage: coverageReport(1, 10) }),
          baseline: baseline({}, "merge base of main"),
        }),
        "the base commit bbbbbbb has no coverage report (merge base of main)",
      ],
      [
        "base with zero lines",
        gateInput({
          merged: merged({ coverage: coverageReport(1, 10) }),
          baseline: baseline({ coverage: coverageReport(0, 0) }),
        }),
        "the base commit bbbbbbb has no executable lines in its coverage report",
      ],
      [
        "no head coverage",
        gateInput({ baseline: baseline({ coverage: coverageReport(9, 10) }) }),
        "no coverage report for this commit",
      ],
    ])("%s: skipped", (_name, input, reason) => {
      expect(coverageDropGate(input)).toMatchObject({ status: "skipped", reason });
    });

    it("even when coverage is required, a missing baseline only skips the drop gate", () => {
      const input = gateInput({
        merged: merged({ coverage: coverageReport(1, 10) }),
        config: config({ gates: { required: ["coverage"] } }),
      });
      expect(coverageDropGate(input).status).toBe("skipped");
    });
  });
});
