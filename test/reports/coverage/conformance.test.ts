// Coverage parsers against the shared conformance corpus: every coverage fixture is detected by content and
// parsed, and whatever its upstream project states (see the corpus README) is compared with our model:
//   - coverallsapp per-file hit arrays → lines_valid / lines_covered, and the covered / missing line numbers
//     (coverage[i] = hits of line i + 1, null = not executable); branch quadruples → branch counts;
//   - Istanbul spec metrics (lines, branches) and Cobertura/LCOV totals; irongut and coverage.py gold totals.
// Values are compared exactly. Where we knowingly differ, DISAGREEMENTS below names the check, OUR value and
// why; the test asserts that list, so any change of behaviour (either way) fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { coverageParsers } from "../../../src/reports/coverage/index.js";
import { diskFile } from "../../../src/reports/file.js";
import type { CoverageReport, FileCoverage, Report } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS, HEAD_CHARS } from "../../../src/reports/parser.js";
import { type ConformanceEntry, entriesOf, fixturePath } from "../../support/conformance.js";

const FORMATS: Record<string, string> = {
  "cobertura-xml": "cobertura",
  lcov: "lcov",
  "jacoco-xml": "jacoco",
  "clover-xml": "clover",
  "istanbul-json": "istanbul",
  "simplecov-json": "simplecov",
  "go-coverprofile": "go-coverprofile",
};

/** Checks where our value differs from the upstream expectation on purpose: "check → our value (why)". */
const DISAGREEMENTS: Record<string, string[]> = {
  // coverallsapp emits one branch per <line type="cond"> (35 quadruples for this file); Istanbul's clover
  // writer puts the branch paths of that line in truecount (covered) + falsecount (uncovered), and we count
  // paths, as Istanbul's own branch metric does.
  // The profile names internal/log/log.go under two module paths (…/lefthook and …/lefthook/v2).
  // coverallsapp maps both to one repository file through go.mod; we keep Go's import paths as written
  // (mapping them to repository paths is a later step), so they stay two files.
  "golang/coverage.out": ["files 27 → ours 28"],
  "clover/clover-unleash.xml": [
    "branch_count 35 → ours 60 (we count branch paths, coverallsapp counts cond lines)",
  ],
};

/** Our value for fixtures without any upstream expectation: pins behaviour (lines c/t, branches c/t, files). */
const OURS_WITHOUT_EXPECTATION: Record<string, string> = {
  "src/coverage.gcovr.xml": "files 1, lines 345/572, branches 100/252",
  "src/coverage.simplecov.xml": "files 13, lines 350/362",
  "src/coverage.MATLAB.xml": "files 9, lines 103/278",
  "cobertura/cobertura-oneline.xml": "files 16, lines 77/106, branches 25/41",
  "jacoco/jacoco-oneline-report.xml": "files 2, lines 5/6, branches 2/4",
  "golang/coverage-dashes.out": "files 1, lines 12/12",
  // A block with 0 statements marks no line.
  "golang/coverage-one-slash.out": "files 1, lines 0/0",
  "golang/coverage-two-slashes.out": "files 1, lines 12/12",
};

const ctx = { limits: DEFAULT_PARSE_LIMITS };

function shortName(entry: ConformanceEntry): string {
  return entry.path.split("/").slice(-2).join("/");
}

async function parseEntry(
  entry: ConformanceEntry,
): Promise<{ format: string | undefined; reports: Report[] }> {
  const path = fixturePath(entry);
  const head = readFileSync(path, "utf8")
    .slice(0, HEAD_CHARS)
    .replace(/^\uFEFF/, "");
  const parser = coverageParsers.find((p) => p.sniff(head, entry.path));
  if (!parser) return { format: undefined, reports: [] };
  return { format: parser.format, reports: await parser.parse(await diskFile(path, entry.path), ctx) };
}

function summary(r: CoverageReport): string {
  const parts = [`files ${r.files.length}`, `lines ${r.lines.covered}/${r.lines.total}`];
  if (r.branches) parts.push(`branches ${r.branches.covered}/${r.branches.total}`);
  return parts.join(", ");
}

/** The file whose path ends with `name` at a path-segment boundary (upstream resolves paths differently). */
function fileNamed(r: CoverageReport, name: string): FileCoverage | undefined {
  const bare = name.replace(/^\.?\//, "");
  const found = r.files.filter(
    (f) => f.path === bare || f.path.endsWith(`/${bare}`) || bare.endsWith(`/${f.path}`),
  );
  return found.length === 1 ? found[0] : undefined;
}

type Json = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

function compareFile(r: CoverageReport, exp: Json, out: string[]): void {
  const name = String(exp.name);
  const f = fileNamed(r, name);
  if (!f) {
    out.push(`file ${name} → not found in ${r.files.map((x) => x.path).join(", ")}`);
    return;
  }
  const cmp = (what: string, want: unknown, got: unknown) => {
    if (want !== undefined && JSON.stringify(want) !== JSON.stringify(got))
      out.push(`${name} ${what} ${JSON.stringify(want)} → ours ${JSON.stringify(got)}`);
  };
  if (Array.isArray(exp.coverage)) {
    const hits = exp.coverage as (number | null)[];
    const covered = hits.flatMap((h, i) => (h !== null && h > 0 ? [i + 1] : []));
    const missing = hits.flatMap((h, i) => (h === 0 ? [i + 1] : []));
    cmp("covered lines", covered, f.covered);
    cmp("missing lines", missing, f.missing);
  }
  cmp("lines_valid", num(exp.lines_valid), f.lines.total);
  cmp("lines_covered", num(exp.lines_covered), f.lines.covered);
  if (Array.isArray(exp.branches)) {
    const quads = exp.branches as number[];
    let covered = 0;
    for (let i = 3; i < quads.length; i += 4) if ((quads[i] ?? 0) > 0) covered++;
    cmp(
      "branches",
      { covered, total: quads.length / 4 },
      { covered: f.branches?.covered ?? 0, total: f.branches?.total ?? 0 },
    );
  }
  if (exp.line_hits && typeof exp.line_hits === "object") {
    for (const [line, h] of Object.entries(exp.line_hits as Record<string, number | null>)) {
      const n = Number(line);
      const ours = f.covered?.includes(n) ? "covered" : f.missing.includes(n) ? "missing" : "not executable";
      const want = h === null ? "not executable" : h > 0 ? "covered" : "missing";
      cmp(`line ${n}`, want, ours);
    }
  }
  if (exp.branch_count !== undefined) {
    const got = f.branches?.total ?? 0;
    if (got !== exp.branch_count)
      out.push(
        `branch_count ${exp.branch_count} → ours ${got} (we count branch paths, coverallsapp counts cond lines)`,
      );
  }
}

/** Every difference between our report and the entry's `expected`, as "check want → ours got". */
function differences(entry: ConformanceEntry, r: CoverageReport): string[] {
  const exp = entry.expected ?? {};
  const out: string[] = [];
  const cmp = (what: string, want: unknown, got: unknown) => {
    if (want !== undefined && JSON.stringify(want) !== JSON.stringify(got))
      out.push(`${what} ${JSON.stringify(want)} → ours ${JSON.stringify(got)}`);
  };
  cmp("files", num(exp.files), r.files.length);
  const metrics = exp.metrics as Record<string, Json> | undefined;
  // Istanbul metrics and LCOV/Cobertura totals; `*_valid` is the total, `*_covered` the covered count.
  cmp("lines_valid", num(exp.lines_valid) ?? num(metrics?.lines?.total), r.lines.total);
  cmp("lines_covered", num(exp.lines_covered) ?? num(metrics?.lines?.covered), r.lines.covered);
  cmp("branches_valid", num(exp.branches_valid) ?? num(metrics?.branches?.total), r.branches?.total ?? 0);
  cmp(
    "branches_covered",
    num(exp.branches_covered) ?? num(metrics?.branches?.covered),
    r.branches?.covered ?? 0,
  );
  const perFile = (exp.per_file ?? exp.per_file_subset) as Json[] | undefined;
  for (const f of perFile ?? []) compareFile(r, f, out);
  if (typeof exp.file === "string") compareFile(r, { ...exp, name: exp.file }, out);
  if (typeof exp.first_file_name_suffix === "string") {
    cmp("first file suffix", true, r.files[0]?.path.endsWith(exp.first_file_name_suffix) ?? false);
  }
  if (Array.isArray(exp.first_file_branches)) {
    cmp("first file branches", exp.first_file_branches.length, r.files[0]?.branches?.total ?? 0);
  }
  if (Array.isArray(exp.file_basenames)) {
    cmp(
      "file basenames",
      exp.file_basenames,
      r.files.map((f) => f.path.slice(f.path.lastIndexOf("/") + 1)),
    );
  }
  return out;
}

const entries = entriesOf(...Object.keys(FORMATS)).filter((e) => e.bytes > 0);

describe("coverage conformance corpus", () => {
  it("has the fixtures this test was written against", () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
  });

  it.each(entries.map((e) => [shortName(e), e] as const))("%s", async (name, entry) => {
    const { format, reports } = await parseEntry(entry);
    expect(format).toBe(FORMATS[entry.format]);
    expect(reports).toHaveLength(1);
    const r = reports[0];
    if (r?.kind !== "coverage") throw new Error(`expected a coverage report, got ${JSON.stringify(r)}`);
    if (entry.expected === null) {
      expect(summary(r)).toBe(OURS_WITHOUT_EXPECTATION[name]);
      return;
    }
    expect(differences(entry, r)).toEqual(DISAGREEMENTS[name] ?? []);
  });

  it("the zero-byte LCOV file is claimed by no module (nothing to detect)", async () => {
    const empty = entriesOf("lcov").filter((e) => e.bytes === 0);
    expect(empty).toHaveLength(1);
    for (const e of empty) expect((await parseEntry(e)).format).toBeUndefined();
  });
});

describe("Istanbul coverage maps agree with Istanbul's own Cobertura and LCOV output at line level", () => {
  const specs = entriesOf("istanbul-json");
  it.each(specs.map((e) => [shortName(e), e] as const))("%s", async (_name, entry) => {
    const ours = await parseEntry(entry);
    const companion = entry.path.replace(/\.coverage-final\.json$/, "");
    const expected = entriesOf("cobertura-xml", "lcov").find(
      (e) => e.path === `${companion}.expected-cobertura.xml` || e.path === `${companion}.expected-lcov.info`,
    );
    if (!expected) throw new Error(`no expected Cobertura/LCOV output for ${entry.path}`);
    const theirs = await parseEntry(expected);
    const lineView = (reports: Report[]) =>
      reports.flatMap((r) =>
        r.kind === "coverage"
          ? r.files
              .map((f) => ({
                name: f.path.slice(f.path.lastIndexOf("/") + 1),
                covered: f.covered,
                missing: f.missing,
              }))
              .sort((a, b) => a.name.localeCompare(b.name))
              // The expected LCOV has its SF: path blanked upstream, so only the line lists are compared.
              .map(({ covered, missing }) => ({ covered, missing }))
          : [],
      );
    expect(lineView(ours.reports)).toEqual(lineView(theirs.reports));
  });
});
