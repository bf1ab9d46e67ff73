// The tests gate on real JUnit files against the conclusion publish-unit-test-result-action computes
// for them (conformance corpus, expected.conclusion). Where a file has no test case at all, Tollgate
// deliberately differs: the gate is skipped (nothing ran), and fails only when tests are required.
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { evaluateGates } from "../../src/gates/evaluate.js";
import { mergeReports } from "../../src/reports/merge.js";
import { parseReportPaths } from "../../src/reports/parse-file.js";
import { CONFORMANCE_DIR, entriesOf } from "../support/conformance.js";
import { config } from "../support/gate-factories.js";

interface Expected {
  conclusion?: unknown;
  tests?: unknown;
}

const cases = entriesOf("junit-xml").flatMap((entry) => {
  const expected = (entry.expected ?? {}) as Expected;
  if (expected.conclusion !== "success" && expected.conclusion !== "failure") return [];
  return [
    { path: entry.path, name: entry.path.split("/").slice(-2).join("/"), conclusion: expected.conclusion },
  ];
});

async function evaluate(path: string, required: boolean) {
  const { reports } = await parseReportPaths([path], { cwd: CONFORMANCE_DIR });
  const merged = mergeReports(reports);
  const cfg = required ? config({ gates: { required: ["tests"] } }) : DEFAULT_CONFIG;
  const gate = evaluateGates(merged, undefined, cfg).gates.find((g) => g.gate === "tests");
  return { cases: merged.tests?.totals.tests ?? 0, status: gate?.status };
}

describe("tests gate on the conformance corpus", () => {
  it("has cases to check", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)("$name → $conclusion", async ({ path, conclusion }) => {
    const result = await evaluate(path, false);
    if (result.cases > 0) {
      expect(result.status).toBe(conclusion === "failure" ? "failed" : "passed");
    } else {
      // No test case read (empty suite, or not JUnit at all): nothing ran, so skipped; failed when required.
      expect(result.status).toBe("skipped");
      expect((await evaluate(path, true)).status).toBe("failed");
    }
  });
});
