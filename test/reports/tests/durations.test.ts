// Durations are finite and plausible: `time="1e309"` (found by fuzzing) or a TRX span of 10^400 days must
// not become Infinity (which JSON turns into null) in a case or in the totals.
import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { secondsToMs } from "../../../src/reports/tests/common.js";
import { junitParser } from "../../../src/reports/tests/junit.js";
import { timeSpanMs } from "../../../src/reports/tests/trx.js";

describe("test durations", () => {
  it.each([
    ["0.5", 500],
    ["1,234.5", 1_234_500],
    ["1e309", undefined],
    ["1e305", undefined],
    ["1e13", undefined],
    ["-1", undefined],
  ])("secondsToMs(%s) = %s", (text, ms) => {
    expect(secondsToMs(text)).toBe(ms);
  });

  it.each([
    ["00:00:01.5", 1500],
    [`${"9".repeat(400)}.00:00:00`, undefined],
  ])("timeSpanMs(%s) = %s", (text, ms) => {
    expect(timeSpanMs(text)).toBe(ms);
  });

  it.each(["1e309", "1e305"])("JUnit with time=%s keeps finite numbers", async (time) => {
    const xml = `<testsuites><testsuite name="s" time="${time}"><testcase name="a" time="${time}"/><testcase name="b" time="${time}"/></testsuite></testsuites>`;
    const [r] = await junitParser.parse(memoryFile("junit.xml", xml), { limits: DEFAULT_PARSE_LIMITS });
    if (r?.kind !== "tests") throw new Error(`expected tests, got ${JSON.stringify(r)}`);
    expect(r.totals).toMatchObject({ tests: 2, passed: 2, duration_ms: 0 });
    expect(r.cases.map((c) => c.duration_ms)).toEqual([undefined, undefined]);
  });
});
