// Conformance completeness: every fixture of the shared corpus goes through parseReportFile, and we check
// that it lands where it should — detected as its format when we support it, unreadable when the upstream
// project expects a parse error, unrecognised (or ignored) when we do not support its format yet.
// Value comparisons (counts, percentages, per-file lines) live in each format module's own tests.
import { afterAll, describe, expect, it } from "vitest";
import { diskFile } from "../../src/reports/file.js";
import type { Report } from "../../src/reports/model.js";
import { parseReportFile } from "../../src/reports/parse-file.js";
import { ALL_PARSERS } from "../../src/reports/registry.js";
import type { ConformanceEntry } from "../support/conformance.js";
import { fixturePath, loadManifest } from "../support/conformance.js";

/**
 * Manifest format → the `format` our module reports for it. Whether it is supported is read from the
 * registry, so the table stays true as modules land: a format whose module is registered is checked as
 * supported, the others must come out unrecognised.
 */
const OUR_FORMAT: Record<string, string> = {
  "junit-xml": "junit",
  trx: "trx",
  "nunit-xml": "nunit",
  "xunit-xml": "xunit",
  "cobertura-xml": "cobertura",
  "jacoco-xml": "jacoco",
  "clover-xml": "clover",
  lcov: "lcov",
  "istanbul-json": "istanbul",
  "simplecov-json": "simplecov",
  "go-coverprofile": "go-coverprofile",
  sarif: "sarif",
  "trivy-json": "trivy",
  "semgrep-json": "semgrep",
  "gitleaks-json": "gitleaks",
  "gitleaks-csv": "gitleaks-csv",
  "k6-summary-json": "k6",
  "gitlab-container-scanning-json": "gitlab-security",
};

/** Formats of the corpus that Tollgate does not read, and why. */
const NOT_SUPPORTED: Record<string, string> = {
  "luacov-report":
    "LuaCov text report: rare in CI artifacts; Lua projects can emit LCOV via luacov-reporter-lcov",
  "gcov-text": "raw gcov output: projects publish it through gcovr as Cobertura or LCOV, which we read",
  "coveralls-json": "Coveralls API upload payload, not a report CI keeps as an artifact",
  "dart-json":
    "Dart/Flutter NDJSON event stream: not in scope yet; `dart test --reporter json` users can add junitreport",
  "mocha-json":
    "Mocha JSON reporter: not in scope yet; mocha-junit-reporter produces JUnit XML, which we read",
  "rspec-json":
    "RSpec JSON formatter: not in scope yet; rspec_junit_formatter produces JUnit XML, which we read",
  "go-test-json":
    "`go test -json` event stream: not in scope yet; go-junit-report produces JUnit XML, which we read",
  "gitlab-codequality-json":
    "GitLab Code Quality report: a GitLab CI artifact, not produced in GitHub workflows",
};

/** Single fixtures of a supported format that we deliberately do not read, and why. */
const NOT_READ: Record<string, string> = {
  "files/DefectDojo__django-DefectDojo/unittests/scans/semgrep/sca-deployments-vulns.json":
    "a Semgrep Cloud API response (supply-chain `vulns`), not the `semgrep --json` output CI writes",
};

/** The upstream project expects a parse error (or the entry is a deliberately invalid json/xml input). */
function expectsParseError(entry: ConformanceEntry): boolean {
  const errors = entry.expected?.parse_errors;
  return (
    entry.format === "json" ||
    entry.format === "xml" ||
    entry.expected?.parse_error === true ||
    (Array.isArray(errors) && errors.length > 0)
  );
}

/** The upstream project expects the file to be found but to yield nothing (mikepenz corrupt-junit). */
function expectsNoResults(entry: ConformanceEntry): boolean {
  return (entry.tags ?? []).includes("broken") && entry.expected?.tests === 0 && !expectsParseError(entry);
}

const registered = new Set(ALL_PARSERS.map((p) => p.format));

type Status =
  | "parsed"
  | "detected, unreadable"
  | "parse error expected, unreadable"
  | "no results expected"
  | "empty file"
  | "format not registered yet"
  | "not supported";

function statusOf(entry: ConformanceEntry): Status | "unmapped" {
  if (expectsParseError(entry)) return "parse error expected, unreadable";
  if (expectsNoResults(entry)) return "no results expected";
  if (entry.bytes === 0) return "empty file";
  if (NOT_READ[entry.path] !== undefined) return "not supported";
  const ours = OUR_FORMAT[entry.format];
  if (ours !== undefined) return registered.has(ours) ? "parsed" : "format not registered yet";
  return NOT_SUPPORTED[entry.format] !== undefined ? "not supported" : "unmapped";
}

const UNRECOGNISED = /^(unrecognised format|file is empty)/;

function describeReports(reports: Report[]): string {
  return JSON.stringify(
    reports.map((r) => (r.kind === "unreadable" ? r : { kind: r.kind, format: r.format })),
  );
}

/** Paths in reports that are absolute or climb with "..": path normalisation must leave none. */
function unsafePaths(reports: Report[]): string[] {
  const paths = reports.flatMap((r) => {
    switch (r.kind) {
      case "tests":
        return r.cases.map((c) => c.file);
      case "coverage":
        return r.files.map((f) => f.path);
      case "security":
        return r.findings.map((f) => f.file);
      case "complexity":
        return r.blocks.map((b) => b.file);
      default:
        return [];
    }
  });
  return paths.filter(
    (p): p is string =>
      p !== undefined &&
      (p.startsWith("/") || /^[A-Za-z]:/.test(p) || p.includes("\\") || p.split("/").includes("..")),
  );
}

const tally = new Map<string, number>();
/** Supported fixtures that were detected but refused: worth a look by the format's owner. */
const refused: string[] = [];
const entries = loadManifest();

describe("conformance corpus: every fixture lands where it should", () => {
  afterAll(() => {
    const lines = [...tally].sort().map(([status, n]) => `  ${String(n).padStart(4)}  ${status}`);
    const detail = refused.map((r) => `  detected, unreadable: ${r}`);
    console.log(`conformance completeness (${entries.length} entries):\n${[...lines, ...detail].join("\n")}`);
  });

  it("has a mapping or a reason for every format of the corpus", () => {
    const unmapped = [...new Set(entries.filter((e) => statusOf(e) === "unmapped").map((e) => e.format))];
    expect(unmapped).toEqual([]);
  });

  it.each(entries.map((e) => [e.path.replace(/^(files|derived)\//, ""), e] as const))(
    "%s",
    async (_name, entry) => {
      const reports = await parseReportFile(await diskFile(fixturePath(entry), entry.path));
      let status: string = statusOf(entry);
      const ours = OUR_FORMAT[entry.format];
      const seen = describeReports(reports);
      expect(unsafePaths(reports), "paths in reports are repository-relative").toEqual([]);
      switch (status) {
        case "parse error expected, unreadable":
          expect(reports.length, seen).toBeGreaterThan(0);
          expect(
            reports.every((r) => r.kind === "unreadable"),
            seen,
          ).toBe(true);
          break;
        case "no results expected":
          // Nothing, a refusal, or an empty report are all "no results".
          expect(
            reports.every((r) => r.kind === "unreadable" || (r.kind === "tests" && r.totals.tests === 0)),
            seen,
          ).toBe(true);
          break;
        case "empty file":
          expect(reports, seen).toEqual([
            { kind: "unreadable", source: entry.path, reason: "file is empty" },
          ]);
          break;
        case "parsed": {
          expect(reports.length, seen).toBeGreaterThan(0);
          // Every report names our format for this file; a refusal must at least have detected it.
          expect(
            reports.every((r) => r.format === ours),
            seen,
          ).toBe(true);
          if (reports.every((r) => r.kind === "unreadable")) {
            status = "detected, unreadable";
            refused.push(
              `${entry.path}: ${reports.map((r) => (r.kind === "unreadable" ? r.reason : "")).join("; ")}`,
            );
          }
          break;
        }
        default:
          // Not supported (yet): no module may claim it. Report extensions give "unrecognised", others nothing.
          expect(
            reports.every(
              (r) => r.kind === "unreadable" && r.format === undefined && UNRECOGNISED.test(r.reason),
            ),
            `${entry.format} is listed as not supported, but a module claims it now: ${seen}. If that is ` +
              "intended, map the format in OUR_FORMAT (or drop the entry from NOT_READ).",
          ).toBe(true);
          status = `${status} (${reports.length === 0 ? "ignored" : "unrecognised"})`;
      }
      tally.set(status, (tally.get(status) ?? 0) + 1);
    },
  );
});
