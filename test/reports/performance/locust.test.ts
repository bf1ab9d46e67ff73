import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import type { PerformanceReport, Report } from "../../../src/reports/model.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { histogramPercentile } from "../../../src/reports/performance/histogram.js";
import { locustCsvParser } from "../../../src/reports/performance/locust-csv.js";
import { locustJsonParser } from "../../../src/reports/performance/locust-json.js";
import { parseDisk, readHead } from "./support.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const DIR = "fixtures/reports/performance/locust";

function only(reports: Report[]): PerformanceReport {
  expect(reports).toHaveLength(1);
  const [r] = reports;
  if (r?.kind !== "performance") throw new Error(`expected a performance report, got ${JSON.stringify(r)}`);
  return r;
}

const HEADER =
  "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";

describe("Locust --csv stats", () => {
  it("reads the Aggregated row of a real Locust 2.12 file", async () => {
    const path = `${DIR}/sample_stats.csv`;
    expect(locustCsvParser.sniff(await readHead(path), path)).toBe(true);
    const r = only(await parseDisk(locustCsvParser, path));
    expect(r.format).toBe("locust-csv");
    expect(r.metrics).toEqual({
      requests: 376,
      error_rate: 15 / 376,
      p50_ms: 2,
      p95_ms: 200,
      p99_ms: 240,
      avg_ms: 35.04943455319225,
      max_ms: 246.03356499994788,
      rps: 75.32597958602908,
    });
  });

  it.each([
    [
      "Locust 0.x header with a Total row",
      '"Method","Name","# requests","# failures","Median response time","Average response time","Min response time","Max response time","Average Content Size","Requests/s"\n' +
        '"GET","/a",10,1,20,25,5,90,2,1.5\n"None","Total",10,1,20,25,5,90,2,1.5\n',
      { requests: 10, error_rate: 0.1, p50_ms: 20, avg_ms: 25, max_ms: 90, rps: 1.5 },
    ],
    [
      "no aggregated row: counts summed, slowest endpoint's percentiles (upper bound)",
      `${HEADER}\nGET,/a,100,0,10,12,1,50,2,10,0,10,11,12,13,20,30,40,45,50,50,50\nPOST,/b,50,5,100,110,50,400,2,5,0.5,100,110,120,130,200,300,350,390,400,400,400\n`,
      {
        requests: 150,
        error_rate: 5 / 150,
        p50_ms: 100,
        p95_ms: 300,
        p99_ms: 390,
        avg_ms: (12 * 100 + 110 * 50) / 150,
        max_ms: 400,
        rps: 15,
      },
    ],
    [
      "N/A percentiles of an endpoint without requests",
      `${HEADER}\n,Aggregated,0,0,0,0,0,0,0,0,0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\n`,
      { requests: 0, p50_ms: 0, max_ms: 0, rps: 0 },
    ],
  ])("%s", async (_name, text, metrics) => {
    expect(locustCsvParser.sniff(text, "x_stats.csv")).toBe(true);
    expect(only(await locustCsvParser.parse(memoryFile("x_stats.csv", text), ctx)).metrics).toEqual(metrics);
  });

  it.each([
    [
      "stats history",
      "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,Total Request Count,Total Failure Count",
    ],
    ["failures file", "Method,Name,Error,Occurrences"],
    ["exceptions file", "Count,Message,Traceback,Nodes"],
    ["JUnit", "<testsuite/>"],
  ])("does not claim the %s", (_name, head) => {
    expect(locustCsvParser.sniff(head, "x.csv")).toBe(false);
  });

  it("a header without rows is unreadable", async () => {
    const [r] = await locustCsvParser.parse(memoryFile("x_stats.csv", `${HEADER}\n`), ctx);
    expect(r).toMatchObject({ kind: "unreadable", reason: expect.stringMatching(/no rows/) });
  });
});

describe("Locust --json", () => {
  it("sums the endpoints of a real Locust 2.12 serialisation; percentiles from the histogram", async () => {
    const path = `${DIR}/locust.json`;
    expect(locustJsonParser.sniff(await readHead(path), path)).toBe(true);
    const r = only(await parseDisk(locustJsonParser, path));
    expect(r.format).toBe("locust-json");
    const { avg_ms, rps, ...exact } = r.metrics;
    expect(exact).toEqual({
      requests: 431,
      error_rate: 17 / 431,
      p50_ms: 2,
      p95_ms: 200,
      p99_ms: 240,
      max_ms: 252.20934500009662,
    });
    expect(avg_ms).toBeCloseTo((1111.2755740000466 + 166.6614309999659 + 14653.905215000123) / 431, 9);
    expect(rps).toBeCloseTo(431 / (1795315945.5923104 - 1795315939.740574), 9);
  });

  it.each([
    ["not an array", '{"num_requests": 1, "num_failures": 0}', /expected an array/],
    ["no entries", "[]", /no request stats/],
    ["broken", "[{", /not valid JSON/],
  ])("%s is unreadable", async (_name, text, reason) => {
    const [r] = await locustJsonParser.parse(memoryFile("locust.json", text), ctx);
    expect(r).toMatchObject({ kind: "unreadable", reason: expect.stringMatching(reason) });
  });
});

describe("histogramPercentile (nearest rank)", () => {
  const h = new Map([
    [10, 50],
    [20, 45],
    [300, 4],
    [1000, 1],
  ]);
  it.each([
    [0.5, 10],
    [0.95, 20],
    [0.96, 300],
    [0.99, 300],
    [1, 1000],
    [0, 10],
  ])("p%s = %s", (fraction, expected) => {
    expect(histogramPercentile(h, fraction)).toBe(expected);
  });
  it("is undefined without requests", () => {
    expect(histogramPercentile(new Map(), 0.95)).toBeUndefined();
  });
});
