// Merging performance reports. Several load tests of one commit (a load test and a stress test, or one per
// leg) keep, field by field, the WORST value: highest p50/p95/p99/avg/max latency and error rate, lowest rps;
// request counts add up. The gate then judges the commit by its worst run, never by an average that hides one.
// Benchmarks are concatenated; the same benchmark name from several reports (matrix legs) is kept once, the
// slowest (highest mean): the base commit is merged the same way, so regressions compare like with like.
import type { Benchmark, PerfMetrics, PerformanceReport } from "../model.js";
import { mergedNames } from "./names.js";

const HIGHER_IS_WORSE = ["p50_ms", "p95_ms", "p99_ms", "avg_ms", "max_ms", "error_rate"] as const;

export function mergeMetrics(all: readonly PerfMetrics[]): PerfMetrics {
  const out: PerfMetrics = {};
  for (const m of all) {
    for (const key of HIGHER_IS_WORSE) {
      const v = m[key];
      const cur = out[key];
      if (v !== undefined && (cur === undefined || v > cur)) out[key] = v;
    }
    if (m.rps !== undefined && (out.rps === undefined || m.rps < out.rps)) out.rps = m.rps;
    if (m.requests !== undefined) out.requests = (out.requests ?? 0) + m.requests;
  }
  return out;
}

export function mergeBenchmarks(lists: readonly (readonly Benchmark[])[]): Benchmark[] {
  const byName = new Map<string, Benchmark>();
  for (const list of lists) {
    for (const b of list) {
      const seen = byName.get(b.name);
      if (!seen || b.mean_ms > seen.mean_ms) byName.set(b.name, { ...b });
    }
  }
  return [...byName.values()];
}

export function mergePerformance(reports: readonly PerformanceReport[]): PerformanceReport {
  return {
    kind: "performance",
    ...mergedNames(reports),
    metrics: mergeMetrics(reports.map((r) => r.metrics)),
    benchmarks: mergeBenchmarks(reports.map((r) => r.benchmarks)),
  };
}
