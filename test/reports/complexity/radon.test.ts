import { describe, expect, it } from "vitest";
import { radonParser } from "../../../src/reports/complexity/radon.js";
import { memoryFile } from "../../../src/reports/file.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { parseDisk, readHead } from "../performance/support.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const FIXTURE = "fixtures/reports/complexity/radon/cc.json";

describe("radon cc -j", () => {
  it("reads real radon 5.1.0 output: methods once, closures in, classes out, errors per file", async () => {
    expect(radonParser.sniff(await readHead(FIXTURE), FIXTURE)).toBe(true);
    const [r, error, ...rest] = await parseDisk(radonParser, FIXTURE);
    expect(rest).toHaveLength(0);
    if (r?.kind !== "complexity") throw new Error("expected a complexity report");
    expect(r.blocks.map((b) => [b.name, b.complexity]).sort()).toEqual(
      [
        ["tiered_discount", 11],
        ["Cart.total", 3],
        ["Cart.add", 2],
        ["flat_fee", 1],
        ["make_rounder", 1],
        ["make_rounder.rounder", 2],
        ["Cart.__init__", 1],
      ].sort(),
    );
    expect(r.blocks[0]).toEqual({
      file: "pkg/pricing.py",
      name: "tiered_discount",
      line: 8,
      complexity: 11,
      rank: "C",
    });
    expect(r.max).toBe(11);
    expect(r.average).toBe(3);
    expect(error).toMatchObject({
      kind: "unreadable",
      source: FIXTURE,
      format: "radon",
      reason: "radon could not analyse pkg/broken.py: invalid syntax (<unknown>, line 1)",
    });
  });

  it.each([
    ["no blocks at all", "{}", { max: 0, average: 0, blocks: [] }],
    ["a file without blocks", '{"a.py": []}', { max: 0, average: 0, blocks: [] }],
    [
      "a closure inside a method",
      '{"a.py": [{"type": "method", "classname": "C", "name": "m", "lineno": 2, "complexity": 4, "rank": "A", "closures": [{"type": "function", "name": "inner", "lineno": 3, "complexity": 6, "rank": "B", "closures": []}]}]}',
      {
        max: 6,
        average: 5,
        blocks: [
          { file: "a.py", name: "C.m", line: 2, complexity: 4, rank: "A" },
          { file: "a.py", name: "C.m.inner", line: 3, complexity: 6, rank: "B" },
        ],
      },
    ],
  ])("%s", async (_name, text, expected) => {
    const [r] = await radonParser.parse(memoryFile("cc.json", text), ctx);
    expect(r).toMatchObject({ kind: "complexity", format: "radon", ...expected });
  });

  it("only errors: one unreadable report per file, no empty complexity report", async () => {
    const reports = await radonParser.parse(
      memoryFile("cc.json", '{"a.py": {"error": "boom"}, "b.py": 7}'),
      ctx,
    );
    expect(reports).toEqual([
      {
        kind: "unreadable",
        source: "cc.json",
        format: "radon",
        reason: "radon could not analyse a.py: boom",
      },
      {
        kind: "unreadable",
        source: "cc.json",
        format: "radon",
        reason: "radon output for b.py is neither a block list nor an error",
      },
    ]);
  });

  it.each([
    ["[]", /expected an object of files/],
    ["{", /not valid JSON/],
  ])("%s is unreadable", async (text, reason) => {
    const [r] = await radonParser.parse(memoryFile("cc.json", text), ctx);
    expect(r).toMatchObject({ kind: "unreadable", reason: expect.stringMatching(reason) });
  });

  it.each([
    ['{"a.py": [{"type": "function", "rank": "A", "lineno": 1, "name": "f", "complexity": 1', true],
    ['{"a.py": {"error": "invalid syntax"}}', true],
    ['{"a.py": {"mi": 100.0, "rank": "A"}}', false],
    ['{"a@1.0.0": {"licenses": "MIT"}}', false],
  ])("sniff(%j) is %s", (head, expected) => {
    expect(radonParser.sniff(head, "x.json")).toBe(expected);
  });
});

describe("radon cc -j: corrupt numbers (found by fuzzing)", () => {
  it.each([
    ["a negative line is left out", { lineno: -129, complexity: 4 }, [{ name: "f", complexity: 4 }]],
    ["a fractional line is left out", { lineno: 1.5, complexity: 4 }, [{ name: "f", complexity: 4 }]],
    ["a block with a negative complexity is left out", { lineno: 3, complexity: -2 }, []],
  ])("%s", async (_name, fields, blocks) => {
    const doc = { "a.py": [{ type: "function", name: "f", rank: "A", ...fields }] };
    const [r] = await radonParser.parse(memoryFile("cc.json", JSON.stringify(doc)), ctx);
    if (r?.kind !== "complexity") throw new Error(`expected a complexity report, got ${JSON.stringify(r)}`);
    expect(
      r.blocks.map(({ name, complexity, line }) => ({ name, complexity, ...(line ? { line } : {}) })),
    ).toEqual(blocks);
  });
});
