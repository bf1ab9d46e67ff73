// Performance: p95 latency and error rate of the commit against their limits, and each benchmark's
// slowdown against the same benchmark on the base commit (`max_regression_pct`). A metric the report
// does not have is skipped; a benchmark without a base counterpart is skipped (never failed).
import type { Benchmark, PerformanceReport } from "../reports/model.js";
import { baseLacks, noBaselineReason } from "./baseline.js";
import { absent, empty } from "./required.js";
import { atMost, isInformational, num, pct, plural, statusOf } from "./result.js";
import type { GateInput, GateResult } from "./types.js";

function metric(
  name: string,
  value: number | undefined,
  limit: number,
  informational: boolean,
  show: (n: number, limit?: number) => string,
  unit: "ms" | "ratio",
): GateResult | undefined {
  if (value === undefined) return undefined;
  const ok = atMost(value, limit);
  return {
    gate: name,
    status: ok ? "passed" : "failed",
    informational,
    value,
    threshold: limit,
    unit,
    reason: `${name} ${show(value, limit)}${ok ? ` (at most ${show(limit)})` : `, above the ${show(limit)} limit`}`,
  };
}

function regression(
  head: Benchmark,
  base: Benchmark | undefined,
  limit: number,
  informational: boolean,
): GateResult {
  const node = { gate: head.name, informational, threshold: limit, unit: "%" as const };
  if (base === undefined)
    return { ...node, status: "skipped", reason: `${head.name}: new benchmark, nothing to compare with` };
  if (!(base.mean_ms > 0)) return { ...node, status: "skipped", reason: `${head.name}: base time is 0` };
  const value = ((head.mean_ms - base.mean_ms) / base.mean_ms) * 100;
  const ok = atMost(value, limit);
  const times = `${num(base.mean_ms, undefined, 3)} ms → ${num(head.mean_ms, undefined, 3)} ms`;
  const change = value >= 0 ? `${pct(value, limit)} slower` : `${pct(-value)} faster`;
  return {
    ...node,
    status: ok ? "passed" : "failed",
    value,
    reason: `${head.name}: ${change} (${times})${ok ? "" : `, more than the ${pct(limit)} allowed`}`,
  };
}

function benchmarks(
  report: PerformanceReport,
  input: GateInput,
  informational: boolean,
): GateResult | undefined {
  if (report.benchmarks.length === 0) return undefined;
  const node = { gate: "benchmarks", informational };
  if (input.baseline === undefined) return { ...node, status: "skipped", reason: noBaselineReason(input) };
  const base = input.baseline.merged.performance;
  if (base === undefined) {
    return { ...node, status: "skipped", reason: baseLacks(input, "no performance report") };
  }
  const limit = input.config.gates.performance.max_regression_pct;
  const byName = new Map(base.benchmarks.map((benchmark) => [benchmark.name, benchmark]));
  const children = report.benchmarks.map((head) =>
    regression(head, byName.get(head.name), limit, informational),
  );
  const failed = children.filter((child) => child.status === "failed");
  const compared = children.filter((child) => child.status !== "skipped");
  const worst = Math.max(...compared.map((child) => child.value ?? Number.NEGATIVE_INFINITY));
  const status = statusOf(children);
  const reason =
    status === "skipped"
      ? "no benchmark of this commit ran on the base commit"
      : failed.length > 0
        ? `${plural(failed.length, "benchmark")} slower by more than ${pct(limit)}: ${failed.map((child) => child.gate).join(", ")}`
        : `no benchmark slower by more than ${pct(limit)} (${plural(compared.length, "benchmark")} compared)`;
  const result: GateResult = { ...node, status, reason, threshold: limit, unit: "%", children };
  if (compared.length > 0) result.value = worst;
  return result;
}

export function performanceGate(input: GateInput): GateResult {
  const report = input.merged.performance;
  if (report === undefined) return absent("performance", "performance", input);
  const informational = isInformational(input.config, "performance");
  const limits = input.config.gates.performance;
  const ms = (n: number, limit?: number) => `${num(n, limit)} ms`;
  const rate = (n: number, limit?: number) =>
    `${num(n * 100, limit === undefined ? undefined : limit * 100, 2)} %`;
  const children = [
    metric("p95", report.metrics.p95_ms, limits.p95_ms, informational, ms, "ms"),
    metric("error rate", report.metrics.error_rate, limits.max_error_rate, informational, rate, "ratio"),
    benchmarks(report, input, informational),
  ].filter((child): child is GateResult => child !== undefined);
  if (children.length === 0) {
    return empty(
      "performance",
      "performance",
      input,
      "the performance report has no p95, error rate or benchmarks",
    );
  }
  const status = statusOf(children);
  const shown = status === "failed" ? children.filter((child) => child.status === "failed") : children;
  return {
    gate: "performance",
    status,
    informational,
    reason: shown.map((child) => child.reason).join("; "),
    children,
  };
}
