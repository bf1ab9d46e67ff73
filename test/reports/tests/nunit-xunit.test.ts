// NUnit and xUnit.net parsers on small hand-written documents (written for these tests); the real files of
// the conformance corpus are covered by conformance.test.ts.
import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import type { FormatParser } from "../../../src/reports/parser.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { nunitParser, nunitStatus } from "../../../src/reports/tests/nunit.js";
import { xunitParser } from "../../../src/reports/tests/xunit.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };

async function parse(parser: FormatParser, xml: string) {
  const [r] = await parser.parse(memoryFile("r.xml", xml), ctx);
  if (r?.kind !== "tests") throw new Error(JSON.stringify(r));
  return r;
}

describe("nunit", () => {
  it.each([
    [{ result: "Passed" }, "passed"],
    [{ result: "Warning" }, "passed"],
    [{ result: "Failed" }, "failed"],
    [{ result: "Failed", label: "Error" }, "error"],
    [{ result: "Failed", label: "Invalid" }, "error"],
    [{ result: "Skipped", label: "Ignored" }, "skipped"],
    [{ result: "Inconclusive" }, "skipped"],
    [{ result: "Success", executed: "True" }, "passed"],
    [{ result: "Failure" }, "failed"],
    [{ result: "Error" }, "error"],
    [{ result: "NotRunnable", executed: "False" }, "error"],
    [{ result: "Ignored", executed: "False" }, "skipped"],
    [{ executed: "False" }, "skipped"],
    [{ executed: "True", success: "True" }, "passed"],
    [{ executed: "True", success: "False" }, "failed"],
    [{ executed: "True" }, "passed"],
    [{ result: "constructor", executed: "True" }, "passed"],
  ])("%j → %s", (attrs, status) => {
    expect(nunitStatus(attrs)).toBe(status);
  });

  it("NUnit 3: cases at any depth, classname, suite, messages, stack traces and skip reasons", async () => {
    const r = await parse(
      nunitParser,
      `<test-run id="2" duration="1.5"><test-suite type="Assembly" name="A.dll"><test-suite type="TestFixture" name="CalcTests" fullname="Calc.CalcTests">
        <test-suite type="ParameterizedMethod" name="Adds">
          <test-case name="Adds(1,2)" classname="Calc.CalcTests" result="Passed" duration="0.25"/>
          <test-case name="Adds(2,2)" classname="Calc.CalcTests" result="Failed" duration="0.5">
            <failure><message><![CDATA[Expected: 4
  But was:  5]]></message><stack-trace><![CDATA[at Calc.CalcTests.Adds() in /src/CalcTests.cs:line 9]]></stack-trace></failure>
            <output>ignored</output>
          </test-case>
        </test-suite>
        <test-case name="Later" result="Skipped" label="Ignored"><reason><message>not yet</message></reason></test-case>
      </test-suite></test-suite></test-run>`,
    );
    expect(r.totals).toEqual({ tests: 3, passed: 1, failed: 1, errors: 0, skipped: 1, duration_ms: 1500 });
    expect(r.cases[1]).toEqual({
      name: "Adds(2,2)",
      classname: "Calc.CalcTests",
      status: "failed",
      message: "Expected: 4",
      details: "Expected: 4\n  But was:  5\n\nat Calc.CalcTests.Adds() in /src/CalcTests.cs:line 9",
      duration_ms: 500,
      suite: "Adds",
    });
    expect(r.cases[2]).toMatchObject({
      name: "Later",
      status: "skipped",
      message: "not yet",
      classname: "Calc.CalcTests",
    });
  });

  it("NUnit 2.2 without result attributes: a <failure> child decides", async () => {
    const r = await parse(
      nunitParser,
      `<test-results><test-suite name="S"><results>
        <test-case name="ok" executed="True"/><test-case name="bad" executed="True"><failure><message>no</message></failure></test-case>
        <test-case name="off" executed="False"><reason><message>ignored</message></reason></test-case>
      </results></test-suite></test-results>`,
    );
    expect(r.cases.map((c) => `${c.name}:${c.status}`)).toEqual(["ok:passed", "bad:failed", "off:skipped"]);
  });

  it("sniffs its roots and refuses others", async () => {
    expect(nunitParser.sniff('<?xml version="1.0"?><test-run id="2">', "r.xml")).toBe(true);
    expect(nunitParser.sniff("<test-results name='x'>", "r.xml")).toBe(true);
    expect(nunitParser.sniff("<testsuites>", "r.xml")).toBe(false);
    const [r] = await nunitParser.parse(memoryFile("r.xml", "<testsuites/>"), ctx);
    expect(r).toMatchObject({
      kind: "unreadable",
      format: "nunit",
      reason: expect.stringMatching(/not an NUnit report/),
    });
  });
});

describe("xunit", () => {
  it("v2: results, classname from type, suite from collection, failure and skip texts", async () => {
    const r = await parse(
      xunitParser,
      `<assemblies><assembly name="T.dll" time="2.5" test-framework="xUnit.net 2.4"><errors/>
        <collection name="Coll">
          <test name="T.A.Pass" type="T.A" method="Pass" result="Pass" time="0.1"/>
          <test name="T.A.Fail" type="T.A" method="Fail" result="Fail" time="0.2"><failure exception-type="Xunit.Sdk.EqualException"><message>Assert.Equal() Failure</message><stack-trace>at T.A.Fail()</stack-trace></failure></test>
          <test name="T.A.Skip" type="T.A" method="Skip" result="Skip" time="0"><reason><![CDATA[flaky on CI]]></reason></test>
          <test name="T.A.Odd" type="T.A" method="Odd" result="constructor"/>
        </collection></assembly></assemblies>`,
    );
    expect(r.totals).toEqual({ tests: 4, passed: 1, failed: 2, errors: 0, skipped: 1, duration_ms: 2500 });
    expect(r.cases[1]).toMatchObject({
      classname: "T.A",
      suite: "Coll",
      message: "Assert.Equal() Failure",
      details: "Assert.Equal() Failure\n\nat T.A.Fail()",
    });
    expect(r.cases[2]).toMatchObject({ status: "skipped", message: "flaky on CI" });
  });

  it("v1: <assembly> root with <class> groups", async () => {
    const r = await parse(
      xunitParser,
      `<assembly name="x.dll" test-framework="xUnit.net 1.9"><class name="C"><test name="C.T" type="C" method="T" result="Pass" time="0.5"/></class></assembly>`,
    );
    expect(r.cases).toEqual([
      { name: "C.T", classname: "C", status: "passed", duration_ms: 500, suite: "C" },
    ]);
  });

  it("sniffs xUnit roots, not any <assembly>", () => {
    expect(xunitParser.sniff("<assemblies>", "r.xml")).toBe(true);
    expect(xunitParser.sniff('<assembly name="x" test-framework="xUnit.net">', "r.xml")).toBe(true);
    expect(xunitParser.sniff("<assembly><name>Foo</name><members/></assembly>", "Foo.xml")).toBe(false);
  });
});
