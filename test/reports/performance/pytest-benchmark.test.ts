import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { pytestBenchmarkParser } from "../../../src/reports/performance/pytest-benchmark.js";
import { parseDisk, readHead } from "./support.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const FIXTURE = "fixtures/reports/performance/pytest-benchmark/benchmark-results.json";

describe("pytest-benchmark", () => {
  it("reads a real pytest-benchmark 3.2.2 file, seconds → milliseconds, named by fullname", async () => {
    expect(pytestBenchmarkParser.sniff(await readHead(FIXTURE), FIXTURE)).toBe(true);
    const [r, ...rest] = await parseDisk(pytestBenchmarkParser, FIXTURE);
    expect(rest).toHaveLength(0);
    if (r?.kind !== "performance") throw new Error("expected a performance report");
    expect(r.metrics).toEqual({});
    expect(r.benchmarks.map((b) => b.name)).toEqual([
      "test_bench.py::test_json_dumps",
      "test_bench.py::test_json_loads",
      "test_bench.py::test_sorted[10]",
      "test_bench.py::test_sorted[1000]",
    ]);
    const dumps = r.benchmarks[0];
    expect(dumps?.mean_ms).toBeCloseTo(0.11050279999835766, 12);
    expect(dumps?.median_ms).toBeCloseTo(0.10564500007603783, 12);
    expect(dumps?.min_ms).toBeCloseTo(0.1018460000068444, 12);
    expect(dumps?.max_ms).toBeCloseTo(0.13345000002118468, 12);
    expect(dumps?.stddev_ms).toBeCloseTo(0.013060969221857613, 12);
    expect(dumps).toMatchObject({ ops: 9049.54444606709, rounds: 5 });
    expect(r.benchmarks[2]?.mean_ms).toBeCloseTo(1.068209218731436e-4, 15);
  });

  it.each([
    [
      '{"machine_info": {}, "benchmarks": [{"name": "a", "stats": {"mean": 0.5}}]}',
      [{ name: "a", mean_ms: 500 }],
    ],
    ['{"machine_info": {}, "benchmarks": []}', []],
  ])("%s", async (text, benchmarks) => {
    const [r] = await pytestBenchmarkParser.parse(memoryFile("b.json", text), ctx);
    expect(r).toMatchObject({ kind: "performance", benchmarks });
  });

  it("keeps the readable benchmarks and says which were skipped", async () => {
    const text = JSON.stringify({
      machine_info: {},
      benchmarks: [{ name: "ok", stats: { mean: 0.001 } }, { name: "bad" }, 7],
    });
    const [r, note] = await pytestBenchmarkParser.parse(memoryFile("b.json", text), ctx);
    expect(r).toMatchObject({ kind: "performance", benchmarks: [{ name: "ok", mean_ms: 1 }] });
    expect(note).toMatchObject({
      kind: "unreadable",
      reason: expect.stringMatching(/skipped 2 .*bad has no stats.mean.*benchmarks\[2\]/),
    });
  });

  it.each([
    ['{"machine_info": {}}', /no "benchmarks" array/],
    ['{"machine_info": {}, "benchmarks": [{"stats": {}}]}', /no readable benchmark/],
  ])("%s is unreadable", async (text, reason) => {
    const [r] = await pytestBenchmarkParser.parse(memoryFile("b.json", text), ctx);
    expect(r).toMatchObject({
      kind: "unreadable",
      format: "pytest-benchmark",
      reason: expect.stringMatching(reason),
    });
  });

  it.each([
    ['{"metrics": {"iterations": {}}}', false],
    ['{\n "machine_info": {"node": "x"},\n "commit_info": {},\n "benchmarks": [', true],
  ])("sniff(%j) is %s", (head, expected) => {
    expect(pytestBenchmarkParser.sniff(head, "x.json")).toBe(expected);
  });
});
