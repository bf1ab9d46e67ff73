// k6 end-of-test summaries, in both shapes k6 writes:
//  - `k6 run --summary-export=summary.json`: `metrics.<name>` holds the values directly
//    (trend: avg/min/med/max/p(90)/p(95)…; counter: count/rate; rate: value/passes/fails; gauge: value/min/max).
//  - the `handleSummary(data)` object (often `JSON.stringify(data)` into summary.json):
//    `metrics.<name> = { type, contains, values: { … } }` where a rate metric has `values.rate`.
// In both, a Rate metric's `passes` counts non-zero samples: for `http_req_failed` those are the FAILED
// requests, so the names read inverted. error_rate is therefore taken from the rate itself, never from
// passes/fails. Times are milliseconds in both shapes (summaryTimeUnit only changes the text summary).
import type { PerfMetrics, Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser } from "../parser.js";
import { isRecord, readJson } from "../read.js";
import { amount, cleanMetrics } from "./numbers.js";

const FORMAT = "k6";

/** Built-in metrics every k6 run (or every HTTP/gRPC run) emits; used to recognise a summary. */
const BUILTIN =
  /"(iterations|iteration_duration|vus|vus_max|data_sent|data_received|http_reqs|http_req_duration)"\s*:/;

/** Request-duration metrics, most specific first: HTTP, then gRPC. */
const DURATION_METRICS = ["http_req_duration", "grpc_req_duration"] as const;
/** Request-count metrics matching the duration metrics above; `iterations` is the last fallback for rps. */
const COUNT_METRICS = ["http_reqs", "grpc_reqs"] as const;

/** The values of one metric, whichever shape it came in. */
function valuesOf(metrics: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const m = metrics[name];
  if (!isRecord(m)) return undefined;
  return isRecord(m.values) ? m.values : m;
}

function firstValues(metrics: Record<string, unknown>, names: readonly string[]) {
  for (const name of names) {
    const v = valuesOf(metrics, name);
    if (v) return v;
  }
  return undefined;
}

/** Rate of a Rate metric: `values.rate` (handleSummary) or `value` (summary-export). */
function rateOf(values: Record<string, unknown>): number | undefined {
  return amount(values.rate) ?? amount(values.value);
}

export function k6Metrics(metrics: Record<string, unknown>): PerfMetrics {
  const out: PerfMetrics = {};
  const duration = firstValues(metrics, DURATION_METRICS);
  if (duration) {
    const put = (key: keyof PerfMetrics, v: unknown) => {
      const n = amount(v);
      if (n !== undefined) out[key] = n;
    };
    put("p95_ms", duration["p(95)"]);
    put("p50_ms", duration.med ?? duration["p(50)"]);
    put("p99_ms", duration["p(99)"]);
    put("avg_ms", duration.avg);
    put("max_ms", duration.max);
  }
  const failed = valuesOf(metrics, "http_req_failed");
  const errorRate = failed ? rateOf(failed) : undefined;
  if (errorRate !== undefined) out.error_rate = errorRate;

  const requests = firstValues(metrics, COUNT_METRICS);
  const count = requests ? amount(requests.count) : undefined;
  if (count !== undefined) out.requests = count;
  const iterations = valuesOf(metrics, "iterations");
  const rps =
    (requests ? amount(requests.rate) : undefined) ?? (iterations ? amount(iterations.rate) : undefined);
  if (rps !== undefined) out.rps = rps;
  return cleanMetrics(out);
}

export const k6Parser: FormatParser = {
  format: FORMAT,
  kind: "performance",
  sniff(head) {
    return /^\s*\{/.test(head) && /"metrics"\s*:\s*\{/.test(head) && BUILTIN.test(head);
  },
  async parse(file, ctx): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    const doc = json.value;
    if (!isRecord(doc) || !isRecord(doc.metrics)) {
      return [unreadable(file.path, 'not a k6 summary: no top-level "metrics" object', FORMAT)];
    }
    const known = [...DURATION_METRICS, ...COUNT_METRICS, "iterations"];
    if (!known.some((name) => valuesOf(doc.metrics as Record<string, unknown>, name))) {
      return [
        unreadable(
          file.path,
          `k6 summary has none of the metrics ${known.join(", ")}: nothing to judge (was the test run at all?)`,
          FORMAT,
        ),
      ];
    }
    return [
      {
        kind: "performance",
        format: FORMAT,
        source: file.path,
        metrics: k6Metrics(doc.metrics),
        benchmarks: [],
      },
    ];
  },
};
