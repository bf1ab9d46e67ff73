import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import type { PerformanceReport, Report } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { k6Parser } from "../../../src/reports/performance/k6.js";
import { entriesOf, fixturePath } from "../../support/conformance.js";
import { parseDisk, readHead } from "./support.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const FIXTURE = "fixtures/reports/performance/k6/summary-export.json";
const corpus = (name: string) => {
  const entry = entriesOf("k6-summary-json").find((e) => e.path.endsWith(name));
  if (!entry) throw new Error(`conformance entry ${name} missing`);
  return fixturePath(entry);
};

function only(reports: Report[]): PerformanceReport {
  expect(reports).toHaveLength(1);
  const [r] = reports;
  if (r?.kind !== "performance") throw new Error(`expected a performance report, got ${JSON.stringify(r)}`);
  return r;
}

describe("k6 parser: real and documented files", () => {
  // Values read by hand from the files (the corpus states none for the k6-reporter fixtures).
  it.each([
    [
      "summary-export (hand-written, legacy --summary-export shape)",
      FIXTURE,
      {
        p95_ms: 412.8836,
        p50_ms: 171.5521,
        avg_ms: 187.3412,
        max_ms: 1304.7719,
        error_rate: 0.015,
        requests: 1200,
        rps: 39.876,
      },
    ],
    [
      "handleSummary data, http (benc-uk/k6-reporter simple.json)",
      corpus("simple.json"),
      {
        p95_ms: 30.0256841,
        p50_ms: 20.090773,
        p99_ms: 39.577136380000084,
        avg_ms: 21.37513127107059,
        max_ms: 143.326605,
        error_rate: 0.39749430523917995,
        requests: 878,
        rps: 35.94634922417172,
      },
    ],
    [
      "handleSummary data, gRPC (benc-uk/k6-reporter grpc.json)",
      corpus("grpc.json"),
      {
        p95_ms: 2.5228431999999996,
        p50_ms: 0.758751,
        avg_ms: 1.0331183109724373,
        max_ms: 8.499031,
        requests: 9615,
        rps: 2833.5502441831595,
      },
    ],
  ])("%s", async (_name, path, metrics) => {
    expect(k6Parser.sniff(await readHead(path), path)).toBe(true);
    const report = only(await parseDisk(k6Parser, path));
    expect(report.metrics).toEqual(metrics);
    expect(report).toMatchObject({ format: "k6", benchmarks: [] });
  });
});

describe("k6 parser: field semantics", () => {
  const parse = async (doc: unknown) =>
    only(await k6Parser.parse(memoryFile("summary.json", JSON.stringify(doc)), ctx));

  it.each([
    // export format: passes counts FAILED requests; the rate is `value`
    ["export, all requests ok", { http_req_failed: { passes: 0, fails: 100, value: 0 } }, 0],
    ["export, 3 of 100 failed", { http_req_failed: { passes: 3, fails: 97, value: 0.03 } }, 0.03],
    // handleSummary: the rate is values.rate
    [
      "handleSummary",
      { http_req_failed: { type: "rate", contains: "default", values: { rate: 0.25, passes: 1, fails: 3 } } },
      0.25,
    ],
  ])("error_rate comes from the rate, never from passes/fails: %s", async (_name, metrics, rate) => {
    const r = await parse({ metrics: { ...metrics, iterations: { count: 100, rate: 10 } } });
    expect(r.metrics.error_rate).toBe(rate);
  });

  it.each([
    [
      "http_reqs first",
      { http_reqs: { count: 50, rate: 5 }, iterations: { count: 10, rate: 1 } },
      { requests: 50, rps: 5 },
    ],
    ["iterations when no request metric", { iterations: { count: 10, rate: 1 } }, { rps: 1 }],
    [
      "grpc_reqs",
      { grpc_reqs: { values: { count: 7, rate: 0.7 } }, iterations: { values: { count: 1, rate: 9 } } },
      { requests: 7, rps: 0.7 },
    ],
  ])("rps and requests: %s", async (_name, metrics, expected) => {
    expect((await parse({ metrics })).metrics).toEqual(expected);
  });

  it("does not take a tagged sub-metric for the whole", async () => {
    const r = await parse({
      metrics: {
        "http_req_duration{expected_response:true}": { "p(95)": 1 },
        http_req_duration: { "p(95)": 900, med: 100 },
      },
    });
    expect(r.metrics).toEqual({ p95_ms: 900, p50_ms: 100 });
  });
});

describe("k6 parser: sniffing and errors", () => {
  it.each([
    ['{"metrics": {"iterations": {"count": 1}}}', true],
    ['{\n  "root_group": {},\n  "metrics": {\n    "http_req_duration": {"avg": 1}}}', true],
    ['{"metrics": {"foo": 1}}', false],
    ['[{"num_requests": 1}]', false],
    ['{"machine_info": {}, "benchmarks": []}', false],
    ["<testsuite/>", false],
  ])("sniff(%j) is %s", (head, expected) => {
    expect(k6Parser.sniff(head, "x.json")).toBe(expected);
  });

  it.each([
    ["{not json", /not valid JSON/],
    ["", /empty/],
    ['{"root_group": {}}', /no top-level "metrics"/],
    ['{"metrics": {"checks": {"value": 1}}}', /none of the metrics/],
  ])("%j is unreadable", async (text, reason) => {
    const [r, ...rest] = await k6Parser.parse(memoryFile("s.json", text), ctx);
    expect(rest).toHaveLength(0);
    expect(r).toMatchObject({
      kind: "unreadable",
      source: "s.json",
      format: "k6",
      reason: expect.stringMatching(reason),
    });
  });
});
