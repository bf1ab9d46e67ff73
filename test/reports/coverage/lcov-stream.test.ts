// The streamed LCOV reader: same results as the straightforward whole-text reading it replaced (kept here as
// the oracle), whatever the chunking, and it never needs the whole text as one string.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CoverageBuilder, hitsOf, lineNumberOf } from "../../../src/reports/coverage/builder.js";
import { lcovParser, parseLcov } from "../../../src/reports/coverage/lcov.js";
import { memoryFile } from "../../../src/reports/file.js";
import type { Report } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS, type ReportFile } from "../../../src/reports/parser.js";
import { fuzzParams } from "../../support/fuzz.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };

/** The former implementation: the whole text split into lines, every record through split(","). */
function oracle(text: string, source: string): Report[] {
  const builder = new CoverageBuilder("lcov", source);
  let current: string | undefined;
  let sawRecord = false;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const line = raw.trim();
    const colon = line.indexOf(":");
    const tag = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1);
    if (tag === "SF") {
      current = value;
      sawRecord = true;
      builder.file(current);
    } else if (tag === "end_of_record") current = undefined;
    else if (tag === "DA" && current !== undefined) {
      const [lineNo, hits] = value.split(",");
      builder.line(current, lineNumberOf(lineNo), hitsOf(hits));
    } else if (tag === "BRDA" && current !== undefined) {
      const [lineNo, block, branch, taken] = value.split(",");
      const n = lineNumberOf(lineNo);
      if (n === undefined || block === undefined || branch === undefined) continue;
      const hits = taken === undefined || taken.trim() === "-" ? 0 : (hitsOf(taken) ?? 0);
      builder.branch(current, `${n}:${block}:${branch}`, hits > 0 ? 1 : 0, 1);
    } else if (tag === "BRF") builder.hasBranches();
  }
  if (text.replace(/^\uFEFF/, "").trim() === "") return [{ kind: "unreadable", source, reason: "empty" }];
  if (!sawRecord) return [{ kind: "unreadable", source, reason: "no SF" }];
  return [builder.build()];
}

/** Unreadable reports compared by kind only (the oracle's reasons are abbreviated). */
function comparable(reports: Report[]): unknown {
  return reports.map((r) => (r.kind === "unreadable" ? "unreadable" : r));
}

/** The text's bytes in chunks of the given sizes (cycled), cutting UTF-8 sequences and CRLF pairs anywhere. */
function chunkedFile(text: string, sizes: number[]): ReportFile {
  const bytes = new TextEncoder().encode(text);
  return {
    path: "lcov.info",
    size: bytes.byteLength,
    async *open() {
      let k = 0;
      for (let at = 0; at < bytes.byteLength; k++) {
        const step = sizes[k % sizes.length] ?? 1;
        yield bytes.subarray(at, at + step);
        at += step;
      }
    },
  };
}

const pieces = fc.constantFrom(
  "SF:src/a.js",
  "SF:src/b.js",
  "SF:  src/a.js  ",
  "SF:<anonymous>",
  "SF",
  "TN:t",
  "end_of_record",
  "end_of_record:x",
  "DA:1,1",
  "DA:2,0",
  "DA:02,5",
  "DA: 3,1",
  "DA:3 ,1",
  "DA:4,-1",
  "DA:4,1e3",
  "DA:5,",
  "DA:5",
  "DA",
  "DA:0,1",
  "DA:1.0,1",
  "DA:999999999999,1",
  "DA:9999999999999999999,1",
  "DA:6,1,checksum",
  "DA:7,00",
  "BRDA:1,0,0,1",
  "BRDA:1,0,1,-",
  "BRDA:1,0,1,0",
  "BRDA:01,0,0,2",
  "BRDA:1,00,0,1",
  "BRDA:1,e0,0,1",
  "BRDA:1,63,63,1",
  "BRDA:1,64,0,1",
  "BRDA:1, 0,0,1",
  "BRDA:1,0,0",
  "BRDA:1,0,0,",
  "BRDA:1,0,0,-,x",
  "BRDA:1,0,0,-5",
  "BRDA:1,1,0,0",
  "BRDA:1.0,0,1,1",
  "BRDA:1.0,1,0,1",
  "BRDA:600000,0,0,1",
  "BRDA:x,0,0,1",
  "BRF:2",
  "BRF",
  "LF:10",
  "FN:1,f",
  "\u00a0DA:8,1\u3000",
  "",
  "  ",
);
/** Few records read by both paths (in place and general), so that the same branch meets itself both ways. */
const sameRecords = fc.constantFrom(
  "SF:a.js",
  "end_of_record",
  "DA:1,1",
  "DA:1.0,0",
  "DA: 2,0",
  "DA:2,3",
  "BRDA:1,0,1,1",
  "BRDA:1.0,0,1,0",
  "BRDA:1,1,0,0",
  "BRDA:1.0,1,0,1",
  "BRDA:1,12,40,2",
  "BRDA:1.0,40,12,0",
);
const breaks = fc.constantFrom("\n", "\r\n", "\r", " \n");

describe("LCOV, streamed", () => {
  it.each([
    ["all kinds of records", pieces],
    ["records read both in place and by the general path", sameRecords],
  ])("reads like the whole-text reader, whatever the chunking (%s)", async (_name, alphabet) => {
    const docs = fc
      .array(fc.tuple(alphabet, breaks), { maxLength: 40 })
      .map((parts) => parts.flat().join(""));
    const chunkings = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.boolean(), docs, chunkings, async (bom, doc, sizes) => {
        const text = (bom ? "\uFEFF" : "") + doc;
        const expected = comparable(oracle(text, "lcov.info"));
        expect(comparable(await lcovParser.parse(chunkedFile(text, sizes), ctx))).toEqual(expected);
        expect(comparable(parseLcov(text, "lcov.info"))).toEqual(expected);
      }),
      fuzzParams(300),
    );
  });

  it("a multi-MB tracefile gives the expected totals", async () => {
    const parts: string[] = [];
    for (let f = 0; f < 400; f++) {
      parts.push(`TN:\nSF:/src/module_${f}.ts\nFN:1,f\nFNDA:1,f\n`);
      for (let line = 1; line <= 1000; line++) {
        parts.push(`DA:${line},${line % 5 === 0 ? 0 : line}\n`);
        if (line % 10 === 0)
          parts.push(`BRDA:${line},0,0,${line % 20 === 0 ? "-" : "3"}\nBRDA:${line},0,1,1\n`);
      }
      parts.push("LF:1000\nLH:800\nend_of_record\n");
    }
    const text = parts.join("");
    expect(text.length).toBeGreaterThan(4_000_000);
    const [r] = await lcovParser.parse(memoryFile("lcov.info", text), ctx);
    if (r?.kind !== "coverage") throw new Error(`expected coverage, got ${JSON.stringify(r)}`);
    expect(r.files).toHaveLength(400);
    expect(r.lines).toEqual({ covered: 400 * 800, total: 400 * 1000, pct: 80 });
    expect(r.branches).toEqual({ covered: 400 * 150, total: 400 * 200, pct: 75 });
    expect(r.files[7]?.missing.slice(0, 3)).toEqual([5, 10, 15]);
  });

  it("reads a file longer than the longest string V8 can hold (so never as one string)", async () => {
    // 545 MB (V8's string limit is 2^29 − 24 characters ≈ 537 M): the same 1 MiB piece over and over, 64
    // comment-like lines of 16 KiB and one record each.
    const filler = `TN:${"x".repeat(16 * 1024 - 4)}\n`.repeat(64);
    const piece = new TextEncoder().encode(`${filler.slice(0, -40)}\nSF:a.js\nDA:1,1\nend_of_record\n`);
    const times = 520;
    const huge: ReportFile = {
      path: "lcov.info",
      size: piece.byteLength * times,
      async *open() {
        for (let i = 0; i < times; i++) yield piece;
      },
    };
    const reports = await lcovParser.parse(huge, { limits: { ...ctx.limits, maxReportBytes: 1024 ** 3 } });
    expect(reports).toMatchObject([
      { kind: "coverage", lines: { covered: 1, total: 1 }, files: [{ path: "a.js" }] },
    ]);
  });
});
