// Reports written by real tools for this project (fixtures/reports/coverage/<tool>/README.md says how);
// the expected counts were checked by hand against the sample sources next to them.
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { coberturaParser } from "../../../src/reports/coverage/cobertura.js";
import { coveragePyParser } from "../../../src/reports/coverage/coverage-py.js";
import { goCoverprofileParser } from "../../../src/reports/coverage/go-coverprofile.js";
import { jacocoParser } from "../../../src/reports/coverage/jacoco.js";
import { lcovParser } from "../../../src/reports/coverage/lcov.js";
import { simplecovParser } from "../../../src/reports/coverage/simplecov.js";
import { diskFile } from "../../../src/reports/file.js";
import type { CoverageReport, Report } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS, type FormatParser } from "../../../src/reports/parser.js";

const FIXTURES = resolve(fileURLToPath(import.meta.url), "../../../../fixtures/reports/coverage");
const ctx = { limits: DEFAULT_PARSE_LIMITS };

async function parse(parser: FormatParser, rel: string): Promise<CoverageReport> {
  const reports: Report[] = await parser.parse(await diskFile(join(FIXTURES, rel), rel), ctx);
  const r = reports[0];
  if (reports.length !== 1 || r?.kind !== "coverage")
    throw new Error(`expected one coverage report: ${JSON.stringify(reports)}`);
  return r;
}

describe("coverage.py 6.5.0 (fixtures/reports/coverage/coverage-py)", () => {
  it("XML: 16 of 19 lines, 7 of 8 branches; the <source> is joined to relative filenames", async () => {
    const r = await parse(coberturaParser, "coverage-py/coverage.xml");
    expect(r.files.map((f) => f.path)).toEqual(["/tmp/covpy/shapes.py", "/tmp/covpy/test_shapes.py"]);
    expect(r.lines).toMatchObject({ covered: 16, total: 19 });
    expect(r.lines.pct).toBeCloseTo((16 / 19) * 100, 10);
    expect(r.branches).toMatchObject({ covered: 7, total: 8 });
    const shapes = r.files[0];
    expect(shapes?.missing).toEqual([6, 21, 22]);
    expect(shapes?.lines).toMatchObject({ covered: 12, total: 15 });
    expect(shapes?.branches).toMatchObject({ covered: 7, total: 8 });
  });

  it("JSON: the same counts as the XML of the same run", async () => {
    const json = await parse(coveragePyParser, "coverage-py/coverage.json");
    const xml = await parse(coberturaParser, "coverage-py/coverage.xml");
    expect(json.lines).toEqual(xml.lines);
    expect(json.branches).toEqual(xml.branches);
    expect(json.files.map((f) => [f.path, f.lines, f.branches, f.missing])).toEqual(
      xml.files.map((f) => [f.path.replace("/tmp/covpy/", ""), f.lines, f.branches, f.missing]),
    );
  });

  it("JSON: `covered` is executed_lines as written (it includes the docstring line 1, not a statement)", async () => {
    const json = await parse(coveragePyParser, "coverage-py/coverage.json");
    expect(json.files[0]?.covered).toEqual([1, 4, 5, 7, 8, 9, 12, 13, 14, 15, 16, 17, 20]);
  });

  it("both are detected by content", async () => {
    const { readFileSync } = await import("node:fs");
    const head = (rel: string) => readFileSync(join(FIXTURES, rel), "utf8");
    expect(coberturaParser.sniff(head("coverage-py/coverage.xml"), "coverage.xml")).toBe(true);
    expect(coveragePyParser.sniff(head("coverage-py/coverage.json"), "coverage.json")).toBe(true);
  });
});

describe("Node.js 20 test runner LCOV (fixtures/reports/coverage/node-test)", () => {
  it("counts DA and BRDA records per file", async () => {
    const r = await parse(lcovParser, "node-test/lcov.info");
    expect(
      r.files.map((f) => [f.path, f.lines.covered, f.lines.total, f.branches?.covered, f.branches?.total]),
    ).toEqual([
      ["math.mjs", 9, 14, 4, 5],
      ["math.test.mjs", 8, 8, 2, 2],
    ]);
    expect(r.files[0]?.missing).toEqual([6, 7, 12, 13, 14]);
    expect(r.lines).toMatchObject({ covered: 17, total: 22 });
    expect(r.branches).toMatchObject({ covered: 6, total: 7 });
  });
});

describe("Go 1.19 cover profile (fixtures/reports/coverage/go)", () => {
  it("marks block lines: 7 of 14 lines (Go itself says 4 of 9 statements)", async () => {
    const r = await parse(goCoverprofileParser, "go/coverage.out");
    expect(r.files.map((f) => f.path)).toEqual(["example.com/tollgate/sample/grade.go"]);
    expect(r.files[0]?.covered).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(r.files[0]?.missing).toEqual([11, 15, 16, 17, 18, 19, 20]);
    expect(r.lines).toEqual({ covered: 7, total: 14, pct: 50 });
    expect(r.branches).toBeUndefined();
  });
});

describe("gcovr 5.2 Cobertura (fixtures/reports/coverage/gcc)", () => {
  it("9 of 11 lines, 3 of 4 branches; the '.' source adds nothing", async () => {
    const r = await parse(coberturaParser, "gcc/coverage.xml");
    expect(r.files.map((f) => [f.path, f.missing])).toEqual([["calc.c", [9, 10]]]);
    expect(r.lines).toMatchObject({ covered: 9, total: 11 });
    expect(r.branches).toEqual({ covered: 3, total: 4, pct: 75 });
  });
});

describe("lcov 1.16 tracefile of the same GCC run (fixtures/reports/coverage/gcc)", () => {
  it("agrees with gcovr's Cobertura line by line, although it has no LF/LH summary lines", async () => {
    const lcov = await parse(lcovParser, "gcc/lcov.info");
    const xml = await parse(coberturaParser, "gcc/coverage.xml");
    expect(lcov.files.map((f) => f.path)).toEqual(["/tmp/gcovr/calc.c"]);
    expect(lcov.files.map((f) => [f.lines, f.branches, f.missing, f.covered])).toEqual(
      xml.files.map((f) => [f.lines, f.branches, f.missing, f.covered]),
    );
  });
});

describe("JaCoCo 0.8.6 XML (fixtures/reports/coverage/jacoco)", () => {
  it("6 of 9 lines, 3 of 4 branches, with JaCoCo's DOCTYPE", async () => {
    const r = await parse(jacocoParser, "jacoco/jacoco.xml");
    expect(
      r.files.map((f) => [
        f.path,
        f.lines.covered,
        f.lines.total,
        f.missing,
        f.branches?.covered,
        f.branches?.total,
      ]),
    ).toEqual([
      ["com/acme/Main.java", 3, 4, [3], 0, 0],
      ["com/acme/Pricing.java", 3, 5, [3, 12], 3, 4],
    ]);
    expect(r.lines).toMatchObject({ covered: 6, total: 9 });
    expect(r.branches).toEqual({ covered: 3, total: 4, pct: 75 });
  });
});

describe("SimpleCov 0.22 .resultset.json (fixtures/reports/coverage/simplecov)", () => {
  it("5 of 7 lines, 1 of 2 branches", async () => {
    const r = await parse(simplecovParser, "simplecov/.resultset.json");
    expect(r.files.map((f) => [f.path, f.covered, f.missing])).toEqual([
      ["/tmp/rbcov/shipping.rb", [2, 3, 4, 7, 11], [5, 12]],
    ]);
    expect(r.lines).toMatchObject({ covered: 5, total: 7 });
    expect(r.branches).toEqual({ covered: 1, total: 2, pct: 50 });
  });
});
