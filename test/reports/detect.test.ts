import { describe, expect, it } from "vitest";
import { detectFormat, isNeverReportPath, looksLikeReportPath } from "../../src/reports/detect.js";
import type { FormatParser } from "../../src/reports/parser.js";
import { HEAD_CHARS } from "../../src/reports/parser.js";

function fakeParser(format: string, sniff: (head: string, path: string) => boolean): FormatParser {
  return { format, kind: "tests", sniff, parse: async () => [] };
}

const junit = fakeParser("junit", (head) => head.startsWith("<testsuites"));
const lcov = fakeParser("lcov", (head) => head.startsWith("TN:") || head.startsWith("SF:"));
const parsers = [junit, lcov];

describe("detectFormat", () => {
  it.each([
    ["<testsuites>", "r.xml", "junit"],
    ["\uFEFF<testsuites>", "r.xml", "junit"],
    ["SF:src/a.ts\n", "lcov.info", "lcov"],
    ["<coverage>", "c.xml", undefined],
    ["", "empty.xml", undefined],
    // binary content and never-report extensions are refused before any module is asked
    ["\u0000\u0001<testsuites>", "r.bin.txt", undefined],
    // a report-named file with a stray NUL still goes to its module, which names the broken line
    ["<testsuites>\u0000", "r.xml", "junit"],
    ["<testsuites>", "screenshot.png", undefined],
    ["<testsuites>", "bundle.ZIP", undefined],
  ])("%j at %s → %s", (head, path, format) => {
    expect(detectFormat(head, path, parsers)?.format).toBe(format);
  });

  it("tries modules in order and takes the first that claims the file", () => {
    const greedy = fakeParser("greedy", () => true);
    expect(detectFormat("<testsuites>", "r.xml", [junit, greedy])?.format).toBe("junit");
    expect(detectFormat("<testsuites>", "r.xml", [greedy, junit])?.format).toBe("greedy");
  });

  it("treats a module whose sniff throws as not claiming the file", () => {
    const broken = fakeParser("broken", () => {
      throw new Error("bug");
    });
    expect(detectFormat("<testsuites>", "r.xml", [broken, junit])?.format).toBe("junit");
  });

  it("shows modules at most HEAD_CHARS characters", () => {
    let seen = -1;
    const probe = fakeParser("probe", (head) => {
      seen = head.length;
      return false;
    });
    detectFormat("x".repeat(HEAD_CHARS * 2), "r.xml", [probe]);
    expect(seen).toBe(HEAD_CHARS);
  });
});

describe("file classes", () => {
  it.each([
    ["a/screenshot.png", true, false],
    ["trace.zip", true, false],
    ["junit.xml", false, true],
    ["results.SARIF", false, true],
    ["lcov.info", false, true],
    ["coverage/lcov.lcov", false, true],
    ["gitleaks.csv", false, true],
    ["out.trx", false, true],
    ["build.log", false, false],
    ["README", false, false],
    [".xml", false, false],
    ["app/package.json", false, false],
    ["test-results/.last-run.json", false, false],
    ["POM.xml", false, false],
  ])("%s: never a report %s, looks like a report %s", (path, never, report) => {
    expect(isNeverReportPath(path)).toBe(never);
    expect(looksLikeReportPath(path)).toBe(report);
  });
});
