// The TRX parser on small hand-written documents (written for these tests); real TRX files are covered by
// the conformance corpus test.
import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import type { TestReport } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { timeSpanMs, trxParser } from "../../../src/reports/tests/trx.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const NS = 'xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"';

function result(id: string, name: string, outcome: string, inner = ""): string {
  return `<UnitTestResult testId="${id}" testName="${name}" outcome="${outcome}" duration="00:00:01.5000000">${inner}</UnitTestResult>`;
}

async function parse(xml: string): Promise<TestReport> {
  const [r] = await trxParser.parse(memoryFile("run.trx", xml), ctx);
  if (r?.kind !== "tests") throw new Error(JSON.stringify(r));
  return r;
}

describe("trx", () => {
  it("maps every outcome and counts each top-level UnitTestResult once", async () => {
    const outcomes = [
      "Passed",
      "PassedButRunAborted",
      "Warning",
      "Failed",
      "Timeout",
      "Error",
      "NotExecuted",
      "NotRunnable",
      "Inconclusive",
      "Aborted",
      "Pending",
      "constructor",
    ];
    const results = outcomes.map((o, i) => result(`id${i}`, o, o)).join("");
    const r = await parse(`<TestRun ${NS}><Results>${results}</Results></TestRun>`);
    expect(r.cases.map((c) => `${c.name}:${c.status}`)).toEqual([
      "Passed:passed",
      "PassedButRunAborted:passed",
      "Warning:passed",
      "Failed:failed",
      "Timeout:failed",
      "Error:error",
      "NotExecuted:skipped",
      "NotRunnable:skipped",
      "Inconclusive:skipped",
      "Aborted:skipped",
      "Pending:skipped",
      "constructor:skipped",
    ]);
    expect(r.totals).toMatchObject({
      tests: 12,
      passed: 3,
      failed: 2,
      errors: 1,
      skipped: 6,
      duration_ms: 18000,
    });
  });

  it("takes messages and stack traces from Output/ErrorInfo and class names from TestDefinitions", async () => {
    const failure = `<Output><StdOut>noise</StdOut><ErrorInfo><Message>Assert.Equal() Failure&#xD;
Expected: 1&#xD;
Actual:   2</Message><StackTrace>   at Calc.Tests.Adds() in /src/CalcTests.cs:line 12</StackTrace></ErrorInfo></Output>`;
    const r = await parse(`\uFEFF<?xml version="1.0" encoding="utf-8"?><TestRun ${NS}>
      <Times start="2024-01-01T10:00:00.000Z" finish="2024-01-01T10:00:02.250Z"/>
      <Results>${result("a", "Calc.Tests.Adds", "Failed", failure)}${result("b", "Calc.Tests.Subtracts", "Passed")}</Results>
      <TestDefinitions>
        <UnitTest name="Adds" id="a"><Execution id="x"/><TestMethod className="Calc.Tests" name="Adds"/></UnitTest>
        <UnitTest name="Subtracts" id="b"><TestMethod className="Calc.Tests" name="Subtracts"/></UnitTest>
      </TestDefinitions>
    </TestRun>`);
    expect(r.cases[0]).toEqual({
      name: "Calc.Tests.Adds",
      classname: "Calc.Tests",
      status: "failed",
      message: "Assert.Equal() Failure",
      details:
        "Assert.Equal() Failure\nExpected: 1\nActual:   2\n\nat Calc.Tests.Adds() in /src/CalcTests.cs:line 12",
      duration_ms: 1500,
    });
    expect(r.cases[1]).toEqual({
      name: "Calc.Tests.Subtracts",
      classname: "Calc.Tests",
      status: "passed",
      duration_ms: 1500,
    });
    expect(r.totals.duration_ms).toBe(2250);
  });

  it("does not count data-driven rows nested in InnerResults again", async () => {
    const inner = `<InnerResults>${result("r1", "row 1", "Passed")}${result("r2", "row 2", "Failed")}</InnerResults>`;
    const r = await parse(
      `<TestRun ${NS}><Results>${result("p", "DataDriven", "Failed", inner)}</Results></TestRun>`,
    );
    expect(r.totals).toMatchObject({ tests: 1, failed: 1 });
  });

  it("refuses other roots and broken files with a reason", async () => {
    const [other] = await trxParser.parse(memoryFile("x.trx", "<testsuites/>"), ctx);
    expect(other).toMatchObject({
      kind: "unreadable",
      format: "trx",
      reason: expect.stringMatching(/not a TRX report/),
    });
    const [broken] = await trxParser.parse(memoryFile("x.trx", `<TestRun><Results>`), ctx);
    expect(broken).toMatchObject({ kind: "unreadable", reason: expect.stringMatching(/line 1, column 19/) });
  });

  it("sniffs the TestRun root only", () => {
    expect(trxParser.sniff(`\uFEFF<?xml version="1.0"?><TestRun id="x" ${NS}>`, "a.trx")).toBe(true);
    expect(trxParser.sniff("<testsuites>", "a.trx")).toBe(false);
  });

  it.each([
    ["00:00:00.1084258", 108.426],
    ["01:02:03", 3723000],
    ["1.00:00:01", 86401000],
    ["soon", undefined],
  ])("timeSpanMs(%s) = %s", (text, ms) => {
    expect(timeSpanMs(text)).toBe(ms);
  });
});
