// The JUnit parser: real reports made with real tools (fixtures/reports/junit/*, see the README next to
// each) and small hand-written documents for the edge cases (written for these tests).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diskFile, memoryFile } from "../../../src/reports/file.js";
import type { Report, TestCase, TestReport } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS, type ParseContext } from "../../../src/reports/parser.js";
import { junitParser } from "../../../src/reports/tests/junit.js";
import { fuzzParams } from "../../support/fuzz.js";

const ctx: ParseContext = { limits: DEFAULT_PARSE_LIMITS };

function tests(reports: Report[]): TestReport {
  expect(reports).toHaveLength(1);
  const [r] = reports;
  if (r?.kind !== "tests") throw new Error(`expected a tests report, got ${JSON.stringify(r)}`);
  return r;
}

async function parse(xml: string, c: ParseContext = ctx): Promise<TestReport> {
  return tests(await junitParser.parse(memoryFile("junit.xml", xml), c));
}

async function reasonFor(xml: string): Promise<string> {
  const [r] = await junitParser.parse(memoryFile("bad.xml", xml), ctx);
  if (r?.kind !== "unreadable") throw new Error("expected an unreadable report");
  expect(r.format).toBe("junit");
  return r.reason;
}

const byName = (r: TestReport, name: string): TestCase | undefined => r.cases.find((c) => c.name === name);

describe("real reports", () => {
  it.each([
    ["node-test/report.xml", { tests: 7, passed: 3, failed: 2, errors: 0, skipped: 2 }],
    ["vitest/report.xml", { tests: 6, passed: 2, failed: 2, errors: 0, skipped: 2 }],
    ["pytest/report-xunit1.xml", { tests: 8, passed: 3, failed: 2, errors: 1, skipped: 2 }],
    ["pytest/report-xunit2.xml", { tests: 8, passed: 3, failed: 2, errors: 1, skipped: 2 }],
  ])("%s", async (path, totals) => {
    const file = await diskFile(`fixtures/reports/junit/${path}`, path);
    const r = tests(await junitParser.parse(file, ctx));
    expect(r).toMatchObject({ kind: "tests", format: "junit", source: path, totals });
    expect(r.cases).toHaveLength(totals.tests);
  });

  it("node --test: messages with entities, a case outside any suite, skip reasons", async () => {
    const r = tests(
      await junitParser.parse(await diskFile("fixtures/reports/junit/node-test/report.xml"), ctx),
    );
    expect(byName(r, "throws an unexpected error")).toMatchObject({
      status: "failed",
      message: "boom & <bang>",
    });
    expect(byName(r, "throws an unexpected error")?.suite).toBeUndefined();
    expect(byName(r, "skipped on purpose")).toMatchObject({
      status: "skipped",
      message: "not implemented yet",
      suite: "arithmetic",
    });
    expect(r.totals.duration_ms).toBeCloseTo(19.433 + 11.392 + 0.094, 3);
  });

  it("vitest: the assertion message and the diff in details", async () => {
    const r = tests(await junitParser.parse(await diskFile("fixtures/reports/junit/vitest/report.xml"), ctx));
    const c = byName(r, "arithmetic > compares objects");
    expect(c).toMatchObject({
      status: "failed",
      classname: "math.test.ts",
      message: "expected { a: 1, b: 'x' } to deeply equal { a: 1, b: 'y' }",
    });
    expect(c?.details).toContain('-   "b": "y",');
    expect(c?.duration_ms).toBeCloseTo(7.756, 3);
  });

  it("pytest xunit1: file and 1-based line, setup errors as errors", async () => {
    const r = tests(
      await junitParser.parse(await diskFile("fixtures/reports/junit/pytest/report-xunit1.xml"), ctx),
    );
    // test_passes is on line 4 of test_sample.py.txt; pytest writes line="3" (0-based).
    expect(byName(r, "test_passes")).toMatchObject({
      status: "passed",
      file: "test_sample.py",
      line: 4,
      classname: "test_sample",
    });
    expect(byName(r, "test_setup_error")).toMatchObject({
      status: "error",
      message: 'failed on setup with "RuntimeError: fixture exploded <here> & there"',
    });
    expect(byName(r, "test_param[3]")).toMatchObject({ status: "failed", message: "assert 3 < 3", line: 31 });
  });
});

describe("counting", () => {
  it("counts <testcase> elements and ignores declared totals", async () => {
    const r =
      await parse(`<testsuites tests="57" failures="9"><testsuite tests="40" failures="3" errors="2" skipped="1">
      <testcase name="a"/><testcase name="b"><failure/></testcase></testsuite></testsuites>`);
    expect(r.totals).toMatchObject({ tests: 2, passed: 1, failed: 1, errors: 0, skipped: 0 });
  });

  it("worst result wins when one case has several: error > failure > skipped", async () => {
    const r = await parse(`<testsuite name="s">
      <testcase name="all"><skipped/><failure message="f">F</failure><error message="e">E</error></testcase>
      <testcase name="two"><skipped/><failure message="f1">first</failure><failure message="f2">second</failure></testcase>
      <testcase name="skip"><skipped message="later"/></testcase>
    </testsuite>`);
    expect(r.totals).toMatchObject({ tests: 3, passed: 0, failed: 1, errors: 1, skipped: 1 });
    expect(byName(r, "all")).toMatchObject({ status: "error", message: "e", details: "E" });
    expect(byName(r, "two")).toMatchObject({ status: "failed", message: "f1", details: "first" });
  });

  it('status="disabled" is skipped even with a failure inside (the case did not run)', async () => {
    const r = await parse(`<testsuites><testsuite name="s">
      <testcase name="off" status="disabled"><failure>Assert: Boolean true check failed.</failure></testcase>
      <testcase name="on" status="run"/>
    </testsuite></testsuites>`);
    expect(r.totals).toMatchObject({ tests: 2, passed: 1, skipped: 1, failed: 0 });
    expect(byName(r, "off")?.status).toBe("skipped");
  });

  it("Surefire flakyFailure/flakyError: passed and flaky, with the first flaky message", async () => {
    const r = await parse(`<testsuite name="s">
      <testcase name="flaky" classname="C" time="0.5">
        <flakyFailure message="first try" type="AssertionError"><stackTrace>at C.flaky(C.java:3)</stackTrace><system-err>noise</system-err></flakyFailure>
        <flakyError message="second try"/>
      </testcase>
      <testcase name="steady" classname="C"/>
    </testsuite>`);
    expect(r.totals).toMatchObject({ tests: 2, passed: 2, failed: 0 });
    expect(byName(r, "flaky")).toEqual({
      name: "flaky",
      classname: "C",
      status: "passed",
      flaky: true,
      message: "first try",
      duration_ms: 500,
      suite: "s",
    });
    expect(byName(r, "steady")?.flaky).toBeUndefined();
  });

  it("Surefire rerunFailure without success stays failed; its stack trace is the details", async () => {
    const r = await parse(`<testsuite name="s"><testcase name="t">
      <failure message="boom" type="E">trace 1</failure>
      <rerunFailure message="boom again" type="E"><stackTrace>trace 2</stackTrace></rerunFailure>
    </testcase></testsuite>`);
    expect(r.cases[0]).toMatchObject({ status: "failed", message: "boom", details: "trace 1" });
    const only = await parse(
      `<testsuite><testcase name="t"><rerunError message="x"><stackTrace>st</stackTrace></rerunError></testcase></testsuite>`,
    );
    expect(only.cases[0]).toMatchObject({ status: "error", message: "x", details: "st" });
  });

  it("retries written as repeated <testcase> entries count once each (DESIGN: a test is a <testcase>)", async () => {
    const r = await parse(`<testsuite name="go">
      <testcase classname="p" name="TestRace"><failure message="Failed"/></testcase>
      <testcase classname="p" name="TestRace"/>
    </testsuite>`);
    expect(r.totals).toMatchObject({ tests: 2, passed: 1, failed: 1 });
  });
});

describe("structure and dialects", () => {
  it("nested suites: each case names its nearest suite; duration is the outer suites'", async () => {
    const r = await parse(`<testsuites><testsuite name="outer" time="3">
      <testsuite name="inner" time="1"><testcase name="a" time="1"/></testsuite>
      <testcase name="b" time="0.25"/>
    </testsuite><testsuite name="second" time="2"><testcase name="c"/></testsuite></testsuites>`);
    expect(r.cases.map((c) => [c.name, c.suite])).toEqual([
      ["a", "inner"],
      ["b", "outer"],
      ["c", "second"],
    ]);
    expect(r.totals.duration_ms).toBe(5000);
  });

  it("a bare <testsuite> root, a root time, and cases summed when no suite has a time", async () => {
    expect(
      (await parse(`<testsuite name="only" time="1.5"><testcase name="a"/></testsuite>`)).totals.duration_ms,
    ).toBe(1500);
    expect(
      (
        await parse(
          `<testsuites><testsuite><testcase name="a" time="0.1"/><testcase name="b" time="0.2"/></testsuite></testsuites>`,
        )
      ).totals.duration_ms,
    ).toBe(300);
  });

  it("properties and system-out/system-err are not part of any result", async () => {
    const r = await parse(`<testsuite name="s"><properties><property name="x" value="y"/></properties>
      <testcase name="a"><system-out>out</system-out><system-err>err</system-err></testcase>
      <system-out>suite out</system-out></testsuite>`);
    expect(r.cases).toEqual([{ name: "a", status: "passed", suite: "s" }]);
  });

  it("file and line: from the case, else from the failure (Catch2, C xunit); never from the classname", async () => {
    const r = await parse(`<testsuite name="s">
      <testcase name="php" classname="Tests\\FooTest" file="/repo/tests/FooTest.php" line="42"><failure>x</failure></testcase>
      <testcase name="catch2"><failure file="test/a.cpp" line="19" message="REQUIRE(v == 1)"/></testcase>
      <testcase name="java" classname="com.example.FooTest"><failure/></testcase>
    </testsuite>`);
    expect(byName(r, "php")).toMatchObject({ file: "/repo/tests/FooTest.php", line: 42 });
    expect(byName(r, "catch2")).toMatchObject({ file: "test/a.cpp", line: 19, message: "REQUIRE(v == 1)" });
    expect(byName(r, "java")?.file).toBeUndefined();
  });

  it("elements and values named like Object members are nothing special", async () => {
    const r = await parse(
      `<testsuite><testcase name="a"><constructor/><toString>x</toString></testcase><testcase name="__proto__" status="constructor"/></testsuite>`,
    );
    expect(r.cases.map((c) => `${c.name}:${c.status}`)).toEqual(["a:passed", "__proto__:passed"]);
  });

  it("a namespaced document, a BOM and entities in names and messages", async () => {
    const r =
      await parse(`\uFEFF<?xml version="1.0"?><j:testsuites xmlns:j="urn:x"><j:testsuite name="s &amp; t">
      <j:testcase name="a &lt;b&gt; &quot;c&quot; &#x2713;"><j:failure message="1 &lt; 2 &amp;&amp; 3 &gt; 2"/></j:testcase>
    </j:testsuite></j:testsuites>`);
    expect(r.cases[0]).toMatchObject({
      name: 'a <b> "c" ✓',
      suite: "s & t",
      status: "failed",
      message: "1 < 2 && 3 > 2",
    });
  });

  it("message falls back to the first non-blank line of the text", async () => {
    const r = await parse(`<testsuite><testcase name="t"><failure><![CDATA[

      AssertionError: expected 1
      at line 2]]></failure></testcase></testsuite>`);
    expect(r.cases[0]?.message).toBe("AssertionError: expected 1");
  });

  it("times: seconds to ms, grouping commas (old Surefire locales), junk ignored", async () => {
    const r = await parse(
      `<testsuite><testcase name="a" time="1,234.5"/><testcase name="b" time="0.0001"/><testcase name="c" time="n/a"/><testcase name="d" time="-1"/></testsuite>`,
    );
    expect(r.cases.map((c) => c.duration_ms)).toEqual([1234500, 0.1, undefined, undefined]);
  });

  it("keeps 200 cases lean: no undefined or empty fields", async () => {
    const body = Array.from({ length: 200 }, (_, i) => `<testcase name="t${i}" classname="" time="0"/>`).join(
      "",
    );
    const r = await parse(`<testsuite>${body}</testsuite>`);
    for (const c of r.cases) expect(Object.keys(c).sort()).toEqual(["duration_ms", "name", "status"]);
  });

  it("clips huge messages and details to maxTextChars, saying how much was cut", async () => {
    const huge = "x".repeat(100_000);
    const small: ParseContext = { limits: { ...DEFAULT_PARSE_LIMITS, maxTextChars: 100 } };
    const r = await parse(
      `<testsuite><testcase name="t"><failure message="${huge}">${huge}</failure></testcase></testsuite>`,
      small,
    );
    expect(r.cases[0]?.message).toBe(`${"x".repeat(100)}… (99900 more characters)`);
    expect(r.cases[0]?.details).toBe(`${"x".repeat(100)}… (99900 more characters)`);
  });
});

describe("unreadable input", () => {
  it.each([
    ["another root element", `<suites><suite/></suites>`, /not a JUnit report: the root element is <suites>/],
    [
      "a truncated file",
      `<testsuite>\n  <testcase name="a">\n    <skipped`,
      /^not well-formed XML at line 3, column 5: the file ends inside a tag/,
    ],
    ["an empty file", "", /^file is empty$/],
    [
      "a billion-laughs DTD",
      `<!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><testsuite><testcase name="&b;"/></testsuite>`,
      /undefined entity &b;/,
    ],
    [
      "an external entity",
      `<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite><testcase name="a"><failure>&x;</failure></testcase></testsuite>`,
      /undefined entity &x;/,
    ],
    ["a depth bomb", `<testsuites>${"<testsuite>".repeat(1000)}`, /nested deeper than 256 elements/],
  ])("%s", async (_label, xml, reason) => {
    expect(await reasonFor(xml)).toMatch(reason);
  });
});

describe("sniff", () => {
  it.each([
    ['<?xml version="1.0"?>\n<testsuites>', true],
    ["\uFEFF<!-- by pytest --><testsuite name='x'>", true],
    ["<j:testsuites xmlns:j='x'>", true],
    ['<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">', false],
    ["<coverage line-rate='1'>", false],
    ['{"testsuites": []}', false],
  ])("%j → %s", (head, claimed) => {
    expect(junitParser.sniff(head, "report.xml")).toBe(claimed);
  });
});

describe("invariants on damaged input", () => {
  const doc = `<testsuites><testsuite name="s"><testcase name="a" time="1"/><testcase name="b"><failure message="m">x</failure></testcase><testcase name="c"><skipped/></testcase><testcase name="d"><error/></testcase><testcase name="e" status="disabled"/></testsuite></testsuites>`;

  it("yields one report: consistent totals, or unreadable with a reason", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(doc.length),
        fc.nat(12),
        fc.string({ maxLength: 10 }),
        async (at, len, insert) => {
          const mutated = doc.slice(0, at) + insert + doc.slice(Math.min(doc.length, at + len));
          const reports = await junitParser.parse(memoryFile("m.xml", mutated), ctx);
          expect(reports).toHaveLength(1);
          const [r] = reports;
          if (r?.kind === "unreadable") {
            expect(r.reason).toMatch(/\w/);
            return;
          }
          if (r?.kind !== "tests") throw new Error("unexpected report kind");
          const t = r.totals;
          expect(t.passed + t.failed + t.errors + t.skipped).toBe(t.tests);
          expect(r.cases).toHaveLength(t.tests);
          expect(Math.min(t.passed, t.failed, t.errors, t.skipped)).toBeGreaterThanOrEqual(0);
        },
      ),
      fuzzParams(300),
    );
  });
});
