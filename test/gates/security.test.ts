import { describe, expect, it } from "vitest";
import { securityGate } from "../../src/gates/security.js";
import type { Finding } from "../../src/reports/model.js";
import { baseline, config, finding, gateInput, merged, securityReport } from "../support/gate-factories.js";

const many = (n: number, severity: Finding["severity"]) => Array.from({ length: n }, () => finding(severity));

function run(findings: Finding[], security: Record<string, number> = {}) {
  return securityGate(
    gateInput({
      merged: merged({ security: securityReport(findings) }),
      config: config({ gates: { security } }),
    }),
  );
}

describe("security gate", () => {
  it.each([
    ["no findings", [], {}, "passed", "within the caps: 0 critical, 0 high, 0 medium, 0 leaked secrets"],
    [
      "medium findings up to the cap pass",
      many(5, "medium"),
      {},
      "passed",
      "within the caps: 0 critical, 0 high, 5 medium, 0 leaked secrets",
    ],
    ["one medium over the cap fails", many(6, "medium"), {}, "failed", "6 medium (max 5)"],
    ["one critical fails by default", many(1, "critical"), {}, "failed", "1 critical (max 0)"],
    [
      "several caps exceeded are all named",
      [...many(1, "critical"), ...many(2, "high")],
      {},
      "failed",
      "1 critical (max 0), 2 high (max 0)",
    ],
    [
      "a team that accepts high findings",
      many(3, "high"),
      { max_high: 1000000 },
      "passed",
      "within the caps: 0 critical, 3 high, 0 medium, 0 leaked secrets",
    ],
    [
      "low, info and unknown are never capped",
      [...many(50, "low"), ...many(5, "info"), ...many(5, "unknown")],
      {},
      "passed",
      "within the caps: 0 critical, 0 high, 0 medium, 0 leaked secrets",
    ],
    [
      "a leaked secret fails",
      [finding("high", { category: "secret" })],
      { max_high: 5 },
      "failed",
      "1 leaked secret (max 0)",
    ],
  ] as const)("%s", (_name, findings, caps, status, reason) => {
    expect(run([...findings], { ...caps })).toMatchObject({ gate: "security", status, reason });
  });

  it("has one child per cap with value and threshold", () => {
    const result = run([...many(2, "high")], { max_high: 1 });
    expect(result.children?.map((child) => [child.gate, child.status, child.value, child.threshold])).toEqual(
      [
        ["critical", "passed", 0, 0],
        ["high", "failed", 2, 1],
        ["medium", "passed", 0, 5],
        ["secrets", "passed", 0, 0],
      ],
    );
  });

  it("counts secrets from categories when the parser gave no secret count", () => {
    const report = securityReport([finding("unknown", { category: "secret" })]);
    delete report.secrets;
    const result = securityGate(gateInput({ merged: merged({ security: report }) }));
    expect(result).toMatchObject({ status: "failed", reason: "1 leaked secret (max 0)" });
  });

  it("lists new findings apart from existing ones, by fingerprint, and the fixed ones", () => {
    const kept = finding("high", { fingerprint: "same" });
    const keptAgain = { ...kept, line: 99 }; // moved, same fingerprint
    const added = finding("critical");
    const gone = finding("medium");
    const input = gateInput({
      merged: merged({ security: securityReport([keptAgain, added]) }),
      baseline: baseline({ security: securityReport([kept, gone]) }),
    });
    const result = securityGate(input);
    expect(result.details).toEqual({
      kind: "findings",
      compared: true,
      new: [added],
      existing: [keptAgain],
      fixed: [gone],
    });
    expect(result.reason).toBe("1 critical (max 0), 1 high (max 0); 1 new since the base commit");
  });

  it("without a baseline every finding is listed as not compared", () => {
    const all = many(2, "low");
    const result = run(all);
    expect(result.details).toEqual({ kind: "findings", compared: false, new: all, existing: [], fixed: [] });
  });

  it("a baseline without a security report compares with nothing (all new)", () => {
    const all = many(1, "low");
    const input = gateInput({ merged: merged({ security: securityReport(all) }), baseline: baseline({}) });
    expect(securityGate(input).details).toMatchObject({ compared: false, new: all });
  });

  describe("missing data", () => {
    it("no security report: skipped; required: failed", () => {
      expect(securityGate(gateInput()).status).toBe("skipped");
      expect(
        securityGate(gateInput({ config: config({ gates: { required: ["security"] } }) })),
      ).toMatchObject({
        status: "failed",
        reason: "no readable security report was found, and security is required",
      });
    });

    it("an empty scan that ran is a pass, not a skip", () => {
      expect(run([]).status).toBe("passed");
    });
  });
});
