// The test-result parsers against the shared conformance corpus: every JUnit/TRX/NUnit/xUnit fixture with stated expectations is
// parsed and compared with what the project that states them expects, through that project's own counting
// rules (see the corpus README):
// - EnricoMi/publish-unit-test-result-action, aquasecurity/trivy, gitleaks: testcase entries by result.
// - dorny/test-reporter: `failed` includes errored tests.
// - mikepenz/action-junit-report: `failed` includes errored tests; retries of one test are merged (we compare
//   with `without_retry_merging` where the entry states it); `failure_annotations` = failed + errored cases.
// Where we count differently on purpose, the entry is listed in DIFFERENCES with the reason and OUR values,
// which are asserted, and the test also checks that the difference still exists (so the table cannot rot).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diskFile } from "../../../src/reports/file.js";
import type { TestReport } from "../../../src/reports/model.js";
import type { FormatParser } from "../../../src/reports/parser.js";
import { DEFAULT_PARSE_LIMITS, HEAD_CHARS } from "../../../src/reports/parser.js";
import { junitParser } from "../../../src/reports/tests/junit.js";
import { nunitParser } from "../../../src/reports/tests/nunit.js";
import { trxParser } from "../../../src/reports/tests/trx.js";
import { xunitParser } from "../../../src/reports/tests/xunit.js";
import { type ConformanceEntry, entriesOf, fixturePath } from "../../support/conformance.js";

type Values = Record<string, unknown>;

const NUNIT_ERROR_LABEL =
  'NUnit 3 result="Failed" label="Error" (an unexpected exception, what NUnit\'s own summary lists as "Errors"): ' +
  "EnricoMi counts it failed, we count it as an error like JUnit's <error>; failed + errors agree";
const XXE =
  "XXE probe: the failure message is an external entity. We never resolve DTD entities and refuse the reference, so " +
  "the file is unreadable — as EnricoMi's older .exception expectation for this file also says; its newer .results " +
  "expect the entity expanded from a local file";

/** Entries where we knowingly differ from the peer: path below files/ → why, and our values. */
const DIFFERENCES: Record<string, { reason: string; ours: Values }> = {
  "EnricoMi__publish-unit-test-result-action/python/test/files/junit-xml/no-attributes.xml": {
    reason:
      "four <testcase/> elements without any attribute: EnricoMi's case list drops them (0 cases), yet its own " +
      "project_stats count 4 tests (1 of each result), as we do: a testcase is a test, name or not",
    ours: { tests: 4, passed: 1, failed: 1, errors: 1, skipped: 1 },
  },
  "dorny__test-reporter/__tests__/fixtures/external/phpunit/junit-basic.xml": {
    reason:
      'dorny shows "<type>: <message>"; we keep the message attribute as written (pytest and others already ' +
      "put the type in it, so prefixing would repeat it) — counts and suites agree",
    ours: { tests: 9, passed: 8, failed: 1, skipped: 0, failure_message: "Assertion error message" },
  },
  "EnricoMi__publish-unit-test-result-action/python/test/files/nunit/mstest/clicketyclackety.xml": {
    reason: NUNIT_ERROR_LABEL,
    ours: { tests: 23, passed: 13, failed: 1, errors: 9, skipped: 0 },
  },
  "EnricoMi__publish-unit-test-result-action/python/test/files/nunit/mstest/timewarpinc.xml": {
    reason: NUNIT_ERROR_LABEL,
    ours: { tests: 1, passed: 0, failed: 0, errors: 1, skipped: 0 },
  },
  "EnricoMi__publish-unit-test-result-action/python/test/files/nunit/nunit3/jenkins/NUnit-issue44527.xml": {
    reason: NUNIT_ERROR_LABEL,
    ours: { tests: 150, passed: 6, failed: 1, errors: 143, skipped: 0 },
  },
  "EnricoMi__publish-unit-test-result-action/python/test/files/nunit/nunit3/jenkins/NUnit-correct.xml": {
    reason:
      "three NUnit 2 NotRunnable (invalid) tests: EnricoMi counts them skipped; NUnit itself reports them as invalid " +
      "and NUnit 3 writes them as Failed/Invalid, so we count them as errors (a test that cannot run must not pass a gate)",
    ours: { tests: 28, passed: 18, failed: 1, errors: 4, skipped: 5 },
  },
  "EnricoMi__publish-unit-test-result-action/python/test/files/nunit/nunit3/jenkins/NUnit-sec1752-file.xml": {
    reason: XXE,
    ours: { unreadable: true },
  },
  "EnricoMi__publish-unit-test-result-action/python/test/files/nunit/nunit3/jenkins/NUnit-sec1752-https.xml":
    {
      reason: XXE,
      ours: { unreadable: true },
    },
  "mikepenz__action-junit-report/test_results/corrupt-junit/e2e-tests/corrupt/target/sf-reports/TEST-test.CorruptTest.xml":
    {
      reason:
        "truncated file (ends inside CDATA): mikepenz silently yields no tests; we report it unreadable, so a gate cannot pass on it",
      ours: { unreadable: true },
    },
  "mikepenz__action-junit-report/test_results/flaky_retries/flaky_all_failures.xml": {
    reason:
      "three <testcase> entries of one test (retries): mikepenz merges them into 1 test; DESIGN.md counts every <testcase>",
    ours: { tests: 3, passed: 0, failed: 3, skipped: 0 },
  },
  "mikepenz__action-junit-report/test_results/flaky_retries/flaky_success_first.xml": {
    reason:
      "retries merged by mikepenz (1 passed test); we count the 3 entries: 1 passed, 1 failed, 1 errored",
    ours: { tests: 3, passed: 1, failed: 2, skipped: 0 },
  },
  "mikepenz__action-junit-report/test_results/flaky_retries/flaky_with_classname_file.xml": {
    reason:
      "retries merged by mikepenz (3 passed tests); we count the 5 entries, two of them failed/errored attempts",
    ours: { tests: 5, passed: 3, failed: 2, skipped: 0 },
  },
  "mikepenz__action-junit-report/test_results/junit-server-test/report.xml": {
    reason:
      "go-junit-report retry (TestWebSocketReconnectRace fails, then passes): merged by mikepenz; we count both entries",
    ours: { tests: 4, passed: 2, failed: 1, skipped: 1 },
  },
  "mikepenz__action-junit-report/test_results/multiple_failures/test_multiple_errors.xml": {
    reason:
      "several <error> elements in one case: mikepenz annotates each (4); we keep one result per case (2 errored cases)",
    ours: { tests: 3, passed: 1, failed: 2, skipped: 0, failure_annotations: 2 },
  },
  "mikepenz__action-junit-report/test_results/multiple_failures/test_multiple_failures.xml": {
    reason:
      "several <failure> elements in one case: mikepenz annotates each (4); we keep one result per case (2 failed cases)",
    ours: { tests: 4, passed: 1, failed: 2, skipped: 1, failure_annotations: 2 },
  },
  "mikepenz__action-junit-report/test_results/python/report.xml": {
    reason:
      "mikepenz reads failure locations out of the pytest stack trace text; we take file/line only from attributes " +
      "(this report has none), so the locations are absent — counts agree",
    ours: {
      tests: 3,
      skipped: 0,
      failure_annotations: 2,
      "location test_which_fails": null,
      "location test_with_error": null,
    },
  },
  "mikepenz__action-junit-report/test_results/tests/utils/target/surefire-reports/TEST-action.surefire.report.calc.CalcUtilsTest.xml":
    {
      reason:
        "locations come from the Kotlin stack trace in mikepenz; Surefire writes no file/line attributes, so ours are absent — counts agree",
      ours: {
        tests: 2,
        skipped: 0,
        failure_annotations: 2,
        "location test error handling": null,
        "location test scale": null,
      },
    },
};

/** Parser results keyed the way the peer states them. */
function view(entry: ConformanceEntry, report: TestReport): Values {
  const t = report.totals;
  const repo = entry.source.repo;
  const failedOrErrored = t.failed + t.errors;
  const cases = report.cases;
  const out: Values = { tests: t.tests, passed: t.passed, skipped: t.skipped };
  if (repo === "dorny/test-reporter" || repo === "mikepenz/action-junit-report") {
    out.failed = failedOrErrored;
  } else {
    out.failed = t.failed;
    out.errors = t.errors;
  }
  out.failure_annotations = failedOrErrored;
  out.flaky_tests = cases.filter((c) => c.flaky).length;
  out.contains_passed = t.passed > 0;
  out.contains_failed = failedOrErrored > 0;
  out.contains_skipped = t.skipped > 0;
  out.suite_names = new Set(cases.map((c) => c.suite));
  out.first_failure_message = cases.find((c) => c.status === "failed" || c.status === "error")?.message;
  out.case = (name: string) =>
    cases.find((c) => c.name === name && c.status !== "passed" && c.status !== "skipped");
  return out;
}

function samePath(ours: string | undefined, expected: string): boolean {
  if (ours === undefined) return false;
  const a = ours.replaceAll("\\", "/");
  return a === expected || a.endsWith(`/${expected}`) || expected.endsWith(`/${a}`);
}

/** Pairs of (expected, actual) values for every key the peer states that we can compare. */
function compare(entry: ConformanceEntry, report: TestReport): { expected: Values; actual: Values } {
  const stated: Values = { ...(entry.expected ?? {}) };
  const noMerge = stated.without_retry_merging;
  if (typeof noMerge === "object" && noMerge !== null) Object.assign(stated, noMerge);
  const ours = view(entry, report);
  const expected: Values = {};
  const actual: Values = {};
  for (const key of [
    "tests",
    "passed",
    "failed",
    "errors",
    "skipped",
    "failure_annotations",
    "flaky_tests",
  ]) {
    if (typeof stated[key] === "number") {
      expected[key] = stated[key];
      actual[key] = ours[key];
    }
  }
  for (const key of ["contains_passed", "contains_failed", "contains_skipped"]) {
    if (typeof stated[key] === "boolean") {
      expected[key] = stated[key];
      actual[key] = ours[key];
    }
  }
  if (Array.isArray(stated.suite_names_include)) {
    const names = ours.suite_names as Set<string>;
    for (const name of stated.suite_names_include as string[]) {
      expected[`suite ${name}`] = true;
      actual[`suite ${name}`] = names.has(name);
    }
  }
  if (typeof stated.failure_message === "string") {
    expected.failure_message = stated.failure_message;
    actual.failure_message = ours.first_failure_message;
  }
  const findCase = ours.case as (name: string) => TestReport["cases"][number] | undefined;
  const locations: { name: string; path: string; line: number }[] = [];
  if (Array.isArray(stated.failure_annotation_locations)) {
    for (const loc of stated.failure_annotation_locations as {
      title: string;
      path: string;
      line: number;
    }[]) {
      const c = report.cases.find((x) => x.status !== "passed" && loc.title.endsWith(x.name));
      locations.push({ name: c?.name ?? loc.title, path: loc.path, line: loc.line });
    }
  }
  if (typeof stated.failure_locations === "object" && stated.failure_locations !== null) {
    for (const [name, loc] of Object.entries(
      stated.failure_locations as Record<string, { path: string; line: number }>,
    )) {
      locations.push({ name, ...loc });
    }
  }
  for (const loc of locations) {
    const c = findCase(loc.name);
    expected[`location ${loc.name}`] = `${loc.path}:${loc.line}`;
    actual[`location ${loc.name}`] =
      c?.file === undefined ? null : `${samePath(c.file, loc.path) ? loc.path : c.file}:${c.line ?? "?"}`;
  }
  return { expected, actual };
}

function expectsParseError(entry: ConformanceEntry): boolean {
  const e = entry.expected ?? {};
  return e.parse_error === true || (Array.isArray(e.parse_errors) && e.parse_errors.length > 0);
}

/** Which parser reads each corpus format (`xml` holds broken inputs, read as JUnit: they must be unreadable). */
const PARSERS: Record<string, FormatParser> = {
  "junit-xml": junitParser,
  xml: junitParser,
  trx: trxParser,
  "nunit-xml": nunitParser,
  "xunit-xml": xunitParser,
};

const entries = entriesOf(...Object.keys(PARSERS)).filter((e) => e.expected !== null);
const key = (e: ConformanceEntry) => e.path.replace(/^files\//, "");

describe("test-result conformance corpus", () => {
  it("covers the corpus and every documented difference names a real entry", () => {
    expect(entries.length).toBeGreaterThanOrEqual(130);
    const keys = new Set(entries.map(key));
    for (const path of Object.keys(DIFFERENCES)) expect(keys, path).toContain(path);
  });

  it("each parser's sniff claims exactly its own format's well-formed fixtures", () => {
    const own = (format: string) => PARSERS[format];
    const claimed: string[] = [];
    for (const entry of entriesOf("junit-xml", "trx", "nunit-xml", "xunit-xml")) {
      if (expectsParseError(entry) || entry.path.endsWith("non-junit.xml")) continue;
      const head = readFileSync(fixturePath(entry), "utf8").slice(0, HEAD_CHARS);
      const claimers = [junitParser, trxParser, nunitParser, xunitParser].filter((p) =>
        p.sniff(head, entry.path),
      );
      if (claimers.length !== 1 || claimers[0] !== own(entry.format)) {
        claimed.push(`${key(entry)}: ${claimers.map((p) => p.format).join(",") || "none"}`);
      }
    }
    expect(claimed).toEqual([]);
  });

  it.each(entries.map((e) => [key(e), e] as const))("%s", async (_path, entry) => {
    const file = await diskFile(fixturePath(entry), entry.path);
    const parser = PARSERS[entry.format];
    if (parser === undefined) throw new Error(`no parser for ${entry.format}`);
    const [report, ...rest] = await parser.parse(file, { limits: DEFAULT_PARSE_LIMITS });
    expect(rest).toEqual([]);
    const difference = DIFFERENCES[key(entry)];
    if (report?.kind === "unreadable") {
      expect(report.reason).toMatch(/\w/);
      if (difference) expect(difference.ours).toEqual({ unreadable: true });
      else expect(expectsParseError(entry), `unexpectedly unreadable: ${report.reason}`).toBe(true);
      return;
    }
    expect(report?.kind).toBe("tests");
    if (report?.kind !== "tests") return;
    expect(expectsParseError(entry), "a parse error was expected").toBe(false);
    const { expected, actual } = compare(entry, report);
    if (difference) {
      expect(actual).toMatchObject(difference.ours);
      expect(actual, "documented difference no longer exists: remove it from DIFFERENCES").not.toEqual(
        expected,
      );
    } else {
      expect(actual).toEqual(expected);
    }
  });
});
