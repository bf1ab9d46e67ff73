import { describe, expect, it } from "vitest";
import { buildReport, type FindingDraft } from "../../../src/reports/security/collect.js";
import { normaliseForFingerprint } from "../../../src/reports/security/fingerprint.js";
import { ctx } from "./helpers.js";

const header = { format: "test", tool: "Tool", source: "r.json" };

function draft(over: Partial<FindingDraft> = {}): FindingDraft {
  return {
    rule: "R1",
    severity: "high",
    message: "m",
    file: "a.py",
    line: 10,
    identity: ["x = eval(y)"],
    ...over,
  };
}

describe("buildReport", () => {
  it("keeps the fingerprint when only the line moves", () => {
    const before = buildReport(header, [draft({ line: 10 })], ctx).findings[0];
    const after = buildReport(header, [draft({ line: 42 })], ctx).findings[0];
    expect(after?.fingerprint).toBe(before?.fingerprint);
  });

  it.each([
    ["rule", { rule: "R2" }],
    ["file", { file: "b.py" }],
    ["identity", { identity: ["x = exec(y)"] }],
  ])("changes the fingerprint when the %s changes", (_what, over) => {
    const a = buildReport(header, [draft()], ctx).findings[0];
    const b = buildReport(header, [draft(over)], ctx).findings[0];
    expect(b?.fingerprint).not.toBe(a?.fingerprint);
  });

  it("counts a finding written twice once, but keeps same-looking findings at other lines apart", () => {
    const report = buildReport(header, [draft(), draft(), draft({ line: 20 })], ctx);
    expect(report.findings).toHaveLength(2);
    expect(report.counts.high).toBe(2);
    const [a, b] = report.findings;
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  it("numbers look-alikes by position, so adding one below keeps the first one's fingerprint", () => {
    const one = buildReport(header, [draft({ line: 10 })], ctx);
    const two = buildReport(header, [draft({ line: 30 }), draft({ line: 10 })], ctx);
    expect(two.findings[1]?.fingerprint).toBe(one.findings[0]?.fingerprint);
  });

  it("tells findings apart by their dedupe parts without storing them", () => {
    const report = buildReport(header, [draft({ dedupe: ["s1"] }), draft({ dedupe: ["s2"] })], ctx);
    expect(report.findings).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain("s1");
  });

  it("counts severities and secrets and clips long text", () => {
    const long = "x".repeat(ctx.limits.maxTextChars + 50);
    const report = buildReport(
      header,
      [draft({ message: long }), draft({ rule: "S", category: "secret", severity: "unknown", identity: [] })],
      ctx,
    );
    expect(report.counts).toEqual({ critical: 0, high: 1, medium: 0, low: 0, info: 0, unknown: 1 });
    expect(report.secrets).toBe(1);
    expect(report.findings[0]?.message).toMatch(/… \(50 more characters\)$/);
  });

  it("drops impossible lines (0, negative, end before start)", () => {
    const [f] = buildReport(header, [draft({ line: 0, end_line: -3 })], ctx).findings;
    expect(f?.line).toBeUndefined();
    expect(f?.end_line).toBeUndefined();
    const [g] = buildReport(header, [draft({ line: 9, end_line: 3 })], ctx).findings;
    expect(g).toMatchObject({ line: 9 });
    expect(g?.end_line).toBeUndefined();
  });

  it("normalises text for fingerprints: case, digits, whitespace", () => {
    expect(normaliseForFingerprint("  Found at LINE 12\n\tin  x ")).toBe(
      normaliseForFingerprint("found at line 99 in x"),
    );
  });
});
