import { describe, expect, it } from "vitest";
import { performanceGate } from "../../src/gates/performance.js";
import type { Benchmark, PerfMetrics } from "../../src/reports/model.js";
import { baseline, bench, config, gateInput, merged, perfReport } from "../support/gate-factories.js";

function run(metrics: PerfMetrics, performance: Record<string, number> = {}) {
  return performanceGate(
    gateInput({
      merged: merged({ performance: perfReport(metrics) }),
      config: config({ gates: { performance } }),
    }),
  );
}

function compare(head: Benchmark[], base: Benchmark[] | undefined, max_regression_pct = 20) {
  return performanceGate(
    gateInput({
      merged: merged({ performance: perfReport({}, head) }),
      baseline: base === undefined ? undefined : baseline({ performance: perfReport({}, base) }),
      config: config({ gates: { performance: { max_regression_pct } } }),
    }),
  );
}

describe("performance gate: latency and error rate", () => {
  it.each([
    [
      "fast and clean",
      { p95_ms: 420.5, error_rate: 0.002 },
      {},
      "passed",
      "p95 420.5 ms (at most 500 ms); error rate 0.2 % (at most 1 %)",
    ],
    [
      "p95 exactly at the limit passes",
      { p95_ms: 500, error_rate: 0 },
      {},
      "passed",
      "p95 500 ms (at most 500 ms); error rate 0 % (at most 1 %)",
    ],
    [
      "p95 just above fails",
      { p95_ms: 500.04, error_rate: 0 },
      {},
      "failed",
      "p95 500.04 ms, above the 500 ms limit",
    ],
    [
      "error rate exactly at the limit passes",
      { p95_ms: 100, error_rate: 0.01 },
      {},
      "passed",
      "p95 100 ms (at most 500 ms); error rate 1 % (at most 1 %)",
    ],
    [
      "error rate above fails",
      { p95_ms: 100, error_rate: 0.05 },
      {},
      "failed",
      "error rate 5 %, above the 1 % limit",
    ],
    [
      "both fail",
      { p95_ms: 900, error_rate: 0.5 },
      {},
      "failed",
      "p95 900 ms, above the 500 ms limit; error rate 50 %, above the 1 % limit",
    ],
    ["a stricter p95", { p95_ms: 250 }, { p95_ms: 200 }, "failed", "p95 250 ms, above the 200 ms limit"],
    [
      "only p95 known: the error rate is not invented",
      { p95_ms: 100 },
      {},
      "passed",
      "p95 100 ms (at most 500 ms)",
    ],
  ] as const)("%s", (_name, metrics, limits, status, reason) => {
    expect(run({ ...metrics }, { ...limits })).toMatchObject({ gate: "performance", status, reason });
  });

  it("gives children with values and thresholds", () => {
    expect(run({ p95_ms: 600, error_rate: 0 }).children).toEqual([
      expect.objectContaining({ gate: "p95", status: "failed", value: 600, threshold: 500, unit: "ms" }),
      expect.objectContaining({
        gate: "error rate",
        status: "passed",
        value: 0,
        threshold: 0.01,
        unit: "ratio",
      }),
    ]);
  });
});

describe("performance gate: benchmark regressions against the base commit", () => {
  it.each([
    ["faster", [bench("parse", 8)], [bench("parse", 10)], "passed"],
    ["slower within the limit", [bench("parse", 11.9)], [bench("parse", 10)], "passed"],
    ["exactly the limit passes", [bench("parse", 12)], [bench("parse", 10)], "passed"],
    ["slower than the limit fails", [bench("parse", 12.5)], [bench("parse", 10)], "failed"],
    ["one of several regresses", [bench("a", 1), bench("b", 3)], [bench("a", 1), bench("b", 2)], "failed"],
    [
      "a new benchmark is skipped, others decide",
      [bench("a", 1), bench("new", 99)],
      [bench("a", 1)],
      "passed",
    ],
  ] as const)("%s", (_name, head, base, status) => {
    expect(compare([...head], [...base]).status).toBe(status);
  });

  it("explains a regression with both times", () => {
    const result = compare([bench("parse", 12.5)], [bench("parse", 10)]);
    expect(result.reason).toBe("1 benchmark slower by more than 20 %: parse");
    expect(result.children?.[0]?.children?.[0]).toMatchObject({
      gate: "parse",
      status: "failed",
      value: 25,
      threshold: 20,
      reason: "parse: 25 % slower (10 ms → 12.5 ms), more than the 20 % allowed",
    });
  });

  describe("missing data", () => {
    it("benchmarks without a baseline: skipped, never failed", () => {
      const result = compare([bench("parse", 1000)], undefined);
      expect(result).toMatchObject({
        status: "skipped",
        reason: "no baseline: no reports of the base commit",
      });
    });

    it("a base commit without a performance report: skipped", () => {
      const result = performanceGate(
        gateInput({
          merged: merged({ performance: perfReport({}, [bench("a", 5)]) }),
          baseline: baseline({}),
        }),
      );
      expect(result).toMatchObject({
        status: "skipped",
        reason: "the base commit bbbbbbb has no performance report",
      });
    });

    it("a base time of 0 cannot give a ratio: skipped", () => {
      expect(compare([bench("a", 5)], [bench("a", 0)]).status).toBe("skipped");
    });

    it("no benchmark in common with the base: skipped", () => {
      expect(compare([bench("a", 5)], [bench("b", 5)])).toMatchObject({
        status: "skipped",
        reason: "no benchmark of this commit ran on the base commit",
      });
    });

    it("a report with no metrics and no benchmarks: skipped; required: failed", () => {
      expect(run({})).toMatchObject({
        status: "skipped",
        reason: "the performance report has no p95, error rate or benchmarks",
      });
      const input = gateInput({
        merged: merged({ performance: perfReport({}) }),
        config: config({ gates: { required: ["performance"] } }),
      });
      expect(performanceGate(input).status).toBe("failed");
    });

    it("no performance report: skipped", () => {
      expect(performanceGate(gateInput()).status).toBe("skipped");
    });
  });
});
