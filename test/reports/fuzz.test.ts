// Fuzzing every registered format module: arbitrary bytes, arbitrary text and mutated real fixtures must
// never make a module throw, must finish in bounded time, and must give well-formed reports.
//
// Normal test run: 200 inputs per module with a fixed seed (deterministic). Longer runs:
//   FUZZ_RUNS=20000 npx vitest run test/reports/fuzz.test.ts
// and FUZZ_SEED=<n> to explore other inputs; a failure prints the seed and path to replay it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryFile } from "../../src/reports/file.js";
import type { Report } from "../../src/reports/model.js";
import { parseReportFile } from "../../src/reports/parse-file.js";
import type { FormatParser } from "../../src/reports/parser.js";
import { DEFAULT_PARSE_LIMITS, HEAD_CHARS } from "../../src/reports/parser.js";
import { stripBom } from "../../src/reports/read.js";
import { ALL_PARSERS } from "../../src/reports/registry.js";
import { fixturePath, loadManifest } from "../support/conformance.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
/** One parse of a small input taking longer than this is a bug (quadratic loop, catastrophic regex). */
const MAX_PARSE_MS = 2_000;
/** Fixtures larger than this are not mutated (keeps the normal run fast). */
const MAX_FIXTURE_BYTES = 32 * 1024;
const FIXTURES_PER_PARSER = 4;

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const REPO_FIXTURES = resolve(import.meta.dirname, "../../fixtures/reports");

function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

interface Sample {
  path: string;
  bytes: Uint8Array;
}

/** Small real files each module claims: from the shared corpus and the repository's own fixtures. */
function samplesFor(parser: FormatParser, pool: Sample[]): Sample[] {
  const claimed = pool.filter((s) => {
    const head = stripBom(new TextDecoder().decode(s.bytes.subarray(0, HEAD_CHARS)));
    try {
      return parser.sniff(head, s.path);
    } catch {
      return false;
    }
  });
  const step = Math.max(1, Math.floor(claimed.length / FIXTURES_PER_PARSER));
  return claimed.filter((_, i) => i % step === 0).slice(0, FIXTURES_PER_PARSER);
}

function loadPool(): Sample[] {
  const corpus = loadManifest().map((e) => ({ fsPath: fixturePath(e), path: e.path }));
  const own = listFiles(REPO_FIXTURES).map((fsPath) => ({ fsPath, path: relative(REPO_FIXTURES, fsPath) }));
  return [...corpus, ...own]
    .filter((f) => statSync(f.fsPath).size <= MAX_FIXTURE_BYTES)
    .map((f) => ({ path: f.path, bytes: new Uint8Array(readFileSync(f.fsPath)) }));
}

const INSERTS = [
  "<",
  ">",
  '"',
  "'",
  "\u0000",
  "&",
  "&#0;",
  "]]>",
  "<!--",
  '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>',
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  "\n",
  "\r\n",
  "-1",
  "1e309",
  "NaN",
  "null",
  "18446744073709551615",
  "\uFFFD",
  "\uD800",
  "<a>".repeat(400),
  "[".repeat(400),
  "SF:",
  "end_of_record\n",
  "DA:1,-5\n",
];

type Mutation =
  | { op: "truncate"; at: number }
  | { op: "flip"; at: number; bit: number }
  | { op: "insert"; at: number; text: string }
  | { op: "delete"; at: number; length: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.op === "truncate") out = out.subarray(0, at);
    else if (m.op === "flip" && at < out.length) {
      out = out.slice();
      out[at] = (out[at] ?? 0) ^ (1 << m.bit);
    } else if (m.op === "insert") {
      const text = new TextEncoder().encode(m.text);
      const next = new Uint8Array(out.length + text.length);
      next.set(out.subarray(0, at));
      next.set(text, at);
      next.set(out.subarray(at), at + text.length);
      out = next;
    } else if (m.op === "delete") {
      out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + m.length)]);
    }
  }
  return out;
}

const KINDS = new Set([
  "tests",
  "coverage",
  "security",
  "performance",
  "licenses",
  "complexity",
  "unreadable",
]);

/** Every number finite and not negative (counts, durations, percentages, line numbers). */
function badNumbers(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => (i < 1000 ? badNumbers(v, `${path}[${i}]`) : []));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => badNumbers(v, `${path}.${k}`));
  }
  return [];
}

/** Problems with the shape of parse results; [] when they are well-formed. */
function problems(reports: unknown): string[] {
  if (!Array.isArray(reports)) return ["parse() did not return an array"];
  return (reports as Report[]).flatMap((r, i) => {
    const at = `report ${i}`;
    if (!KINDS.has(r.kind)) return [`${at}: unknown kind ${String(r.kind)}`];
    if (typeof r.source !== "string") return [`${at}: no source`];
    if (r.kind === "unreadable") {
      if (r.reason.startsWith("internal error")) return [`${at}: ${r.reason}`];
      return typeof r.reason === "string" && r.reason !== "" ? [] : [`${at}: unreadable without a reason`];
    }
    const found = badNumbers(r).map((p) => `${at}: ${p}`);
    if (r.kind === "tests") {
      const t = r.totals;
      if (t.passed + t.failed + t.errors + t.skipped !== t.tests) found.push(`${at}: totals do not add up`);
    }
    if (r.kind === "coverage" && r.lines.covered > r.lines.total)
      found.push(`${at}: more lines covered than exist`);
    return found;
  });
}

async function timedParse(parser: FormatParser, path: string, bytes: Uint8Array | string): Promise<unknown> {
  const started = performance.now();
  const reports = await parser.parse(memoryFile(path, bytes), ctx);
  const ms = performance.now() - started;
  if (ms > MAX_PARSE_MS) throw new Error(`parse took ${ms.toFixed(0)} ms`);
  return reports;
}

const pool = loadPool();
const options = { seed: SEED, numRuns: Math.max(1, Math.floor(RUNS / 4)) };
const timeout = Math.max(20_000, RUNS * 100);

describe("fuzzing detection", () => {
  it("every module's sniff() answers a boolean for any head and path, without throwing", { timeout }, () => {
    const heads = fc.oneof(
      fc.string({ unit: "binary", maxLength: 512 }),
      fc.constantFrom(...pool.map((s) => new TextDecoder().decode(s.bytes.subarray(0, 512)))),
    );
    const paths = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("a.xml", "a.json", "lcov.info", "x.sarif"),
    );
    fc.assert(
      fc.property(heads, paths, (head, path) => {
        for (const parser of ALL_PARSERS) expect(typeof parser.sniff(head, path)).toBe("boolean");
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe.each(ALL_PARSERS.map((p) => [p.format, p] as const))("fuzzing %s", (_format, parser) => {
  const samples = samplesFor(parser, pool);
  const name = samples[0]?.path ?? (parser.format.includes("csv") ? "report.csv" : "report.json");

  it("survives arbitrary bytes", { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(problems(await timedParse(parser, name, bytes))).toEqual([]);
      }),
      options,
    );
  });

  it("survives arbitrary text", { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 2048 }), async (text) => {
        expect(problems(await timedParse(parser, name, text))).toEqual([]);
      }),
      options,
    );
  });

  it.skipIf(samples.length === 0)(
    "survives mutated real fixtures, also through parseReportFile",
    { timeout },
    async () => {
      const mutated = fc.tuple(
        // By index, so that a counterexample prints short; the sample's path is in the failure message.
        fc.constantFrom(...samples.map((_, i) => i)),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
      );
      await fc.assert(
        fc.asyncProperty(mutated, async ([index, mutations]) => {
          const sample = samples[index];
          if (sample === undefined) return;
          const bytes = mutate(sample.bytes, mutations);
          expect(problems(await timedParse(parser, sample.path, bytes)), sample.path).toEqual([]);
          expect(problems(await parseReportFile(memoryFile(sample.path, bytes))), sample.path).toEqual([]);
        }),
        { ...options, numRuns: options.numRuns * 2 },
      );
    },
  );
});
