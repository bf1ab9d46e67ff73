import { describe, expect, it } from "vitest";
import { patchCoverageGate } from "../../src/gates/patch-coverage.js";
import type { FileCoverage } from "../../src/reports/model.js";
import { config, coverageOf, fileCoverage, gateInput, merged } from "../support/gate-factories.js";

// src/app.py: lines 1-8 covered, 9-10 missing; 11+ are not executable (comments, blanks).
const app = fileCoverage("src/app.py", [1, 2, 3, 4, 5, 6, 7, 8], [9, 10]);

function patch(changed: Record<string, readonly number[]>, files: FileCoverage[] = [app], patch_min = 80) {
  return patchCoverageGate(
    gateInput({
      merged: merged({ coverage: coverageOf(files) }),
      config: config({ gates: { coverage: { patch_min } } }),
      extras: { changedLines: new Map(Object.entries(changed)) },
    }),
  );
}

describe("patch coverage", () => {
  it.each([
    [
      "all changed lines covered",
      { "src/app.py": [1, 2, 3] },
      80,
      "passed",
      100,
      "100 % of 3 changed executable lines covered (patch floor 80 %)",
    ],
    [
      "exactly the floor passes",
      { "src/app.py": [1, 2, 3, 4, 9] },
      80,
      "passed",
      80,
      "80 % of 5 changed executable lines covered (patch floor 80 %)",
    ],
    [
      "below the floor",
      { "src/app.py": [1, 9, 10] },
      80,
      "failed",
      100 / 3,
      "33.3 % of 3 changed executable lines covered, below the 80 % patch floor",
    ],
    [
      "non-executable changed lines are not counted",
      { "src/app.py": [1, 11, 12, 13] },
      80,
      "passed",
      100,
      "100 % of 1 changed executable line covered (patch floor 80 %)",
    ],
    [
      "duplicate line numbers count once",
      { "src/app.py": [9, 9, 1, 1] },
      50,
      "passed",
      50,
      "50 % of 2 changed executable lines covered (patch floor 50 %)",
    ],
  ] as const)("%s", (_name, changed, min, status, value, reason) => {
    const result = patch({ ...changed }, [app], min);
    expect(result).toMatchObject({ gate: "coverage.patch", status, reason });
    expect(result.value).toBeCloseTo(value);
  });

  it("lists the uncovered changed lines per file", () => {
    const result = patch({ "src/app.py": [10, 1, 9] });
    expect(result.details).toEqual({
      kind: "patch",
      uncovered: [{ path: "src/app.py", lines: [9, 10] }],
      withoutLineData: [],
    });
  });

  it("matches report paths that carry the runner's checkout prefix", () => {
    const prefixed = fileCoverage("/home/runner/work/app/app/src/app.py", [1], [2]);
    expect(patch({ "src/app.py": [1, 2] }, [prefixed], 50)).toMatchObject({ status: "passed", value: 50 });
  });

  describe("missing data", () => {
    it("no changed executable lines: skipped, not 0 %", () => {
      const result = patch({ "src/app.py": [11, 12], "README.md": [1, 2] });
      expect(result).toMatchObject({ status: "skipped", reason: "no changed executable lines" });
      expect(result.value).toBeUndefined();
    });

    it("not a pull request (no changed lines given): skipped", () => {
      const input = gateInput({ merged: merged({ coverage: coverageOf([app]) }) });
      expect(patchCoverageGate(input)).toMatchObject({
        status: "skipped",
        reason: "no changed lines known (not a pull request)",
      });
    });

    it("no coverage report: skipped even when coverage is required (the floor gate fails for that)", () => {
      const input = gateInput({
        config: config({ gates: { required: ["coverage"] } }),
        extras: { changedLines: new Map([["src/app.py", [1]]]) },
      });
      expect(patchCoverageGate(input)).toMatchObject({
        status: "skipped",
        reason: "no coverage report for this commit",
      });
    });

    it("files without per-line data are left out and named", () => {
      const summaryOnly: FileCoverage = {
        path: "src/lib.py",
        lines: { covered: 5, total: 10, pct: 50 },
        missing: [6, 7, 8, 9, 10],
      };
      const result = patch({ "src/app.py": [1, 2], "src/lib.py": [6, 7] }, [app, summaryOnly]);
      expect(result).toMatchObject({
        status: "passed",
        reason:
          "100 % of 2 changed executable lines covered (patch floor 80 %) (1 changed file without per-line data in the report not counted)",
        details: { kind: "patch", uncovered: [], withoutLineData: ["src/lib.py"] },
      });
    });
  });
});
