// Hand-written inputs (written for these tests, not tool output) for the edge cases of the coverage formats:
// empty reports, a file listed twice, branches without lines, NaN, huge hit counts, Windows paths, broken XML.
import { describe, expect, it } from "vitest";
import { cloverParser } from "../../../src/reports/coverage/clover.js";
import { coberturaParser } from "../../../src/reports/coverage/cobertura.js";
import { coveragePyParser } from "../../../src/reports/coverage/coverage-py.js";
import { goCoverprofileParser } from "../../../src/reports/coverage/go-coverprofile.js";
import { coverageParsers } from "../../../src/reports/coverage/index.js";
import { istanbulParser, istanbulSummaryParser } from "../../../src/reports/coverage/istanbul.js";
import { jacocoParser } from "../../../src/reports/coverage/jacoco.js";
import { lcovParser } from "../../../src/reports/coverage/lcov.js";
import { simplecovParser } from "../../../src/reports/coverage/simplecov.js";
import { memoryFile } from "../../../src/reports/file.js";
import type { CoverageReport, Report } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS, type FormatParser } from "../../../src/reports/parser.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };

async function run(parser: FormatParser, text: string, path = "report"): Promise<Report> {
  const reports = await parser.parse(memoryFile(path, text), ctx);
  expect(reports).toHaveLength(1);
  const r = reports[0];
  if (!r) throw new Error("no report");
  return r;
}

async function coverage(parser: FormatParser, text: string): Promise<CoverageReport> {
  const r = await run(parser, text);
  if (r.kind !== "coverage") throw new Error(`expected coverage, got ${JSON.stringify(r)}`);
  return r;
}

/** path, covered/total lines, missing, covered, branches c/t (or "-") per file. */
function view(r: CoverageReport): string[] {
  return r.files.map(
    (f) =>
      `${f.path} ${f.lines.covered}/${f.lines.total} missing=${f.missing.join(",")} covered=${(f.covered ?? []).join(",")} branches=${f.branches ? `${f.branches.covered}/${f.branches.total}` : "-"}`,
  );
}

describe("LCOV", () => {
  it.each([
    ["zero bytes", ""],
    ["only whitespace", "\n\n  \n"],
  ])("an empty file (%s) is unreadable, saying so", async (_n, text) => {
    expect(await run(lcovParser, text)).toMatchObject({
      kind: "unreadable",
      reason: "file is empty: no LCOV records",
    });
  });

  it("a file listed in two records is merged at line level (covered in either wins)", async () => {
    const r = await coverage(
      lcovParser,
      "TN:unit\nSF:src/a.js\nDA:1,1\nDA:2,0\nBRDA:2,0,0,0\nBRDA:2,0,1,1\nend_of_record\n" +
        "TN:integration\nSF:src/a.js\nDA:2,3\nDA:3,0\nBRDA:2,0,0,1\nend_of_record\n",
    );
    expect(view(r)).toEqual(["src/a.js 2/3 missing=3 covered=1,2 branches=2/2"]);
    expect(r.lines).toEqual({ covered: 2, total: 3, pct: (2 / 3) * 100 });
  });

  it("hit counts beyond Number precision only need to be > 0", async () => {
    const r = await coverage(
      lcovParser,
      "SF:a.c\nDA:1,18446744073709551615\nDA:2,99999999999999999999999999\nDA:3,0\nend_of_record\n",
    );
    expect(view(r)).toEqual(["a.c 2/3 missing=3 covered=1,2 branches=-"]);
  });

  it("branches without lines; '-' means the block never ran", async () => {
    const r = await coverage(
      lcovParser,
      "SF:b.js\nBRDA:4,0,0,-\nBRDA:4,0,1,2\nBRF:2\nBRH:1\nend_of_record\n",
    );
    expect(view(r)).toEqual(["b.js 0/0 missing= covered= branches=1/2"]);
    expect(r.branches).toEqual({ covered: 1, total: 2, pct: 50 });
  });

  it("declared LF/LH are ignored in favour of the DA records", async () => {
    const r = await coverage(lcovParser, "SF:c.js\nDA:1,1\nDA:2,0\nLF:10\nLH:10\nend_of_record\n");
    expect(r.lines).toEqual({ covered: 1, total: 2, pct: 50 });
  });

  it("Windows paths get forward slashes; CRLF, checksums and virtual modules are handled", async () => {
    const r = await coverage(
      lcovParser,
      "SF:C:\\work\\app\\src\\x.ts\r\nDA:1,1,abc123\r\nend_of_record\r\nSF:dist/<define:DATA>\r\nDA:1,1\r\nend_of_record\r\n",
    );
    expect(view(r)).toEqual(["C:/work/app/src/x.ts 1/1 missing= covered=1 branches=-"]);
  });

  it("text without any SF: record is not LCOV", async () => {
    expect(await run(lcovParser, "DA:1,1\n")).toMatchObject({ kind: "unreadable" });
  });
});

const COBERTURA_HEAD =
  '<?xml version="1.0"?>\n<coverage line-rate="NaN" lines-valid="NaN" branch-rate="NaN" version="1">';

describe("Cobertura", () => {
  it("NaN attributes do not break parsing; a hits value of NaN is an uncovered line", async () => {
    const r = await coverage(
      coberturaParser,
      `${COBERTURA_HEAD}<packages><package name="" line-rate="NaN"><classes><class name="a" filename="a.m" line-rate="NaN">` +
        '<lines><line number="1" hits="NaN"/><line number="2" hits="3"/></lines></class></classes></package></packages></coverage>',
    );
    expect(view(r)).toEqual(["a.m 1/2 missing=1 covered=2 branches=-"]);
  });

  it("a file in several classes is merged by filename at line level; method copies do not add lines", async () => {
    const r = await coverage(
      coberturaParser,
      `${COBERTURA_HEAD}<packages><package name="p"><classes>` +
        '<class name="A" filename="src/A.cs"><methods><method name="m"><lines><line number="1" hits="1"/><line number="9" hits="0"/></lines></method></methods>' +
        '<lines><line number="1" hits="1"/><line number="2" hits="0" branch="True" condition-coverage="50% (1/2)"/></lines></class>' +
        '<class name="A+Inner" filename="src/A.cs"><lines><line number="2" hits="4" branch="True" condition-coverage="100% (2/2)"/><line number="3" hits="0"/></lines></class>' +
        "</classes></package></packages></coverage>",
    );
    expect(view(r)).toEqual(["src/A.cs 2/3 missing=3 covered=1,2 branches=2/2"]);
  });

  it.each([
    ["one source", ["/home/runner/work/r/r/src/"], "a/b.py", "/home/runner/work/r/r/src/a/b.py"],
    ["Windows source and filename", ["D:\\a\\r\\r\\src\\"], "Lib\\X.cs", "D:/a/r/r/src/Lib/X.cs"],
    ["an empty source and one absolute one (coverage.py)", ["", "/src"], "b.py", "/src/b.py"],
    [
      "a bogus relative source next to an absolute one (scoverage)",
      ["--source", "/s"],
      "b.scala",
      "/s/b.scala",
    ],
    ["two absolute sources: ambiguous, left relative", ["/x", "/y"], "b.py", "b.py"],
    ["no sources", [], "b.py", "b.py"],
    ["an absolute filename is kept", ["/x"], "/abs/b.py", "/abs/b.py"],
  ])("sources: %s", async (_name, sources, filename, path) => {
    const xml =
      `${COBERTURA_HEAD}<sources>${sources.map((s) => `<source>${s}</source>`).join("")}</sources>` +
      `<packages><package><classes><class filename="${filename}"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>`;
    expect((await coverage(coberturaParser, xml)).files.map((f) => f.path)).toEqual([path]);
  });

  it("an empty report has no files and 0 of 0 lines", async () => {
    const r = await coverage(coberturaParser, '<coverage line-rate="1"><sources/><packages/></coverage>');
    expect(r).toMatchObject({ files: [], lines: { covered: 0, total: 0, pct: 0 } });
    expect(r.branches).toBeUndefined();
  });

  // Decision (coverallsapp cobertura.xml): surplus closing tags after the last element are tolerated — no
  // data can be lost there — but broken markup with elements after it, or a truncated file, is unreadable.
  const BODY = `${COBERTURA_HEAD}<packages><package><classes><class filename="a.py"><lines><line number="1" hits="1"/></lines></class>`;
  it("stray closing tags after the last element: accepted, nothing lost", async () => {
    const r = await coverage(
      coberturaParser,
      `${BODY}</methods></lines></classes></package></packages></coverage></class>`,
    );
    expect(view(r)).toEqual(["a.py 1/1 missing= covered=1 branches=-"]);
  });

  it.each([
    [
      "a stray closing tag followed by more elements",
      `${BODY}</methods><class filename="b.py"></class></classes></package></packages></coverage>`,
    ],
    ["a truncated file", `${BODY}</classes></pack`],
    ["an unclosed root", BODY],
    ["text after the root element", "<coverage><packages/></coverage>junk"],
    ["a second root element (two reports concatenated)", "<coverage><packages/></coverage><coverage/>"],
  ])("%s: unreadable", async (_name, xml) => {
    expect(await run(coberturaParser, xml)).toMatchObject({ kind: "unreadable", format: "cobertura" });
  });

  it("a document whose root is not <coverage> is refused", async () => {
    expect(await run(coberturaParser, "<report/>")).toMatchObject({ kind: "unreadable" });
  });

  it("an entity declared in a DTD is never expanded", async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE coverage [<!ENTITY x SYSTEM "file:///etc/passwd">]><coverage><sources><source>&x;</source></sources></coverage>`;
    expect(await run(coberturaParser, xml)).toMatchObject({ kind: "unreadable" });
  });
});

describe("JaCoCo", () => {
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">' +
    '<report name="demo"><sessioninfo id="s" start="1" dump="2"/><group name="mod"><package name="com/acme">' +
    '<class name="com/acme/A" sourcefilename="A.java"/><sourcefile name="A.java">' +
    '<line nr="3" mi="0" ci="3" mb="1" cb="1"/><line nr="5" mi="2" ci="0" mb="0" cb="0"/><counter type="LINE" missed="99" covered="99"/>' +
    '</sourcefile></package></group><package name=""><sourcefile name="Main.java"><line nr="1" mi="0" ci="1" mb="0" cb="0"/></sourcefile></package></report>';

  it("accepts JaCoCo's DOCTYPE without fetching it; counts lines and branches; ignores <counter>", async () => {
    expect(jacocoParser.sniff(xml, "jacoco.xml")).toBe(true);
    const r = await coverage(jacocoParser, xml);
    expect(view(r)).toEqual([
      "com/acme/A.java 1/2 missing=5 covered=3 branches=1/2",
      "Main.java 1/1 missing= covered=1 branches=0/0",
    ]);
  });
});

describe("Clover", () => {
  const head =
    '<?xml version="1.0"?><coverage generated="1" clover="3.2.0"><project timestamp="1"><package name="p">';
  it("Istanbul's cond lines carry covered/uncovered paths; method lines are not line coverage", async () => {
    const r = await coverage(
      cloverParser,
      `${head}<file name="a.ts" path="/w/a.ts"><line num="1" count="2" type="stmt"/><line num="2" count="1" type="cond" truecount="1" falsecount="2"/>` +
        '<line num="3" type="method" name="f" count="0"/><line num="4" count="0" type="stmt"/></file></package></project></coverage>',
    );
    expect(view(r)).toEqual(["/w/a.ts 2/3 missing=4 covered=1,2 branches=1/3"]);
  });

  it("OpenClover's cond lines count how often the condition was true and false: two branches", async () => {
    const r = await coverage(
      cloverParser,
      `${head}<file name="B.java"><line num="7" type="cond" truecount="5" falsecount="0"/></file></package></project></coverage>`,
    );
    expect(view(r)).toEqual(["B.java 1/1 missing= covered=7 branches=1/2"]);
  });

  it("is told apart from Cobertura, which also has a <coverage> root", () => {
    expect(cloverParser.sniff(head, "clover.xml")).toBe(true);
    expect(coberturaParser.sniff(head, "clover.xml")).toBe(false);
    expect(cloverParser.sniff(`${COBERTURA_HEAD}<sources>`, "coverage.xml")).toBe(false);
    expect(coberturaParser.sniff(`${COBERTURA_HEAD}<sources>`, "coverage.xml")).toBe(true);
  });
});

describe("Istanbul", () => {
  const map = {
    "/w/src/a.js": {
      path: "/w/src/a.js",
      statementMap: {
        "0": { start: { line: 1, column: 0 }, end: { line: 1, column: 9 } },
        "1": { start: { line: 1, column: 10 }, end: { line: 3, column: 1 } },
        "2": { start: { line: 2, column: 2 }, end: { line: 2, column: 9 } },
        "3": { start: { line: 5, column: 0 }, end: { line: 5, column: 9 } },
      },
      s: { "0": 0, "1": 4, "2": 0, "3": 1, "9": 7 },
      branchMap: {},
      b: { "0": [1, 0], "1": [0, 0, 3] },
      fnMap: {},
      f: {},
    },
  };

  it("a line's count is the largest of the statements starting on it; every b entry is a branch", async () => {
    const r = await coverage(istanbulParser, JSON.stringify(map));
    expect(view(r)).toEqual(["/w/src/a.js 2/3 missing=2 covered=1,5 branches=2/5"]);
  });

  it("accepts the older {data: {...}} wrapping of a file's coverage", async () => {
    const wrapped = { "/w/src/a.js": { data: map["/w/src/a.js"] } };
    expect(view(await coverage(istanbulParser, JSON.stringify(wrapped)))).toEqual(
      view(await coverage(istanbulParser, JSON.stringify(map))),
    );
  });

  it("coverage-summary.json: totals per file, no line numbers", async () => {
    const summary = {
      total: { lines: { total: 10, covered: 5, skipped: 0, pct: 50 } },
      "/w/a.js": {
        lines: { total: 4, covered: 3, skipped: 0, pct: 75 },
        branches: { total: 2, covered: 1, skipped: 0, pct: 50 },
      },
      "/w/b.js": {
        lines: { total: 6, covered: 2, skipped: 0, pct: 33.33 },
        branches: { total: 0, covered: 0, skipped: 0, pct: 100 },
      },
    };
    const text = JSON.stringify(summary);
    expect(istanbulSummaryParser.sniff(text, "coverage-summary.json")).toBe(true);
    expect(istanbulParser.sniff(text, "coverage-summary.json")).toBe(false);
    const r = await coverage(istanbulSummaryParser, text);
    expect(view(r)).toEqual([
      "/w/a.js 3/4 missing= covered= branches=1/2",
      "/w/b.js 2/6 missing= covered= branches=0/0",
    ]);
    expect(r.files[0]?.covered).toBeUndefined();
    expect(r.lines).toEqual({ covered: 5, total: 10, pct: 50 });
  });

  it("something that is not a coverage map is unreadable", async () => {
    expect(await run(istanbulParser, '{"a": {"nope": 1}}')).toMatchObject({
      kind: "unreadable",
      format: "istanbul",
    });
    expect(await run(istanbulParser, "{not json")).toMatchObject({ kind: "unreadable" });
  });
});

describe("coverage.py JSON", () => {
  it("without --branch there is no branch ratio; inconsistent summaries fall back to counting", async () => {
    const doc = {
      meta: { version: "7.6.1", branch_coverage: false },
      files: {
        "src\\w.py": {
          executed_lines: [1, 2],
          missing_lines: [3],
          summary: { num_statements: 99, covered_lines: 1 },
        },
      },
    };
    const text = JSON.stringify(doc);
    expect(coveragePyParser.sniff(text, "coverage.json")).toBe(true);
    const r = await coverage(coveragePyParser, text);
    expect(view(r)).toEqual(["src/w.py 2/3 missing=3 covered=1,2 branches=-"]);
    expect(r.branches).toBeUndefined();
  });
});

describe("Go cover profile", () => {
  it("marks every line of a block; a line is covered when any block on it ran; 0-statement blocks mark nothing", async () => {
    const r = await coverage(
      goCoverprofileParser,
      "mode: count\nexample.com/m/a.go:3.10,5.2 2 0\nexample.com/m/a.go:5.2,6.3 1 4\nexample.com/m/a.go:9.1,9.5 0 1\n",
    );
    expect(view(r)).toEqual(["example.com/m/a.go 2/4 missing=3,4 covered=5,6 branches=-"]);
  });

  it("a line that is not a block is unreadable, naming the line", async () => {
    expect(await run(goCoverprofileParser, "mode: set\nnonsense\n")).toMatchObject({
      kind: "unreadable",
      reason: expect.stringContaining("line 2"),
    });
  });
});

describe("SimpleCov", () => {
  it("simplecov_json_formatter's coverage.json: 'ignored' lines and branches do not count", async () => {
    const doc = {
      meta: { simplecov_version: "0.22.0" },
      coverage: {
        "/app/lib/a.rb": {
          lines: [null, 1, 0, "ignored", 2],
          branches: [
            { type: "then", start_line: 2, end_line: 2, coverage: 1 },
            { type: "else", start_line: 3, end_line: 3, coverage: 0 },
            { type: "else", start_line: 4, end_line: 4, coverage: "ignored" },
          ],
        },
      },
      groups: {},
    };
    const text = JSON.stringify(doc);
    expect(simplecovParser.sniff(text, "coverage.json")).toBe(true);
    expect(view(await coverage(simplecovParser, text))).toEqual([
      "/app/lib/a.rb 2/3 missing=3 covered=2,5 branches=1/2",
    ]);
  });

  it("several command names in a resultset are merged", async () => {
    const doc = {
      RSpec: { coverage: { "a.rb": { lines: [1, 0, null] } } },
      Cucumber: { coverage: { "a.rb": { lines: [0, 3, null] } } },
    };
    expect(view(await coverage(simplecovParser, JSON.stringify(doc)))).toEqual([
      "a.rb 2/2 missing= covered=1,2 branches=-",
    ]);
  });
});

describe("detection order", () => {
  it.each([
    ["lcov", "TN:\nSF:a.js\nDA:1,1\nend_of_record\n"],
    ["go-coverprofile", "mode: atomic\na.go:1.1,2.2 1 1\n"],
    ["cobertura", `${COBERTURA_HEAD}<sources/>`],
    ["clover", '<coverage generated="1"><project timestamp="1">'],
    ["jacoco", '<!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="x">'],
    ["coverage.py", '{"meta": {"version": "7.6.1"}, "files": {"a.py": {"executed_lines": [1]'],
    ["istanbul", '{"/a.js": {"path": "/a.js", "statementMap": {}, "s": {}'],
    [
      "istanbul",
      `{"/a.js": {"path": "/a.js", "statementMap": {${'"0": {"start": {"line": 1}},'.repeat(3000)}`,
    ],
    ["istanbul-summary", '{"total": {"lines": {"total": 1'],
    ["simplecov", '{"RSpec": {"coverage": {"a.rb": [1]'],
    [
      "cobertura",
      `\uFEFF  <?xml version="1.0"?>\n<!-- <report> -->\n<!DOCTYPE coverage>\n${COBERTURA_HEAD}<sources/>`,
    ],
    ["clover", '<?xml version="1.0"?>\n<!-- generated -->\n<coverage generated="1"><project timestamp="1">'],
  ])("%s is claimed by its own module first", (format, head) => {
    expect(coverageParsers.find((p) => p.sniff(head, "x"))?.format).toBe(format);
  });

  it.each([
    ["JUnit XML", '<?xml version="1.0"?><testsuites><testsuite name="x">'],
    ["an arbitrary JSON object", '{"name": "x", "version": "1.0.0"}'],
    ["SARIF", '{"version": "2.1.0", "runs": [{"tool": {}}]}'],
    ["a k6 summary", '{"metrics": {"http_req_duration": {}}, "root_group": {}}'],
    // Istanbul's spec bundles (istanbul-reports/test/fixtures/specs/*.json): expected reports in JSON strings.
    [
      "JSON carrying Cobertura XML in a string",
      `{"title": "t", "coberturaCoverageData": "${COBERTURA_HEAD.replaceAll('"', '\\"')}<sources/>"}`,
    ],
    [
      "JSON carrying Clover XML in a string",
      '{"x": "<coverage generated=\\"1\\"><project timestamp=\\"1\\">"}',
    ],
    ["JSON carrying JaCoCo XML in a string", '{"x": "<report name=\\"x\\"><sessioninfo id=\\"a\\"/>"}'],
    ["text before a Cobertura root", `coverage report:\n${COBERTURA_HEAD}<sources/>`],
    [
      "a spec bundle holding an Istanbul map after other members",
      '{"title": "t", "opts": {}, "map": {"/a.js": {"path": "/a.js", "statementMap": {}, "s": {}}}}',
    ],
  ])("%s is claimed by no coverage module", (_name, head) => {
    expect(coverageParsers.filter((p) => p.sniff(head, "x")).map((p) => p.format)).toEqual([]);
  });
});

describe("bounds", () => {
  it("a Go profile whose blocks span an implausible number of lines is refused quickly", async () => {
    const block = "x.go:1.1,10000.2 1 1\n";
    const started = Date.now();
    const r = await run(goCoverprofileParser, `mode: set\n${block.repeat(600)}`);
    expect(r).toMatchObject({
      kind: "unreadable",
      reason: expect.stringContaining("not a plausible Go profile"),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
