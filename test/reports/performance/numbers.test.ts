// Numbers in performance reports are finite and never negative: a corrupt value is left out (the gate then
// sees missing data), found by fuzzing (FUZZ_RUNS=20000: Locust CSV with `Requests/s = -5`).
import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import type { FormatParser } from "../../../src/reports/parser.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { k6Parser } from "../../../src/reports/performance/k6.js";
import { locustCsvParser } from "../../../src/reports/performance/locust-csv.js";
import { locustJsonParser } from "../../../src/reports/performance/locust-json.js";
import { pytestBenchmarkParser } from "../../../src/reports/performance/pytest-benchmark.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const CSV_HEADER =
  "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Max Response Time,Requests/s,95%,99%";
const k6 = (duration: Record<string, unknown>, reqs: Record<string, unknown> = { count: 10, rate: 2 }) =>
  JSON.stringify({ metrics: { http_req_duration: duration, http_reqs: reqs } });
const pytest = (stats: Record<string, unknown>) =>
  JSON.stringify({ machine_info: {}, benchmarks: [{ fullname: "t.py::test_a", stats }] });

async function parsed(parser: FormatParser, text: string): Promise<unknown> {
  const [r] = await parser.parse(memoryFile("report", text), ctx);
  if (r?.kind === "performance") return { metrics: r.metrics, benchmarks: r.benchmarks };
  return r;
}

describe("performance numbers", () => {
  it.each([
    [
      "Locust CSV: negative Requests/s (fuzz-found)",
      locustCsvParser,
      `${CSV_HEADER}\nGET,Aggregated,10,1,20,25,90,-5,30,40\n`,
      { requests: 10, error_rate: 0.1, p50_ms: 20, avg_ms: 25, max_ms: 90, p95_ms: 30, p99_ms: 40, rps: 0 },
    ],
    [
      "Locust CSV: negative and overflowing counts and times",
      locustCsvParser,
      `${CSV_HEADER}\nGET,/a,-10,-1,-20,1e308,1e309,2,-30,40\nGET,/b,10,0,5,1e308,7,1,6,8\n`,
      { requests: 10, error_rate: 0, p50_ms: 5, max_ms: 7, p95_ms: 6, p99_ms: 40, rps: 3 },
    ],
    [
      "k6: negative and infinite durations, negative rate",
      k6Parser,
      k6({ "p(95)": -1, med: "1e309", avg: 12, max: 1e308 }, { count: -3, rate: -2 }),
      { avg_ms: 12, max_ms: 1e308 },
    ],
    [
      "Locust JSON: negative requests, response times and histogram keys",
      locustJsonParser,
      JSON.stringify([
        {
          num_requests: 4,
          num_failures: -1,
          total_response_time: -40,
          max_response_time: -3,
          response_times: { "-5": 2, 10: 2 },
        },
      ]),
      { requests: 4, error_rate: 0, avg_ms: 0, p50_ms: 10, p95_ms: 10, p99_ms: 10 },
    ],
  ])("%s", async (_name, parser, text, metrics) => {
    expect(await parsed(parser, text)).toEqual({ metrics, benchmarks: [] });
  });

  it.each([
    ["negative mean", { mean: -0.5 }],
    ["a mean that overflows in milliseconds", { mean: 1e306 }],
  ])("pytest-benchmark: a benchmark with a %s is not read", async (_name, stats) => {
    expect(await parsed(pytestBenchmarkParser, pytest(stats))).toMatchObject({
      kind: "unreadable",
      reason: expect.stringContaining("has no stats.mean"),
    });
  });

  it("pytest-benchmark: negative or overflowing optional statistics are left out", async () => {
    const stats = { mean: 0.002, median: -0.001, min: 1e306, max: 0.003, stddev: -1, ops: -500, rounds: 5 };
    expect(await parsed(pytestBenchmarkParser, pytest(stats))).toEqual({
      metrics: {},
      benchmarks: [{ name: "t.py::test_a", mean_ms: 2, max_ms: 3, rounds: 5 }],
    });
  });
});
