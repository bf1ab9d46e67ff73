// Fuzzing the artifact reader the way the collect job uses it (openDownloaded → parseReportFile per
// file, an ArtifactBoundError skipping one file): a zip of real reports, damaged at random — flipped
// bytes (sizes, offsets, CRCs, names, deflate data), truncated, with garbage spliced in — must never make
// the reader throw anything else, hang, or leave a file neither read nor reported as skipped.
//
// Normal test run: 150 damaged zips with a fixed seed; `npm run fuzz` runs 4,000 (test/support/fuzz.ts).
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntryName } from "../../src/artifacts/entry-name.js";
import { openDownloaded } from "../../src/artifacts/github-source.js";
import { DEFAULT_ARTIFACT_LIMITS } from "../../src/artifacts/limits.js";
import { ArtifactBoundError } from "../../src/artifacts/unzip.js";
import { parseReportFile } from "../../src/reports/parse-file.js";
import { fuzzParams, fuzzTimeout } from "../support/fuzz.js";
import { buildZip } from "../support/zip-writer.js";

// A damaged zip costs a file write and a parse: a fifth of FUZZ_RUNS of them.
const params = fuzzParams(150, 0.2);
const timeout = fuzzTimeout(params, 100);
const FIXTURES = resolve(import.meta.dirname, "../../fixtures/reports");
const fixture = (p: string) => readFileSync(join(FIXTURES, p));

// Real reports (fixtures/reports, provenance in each folder's README), deflated and stored.
const ORIGINAL = buildZip([
  { name: "tests/junit.xml", data: fixture("junit/pytest/report-xunit1.xml") },
  { name: "coverage/coverage.xml", data: fixture("coverage/coverage-py/coverage.xml"), store: true },
  { name: "coverage/lcov.info", data: fixture("coverage/node-test/lcov.info") },
  { name: "perf/k6.json", data: fixture("performance/k6/summary-export.json"), store: true },
]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tollgate-zip-fuzz-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type Damage =
  | { kind: "flip"; at: number[]; bytes: number[] }
  | { kind: "truncate"; keep: number }
  | { kind: "splice"; at: number; junk: Uint8Array };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.array(fc.nat(ORIGINAL.length - 1), { minLength: 1, maxLength: 12 }),
    bytes: fc.array(fc.nat(255), { minLength: 12, maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant("truncate" as const), keep: fc.nat(ORIGINAL.length - 1) }),
  fc.record({
    kind: fc.constant("splice" as const),
    at: fc.nat(ORIGINAL.length),
    junk: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
);

function apply(d: Damage): Buffer {
  if (d.kind === "truncate") return ORIGINAL.subarray(0, d.keep);
  if (d.kind === "splice")
    return Buffer.concat([ORIGINAL.subarray(0, d.at), d.junk, ORIGINAL.subarray(d.at)]);
  const out = Buffer.from(ORIGINAL);
  for (const [i, at] of d.at.entries()) out[at] = d.bytes[i] ?? 0;
  return out;
}

let n = 0;
/** What the collect job would record for this artifact: reports, or a reason per file or artifact. */
async function collect(bytes: Buffer): Promise<{ reports: number; problems: string[] }> {
  const file = join(dir, `a${n++}.zip`);
  await writeFile(file, bytes);
  const opened = await openDownloaded(file, "reports", DEFAULT_ARTIFACT_LIMITS, () =>
    rm(file, { force: true }),
  );
  if (!opened.ok) return { reports: 0, problems: [opened.reason] };
  const problems = opened.artifact.skipped.map((s) => `${s.path}: ${s.reason}`);
  let reports = 0;
  try {
    for (const f of opened.artifact.files) {
      try {
        reports += (await parseReportFile(f)).length;
      } catch (err) {
        if (!(err instanceof ArtifactBoundError)) throw err; // anything else would fail the whole job
        problems.push(`${f.path}: ${err.message}`);
      }
    }
  } finally {
    await opened.artifact.close();
  }
  return { reports, problems };
}

describe("artifact zips, damaged at random", () => {
  it("the undamaged zip reads all four reports", async () => {
    expect(await collect(ORIGINAL)).toEqual({ reports: 4, problems: [] });
  });

  it("are read or reported, never thrown, never hung", { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        const started = performance.now();
        const result = await collect(apply(d));
        expect(performance.now() - started).toBeLessThan(5_000);
        for (const p of result.problems) expect(p.length).toBeGreaterThan(0);
      }),
      params,
    );
  });
});

describe("entry names, fuzzed", () => {
  it("an accepted name is relative, without '..', drive letters, backslashes or NUL", () => {
    const parts = fc.constantFrom(
      "..",
      ".",
      "/",
      "\\",
      "C:",
      "c:\\",
      "\0",
      "a",
      "é",
      " ",
      "//",
      "~",
      "%2e%2e",
    );
    const name = fc.oneof(
      fc.string(),
      fc.array(parts, { maxLength: 12 }).map((p) => p.join("")),
    );
    fc.assert(
      fc.property(name, (raw) => {
        const checked = checkEntryName(raw);
        if (!checked.ok) return;
        expect(checked.path.startsWith("/")).toBe(false);
        expect(checked.path.split("/")).not.toContain("..");
        expect(checked.path).not.toMatch(/^[A-Za-z]:/);
        expect(checked.path).not.toContain("\\");
        expect(checked.path).not.toContain("\0");
      }),
      fuzzParams(3_000),
    );
  });
});
