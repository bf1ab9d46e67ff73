// Numbers read from performance reports: times, counts, rates and ratios are never negative and always
// finite. A value that is not (a corrupt or hand-edited report: `rps = -5`, `1e309`) is treated as absent
// rather than passed on to a gate, and so are results that overflow when combined.
import type { Benchmark, PerfMetrics } from "../model.js";
import { asNumber } from "../read.js";

/** A finite, non-negative number from a JSON or CSV value; undefined otherwise. */
export function amount(v: unknown): number | undefined {
  const n = asNumber(v);
  return n !== undefined && n >= 0 ? n : undefined;
}

function isAmount(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v) && v >= 0;
}

/** The metrics without entries that are not finite and non-negative (sums and products can overflow). */
export function cleanMetrics(metrics: PerfMetrics): PerfMetrics {
  const out: PerfMetrics = {};
  for (const [key, value] of Object.entries(metrics) as [keyof PerfMetrics, number | undefined][]) {
    if (isAmount(value)) out[key] = value;
  }
  return out;
}

/** A benchmark's optional statistics without entries that are not finite and non-negative. */
export function cleanBenchmark(bench: Benchmark): Benchmark {
  const out: Benchmark = { name: bench.name, mean_ms: bench.mean_ms };
  for (const [key, value] of Object.entries(bench) as [keyof Benchmark, unknown][]) {
    if (key === "name" || key === "mean_ms") continue;
    if (typeof value === "number" && isAmount(value)) Object.assign(out, { [key]: value });
  }
  return out;
}
