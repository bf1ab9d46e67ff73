// Locust `--json` output: an array of request-stats entries, one per endpoint (method + name), each with
// num_requests, num_failures, total_response_time, min/max_response_time, start_time,
// last_request_timestamp and `response_times`, a histogram { rounded time in ms → count }.
// There is no aggregated entry, and no percentile is stated: p50/p95/p99 come from the summed
// histograms (nearest rank, see histogram.ts); rps = requests / (last request − first start).
import type { PerfMetrics, Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser } from "../parser.js";
import { isRecord, readJson } from "../read.js";
import { histogramPercentile } from "./histogram.js";
import { amount, cleanMetrics } from "./numbers.js";

const FORMAT = "locust-json";

function isEntry(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && amount(v.num_requests) !== undefined && "num_failures" in v;
}

export function locustJsonMetrics(entries: Record<string, unknown>[]): PerfMetrics {
  const histogram = new Map<number, number>();
  let requests = 0;
  let failures = 0;
  let totalTime = 0;
  let timed = 0;
  let max: number | undefined;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const e of entries) {
    requests += amount(e.num_requests) ?? 0;
    failures += amount(e.num_failures) ?? 0;
    totalTime += amount(e.total_response_time) ?? 0;
    // Requests logged without a response time (num_none_requests) are not in total_response_time.
    timed += (amount(e.num_requests) ?? 0) - (amount(e.num_none_requests) ?? 0);
    const m = amount(e.max_response_time);
    if (m !== undefined) max = Math.max(max ?? m, m);
    const s = amount(e.start_time);
    if (s !== undefined) start = Math.min(start, s);
    const l = amount(e.last_request_timestamp);
    if (l !== undefined) end = Math.max(end, l);
    if (isRecord(e.response_times)) {
      for (const [time, count] of Object.entries(e.response_times)) {
        const t = amount(time);
        const n = amount(count);
        if (t !== undefined && n !== undefined) histogram.set(t, (histogram.get(t) ?? 0) + n);
      }
    }
  }
  const out: PerfMetrics = { requests };
  const set = (key: keyof PerfMetrics, v: number | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  set("p50_ms", histogramPercentile(histogram, 0.5));
  set("p95_ms", histogramPercentile(histogram, 0.95));
  set("p99_ms", histogramPercentile(histogram, 0.99));
  set("max_ms", max);
  if (requests > 0) out.error_rate = failures / requests;
  if (timed > 0) out.avg_ms = totalTime / timed;
  if (end > start) out.rps = requests / (end - start);
  return cleanMetrics(out);
}

export const locustJsonParser: FormatParser = {
  format: FORMAT,
  kind: "performance",
  sniff(head) {
    return /^\s*\[/.test(head) && /"num_requests"\s*:/.test(head) && /"num_failures"\s*:/.test(head);
  },
  async parse(file, ctx): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    if (!Array.isArray(json.value)) {
      return [unreadable(file.path, "not Locust --json output: expected an array of request stats", FORMAT)];
    }
    const entries = json.value.filter(isEntry);
    if (entries.length === 0) {
      return [
        unreadable(file.path, "Locust --json output has no request stats: no requests recorded", FORMAT),
      ];
    }
    return [
      {
        kind: "performance",
        format: FORMAT,
        source: file.path,
        metrics: locustJsonMetrics(entries),
        benchmarks: [],
      },
    ];
  },
};
