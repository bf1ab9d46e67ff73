import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flaggedLine } from "../../../src/reports/security/bandit.js";
import { json, only, parseDisk, parseText } from "./helpers.js";

const REAL = join(import.meta.dirname, "../../../fixtures/reports/security/bandit/bandit-1.6.2.json");

describe("Bandit", () => {
  it("reads the real Bandit 1.6.2 report: 9 issues, severities as Bandit's own metrics say", async () => {
    const r = only(await parseDisk(REAL, "bandit-report.json"));
    expect(r.format).toBe("bandit");
    expect(r.counts).toEqual({ critical: 0, high: 1, medium: 4, low: 4, info: 0, unknown: 0 });
    expect(r.findings.map((f) => `${f.rule}@${f.line}`)).toEqual([
      "B403@2",
      "B404@3",
      "B602@10",
      "B301@14",
      "B303@18",
      "B506@22",
      "B101@26",
      "B307@28",
      "B110@29",
    ]);
    expect(r.findings[2]).toMatchObject({ file: "app.py", severity: "high", category: "vulnerability" });
  });

  it("fingerprints by the flagged line's text, so inserting lines above changes nothing", async () => {
    const result = (line: number, code: string) => ({
      test_id: "B307",
      issue_severity: "MEDIUM",
      issue_confidence: "HIGH",
      issue_text: "Use of possibly insecure function",
      filename: "./app.py",
      line_number: line,
      line_range: [line],
      code,
    });
    const a = only(
      await parseText(json({ results: [result(5, "4 x = 1\n5 eval(s)\n6 y = 2\n")] }), "b.json"),
    );
    const b = only(
      await parseText(json({ results: [result(9, "8 z = 0\n9 eval(s)\n10 w = 3\n")] }), "b.json"),
    );
    expect(a.findings[0]?.fingerprint).toBe(b.findings[0]?.fingerprint);
    expect(a.findings[0]?.file).toBe("app.py");
  });

  it.each([
    ["9 def f():\n10     x()\n", 10, "    x()"],
    ["9 def f():\n", 10, undefined],
    [undefined, 10, undefined],
  ])("flaggedLine(%j, %s)", (code, line, want) => {
    expect(flaggedLine(code, line)).toBe(want);
  });

  it("UNDEFINED severity stays unknown", async () => {
    const doc = {
      results: [{ test_id: "B000", issue_severity: "UNDEFINED", filename: "a.py", line_number: 1 }],
    };
    expect(only(await parseText(json(doc), "bandit.json")).counts.unknown).toBe(1);
  });
});
