import { describe, expect, it } from "vitest";
import { complexityGate } from "../../src/gates/complexity.js";
import type { ComplexityBlock } from "../../src/reports/model.js";
import { complexityReport, config, gateInput, merged } from "../support/gate-factories.js";

const block = (name: string, complexity: number): ComplexityBlock => ({
  file: "src/cli.py",
  name,
  complexity,
});

describe("complexity gate", () => {
  it.each([
    ["simple code", [block("a", 3)], 10, "passed", "highest complexity 3 (at most 10)"],
    ["exactly the limit passes", [block("a", 10)], 10, "passed", "highest complexity 10 (at most 10)"],
    [
      "over the limit",
      [block("a", 11), block("b", 23), block("c", 2)],
      10,
      "failed",
      "2 functions above complexity 10; worst: b in src/cli.py (23)",
    ],
    ["a lax limit", [block("a", 23)], 30, "passed", "highest complexity 23 (at most 30)"],
  ] as const)("%s", (_name, blocks, max_cyclomatic, status, reason) => {
    const input = gateInput({
      merged: merged({ complexity: complexityReport([...blocks]) }),
      config: config({ gates: { complexity: { max_cyclomatic } } }),
    });
    expect(complexityGate(input)).toMatchObject({ gate: "complexity", status, reason });
  });

  it("lists functions over the limit, most complex first, without reordering the report", () => {
    const blocks = [block("a", 11), block("b", 23)];
    const report = complexityReport(blocks);
    const result = complexityGate(gateInput({ merged: merged({ complexity: report }) }));
    expect(result.details).toEqual({ kind: "complexity", over: [block("b", 23), block("a", 11)] });
    expect(report.blocks.map((b) => b.name)).toEqual(["a", "b"]);
  });

  it("no functions measured: skipped; required: failed", () => {
    expect(complexityGate(gateInput({ merged: merged({ complexity: complexityReport([]) }) })).status).toBe(
      "skipped",
    );
    const input = gateInput({
      merged: merged({ complexity: complexityReport([]) }),
      config: config({ gates: { required: ["complexity"] } }),
    });
    expect(complexityGate(input).status).toBe("failed");
  });
});
