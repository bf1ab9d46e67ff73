import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import type { SecurityReport } from "../../../src/reports/model.js";
import { sarifParser } from "../../../src/reports/security/sarif.js";
import { uriToPath } from "../../../src/reports/security/sarif-location.js";
import { ctx, detect, parseDisk, parseText } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "../../../fixtures/reports/security/sarif");

async function edgeCases(): Promise<Map<string, SecurityReport>> {
  const reports = await parseDisk(join(FIXTURES, "handwritten-edge-cases.sarif"), "edge.sarif");
  const out = new Map<string, SecurityReport>();
  for (const r of reports) if (r.kind === "security") out.set(r.tool, r);
  return out;
}

function log(results: unknown[], driver: Record<string, unknown> = { name: "T" }): string {
  return JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver }, results }] });
}

describe("SARIF", () => {
  it("makes one report per run, named by the driver", async () => {
    const runs = await edgeCases();
    expect([...runs.keys()]).toEqual(["IndexOnly", "Suppressor", "BaseIds", "secret-scanner"]);
  });

  it("finds rules by ruleIndex or extension index and fills messageStrings", async () => {
    const run = (await edgeCases()).get("IndexOnly");
    expect(run?.findings.map((f) => [f.rule, f.severity, f.message, f.file ?? null])).toEqual([
      ["IO001", "critical", "Query built from request.args reaches cursor.execute.", "app/db.py"],
      ["IO002", "low", "md5 used", "app/hash.py"],
      ["IO003", "medium", "Unchecked return value", null],
      ["EXT9", "high", "extension rule hit", "app/ext.py"],
      ["IO002", "info", "needs a human look", null],
      ["IO002", "medium", "zero score falls back to level", null],
    ]);
    expect(run?.findings[0]).toMatchObject({ line: 12, end_line: 14 });
  });

  it("leaves out accepted suppressions (status absent or accepted) and keeps underReview/rejected", async () => {
    const run = (await edgeCases()).get("Suppressor");
    expect(run?.findings.map((f) => f.rule)).toEqual(["S3", "S4", "S5", "S6"]);
    expect(run?.counts).toMatchObject({ high: 1, medium: 3 });
  });

  it("resolves originalUriBaseIds (chained), artifact indexes and file: URIs", async () => {
    const run = (await edgeCases()).get("BaseIds");
    expect(run?.findings.map((f) => f.file ?? null)).toEqual([
      "/home/runner/work/app/app/main.js",
      "/home/runner/work/app/app/src/util/x.js",
      "/home/runner/work/app/app/lib/from-artifacts.js",
      "C:/code/my file.c",
      "rel/path.go",
      null,
    ]);
  });

  it("marks secret-tagged rules as secrets and never keeps the snippet", async () => {
    const run = (await edgeCases()).get("secret-scanner");
    expect(run?.secrets).toBe(1);
    expect(run?.findings[0]).toMatchObject({ category: "secret", message: "AWS key [REDACTED] found" });
    expect(JSON.stringify(run)).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it.each([
    ["file:///home/u/a.js", "/home/u/a.js"],
    ["file:///C:/x/y.c", "C:/x/y.c"],
    ["file://host/share/z.c", "/share/z.c"],
    ["src/a%20b.ts", "src/a b.ts"],
    ["src/bad%zz.ts", "src/bad%zz.ts"],
    ["https://example.test/x", "https://example.test/x"],
  ])("uriToPath(%s) = %s", (uri, want) => {
    expect(uriToPath(uri)).toBe(want);
  });

  it("keeps the fingerprint when a result moves but its partialFingerprints stay", async () => {
    const at = (line: number) =>
      log([
        {
          ruleId: "js/xss",
          message: { text: `flows at line ${line}` },
          partialFingerprints: { primaryLocationLineHash: "abc:1" },
          locations: [
            { physicalLocation: { artifactLocation: { uri: "a.js" }, region: { startLine: line } } },
          ],
        },
      ]);
    const [a] = await parseText(at(3), "x.sarif");
    const [b] = await parseText(at(30), "x.sarif");
    expect(a?.kind === "security" && b?.kind === "security").toBe(true);
    if (a?.kind === "security" && b?.kind === "security") {
      expect(a.findings[0]?.fingerprint).toBe(b.findings[0]?.fingerprint);
    }
  });

  it("detects SARIF with a .json name by its content, and not other JSON with runs", () => {
    expect(detect(log([]), "reports/codeql.json")?.format).toBe("sarif");
    expect(
      detect('{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","runs":[]}', "x.json")?.format,
    ).toBe("sarif");
    expect(sarifParser.sniff('{"runs": [{"id": 1}], "pipeline": "ci"}', "ci.json")).toBe(false);
  });

  it.each([
    ["not JSON", "{ runs: ", /not valid JSON/],
    ["no runs", '{"version":"2.1.0"}', /"runs" is missing/],
    ["results not an array", log(3 as unknown as unknown[]), /"results" is not an array/],
  ])("reports %s as unreadable with a reason", async (_what, text, reason) => {
    const [r] = await sarifParser.parse(memoryFile("bad.sarif", text), ctx);
    expect(r?.kind).toBe("unreadable");
    if (r?.kind === "unreadable") expect(r.reason).toMatch(reason);
  });

  it("uses the level of the result, then the rule default, then warning", async () => {
    const rules = [{ id: "A", defaultConfiguration: { level: "error" } }, { id: "B" }];
    const text = log(
      [
        { ruleId: "A", message: { text: "1" } },
        { ruleId: "A", level: "note", message: { text: "2" } },
        { ruleId: "B", message: { text: "3" } },
        { ruleId: "C", level: "none", message: { text: "4" } },
      ],
      { name: "T", rules },
    );
    const [r] = await parseText(text, "l.sarif");
    expect(r?.kind === "security" ? r.findings.map((f) => f.severity) : r).toEqual([
      "high",
      "low",
      "medium",
      "info",
    ]);
  });
});

describe("SARIF from real tools", () => {
  it("Flawfinder 2.0.19: levels map to severities, fingerprints are distinct", async () => {
    const reports = await parseDisk(
      join(FIXTURES, "../flawfinder/flawfinder-2.0.19.sarif"),
      "flawfinder.sarif",
    );
    const [r] = reports;
    expect(reports).toHaveLength(1);
    if (r?.kind !== "security") throw new Error("expected a security report");
    expect(r.tool).toBe("Flawfinder");
    expect(r.counts).toEqual({ critical: 0, high: 4, medium: 1, low: 2, info: 0, unknown: 0 });
    expect(r.findings.map((f) => `${f.rule}@${f.line}`)).toEqual([
      "FF1013@6",
      "FF1001@7",
      "FF1016@8",
      "FF1013@12",
      "FF1015@14",
      "FF1044@15",
      "FF1037@18",
    ]);
    expect(new Set(r.findings.map((f) => f.fingerprint)).size).toBe(7);
  });
});

describe("SARIF from ESLint", () => {
  it("ESLint 9.39.5: the eslint-disable'd result (inSource suppression, no status) is not counted", async () => {
    const reports = await parseDisk(join(FIXTURES, "../eslint/eslint-9.39.5.sarif"), "eslint.sarif");
    const [r] = reports;
    if (r?.kind !== "security") throw new Error("expected a security report");
    expect(r.tool).toBe("ESLint");
    expect(r.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ["no-eval", "high", 2],
      ["eqeqeq", "medium", 5],
      ["no-debugger", "medium", 6],
    ]);
    expect(r.findings[0]?.file).toBe("/tmp/eslint-sarif/src/app.js");
  });
});
