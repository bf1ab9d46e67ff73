// Locust `--csv=PREFIX` stats file (PREFIX_stats.csv): one row per endpoint plus the `Aggregated` row.
// Header (Locust ≥ 1.0): Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,
// Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,…,95%,…,99%,…,100%.
// Locust 0.x wrote Method,Name,# requests,# failures,… with a `Total` row; both are read.
// Times are milliseconds. Percentile cells read "N/A" for endpoints without requests.
import type { PerfMetrics, Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser } from "../parser.js";
import { readText } from "../read.js";
import { parseCsv } from "./csv.js";
import { amount, cleanMetrics } from "./numbers.js";

const FORMAT = "locust-csv";

const COLUMNS = {
  name: ["name"],
  requests: ["request count", "# requests"],
  failures: ["failure count", "# failures"],
  median: ["median response time", "50%"],
  average: ["average response time"],
  max: ["max response time"],
  rps: ["requests/s"],
  p95: ["95%"],
  p99: ["99%"],
} as const;

type Column = keyof typeof COLUMNS;
type Row = Partial<Record<Column, string>>;

function headerIndex(header: string[]): Partial<Record<Column, number>> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const index: Partial<Record<Column, number>> = {};
  for (const [key, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const at = lower.findIndex((h) => names.includes(h));
    if (at >= 0) index[key] = at;
  }
  return index;
}

function isStatsHeader(firstLine: string): boolean {
  const cells = parseCsv(firstLine)[0]?.map((c) => c.trim().toLowerCase()) ?? [];
  const first = cells[0];
  return (
    (first === "type" || first === "method") &&
    cells.includes("name") &&
    (cells.includes("request count") || cells.includes("# requests")) &&
    (cells.includes("failure count") || cells.includes("# failures"))
  );
}

const num = (row: Row, key: Column) => amount(row[key]);

/** Metrics of the aggregated row, or combined from the endpoint rows when a file has none. */
export function locustCsvMetrics(rows: Row[]): PerfMetrics | undefined {
  const total = rows.find((r) => r.name === "Aggregated" || r.name === "Total");
  const base = total ? [total] : rows;
  let requests = 0;
  let failures = 0;
  let rps = 0;
  let weighted = 0;
  const worst = (key: Column) => {
    const values = base.map((r) => num(r, key)).filter((v): v is number => v !== undefined);
    return values.length === 0 ? undefined : Math.max(...values);
  };
  for (const row of base) {
    const n = num(row, "requests") ?? 0;
    requests += n;
    failures += num(row, "failures") ?? 0;
    rps += num(row, "rps") ?? 0;
    weighted += (num(row, "average") ?? 0) * n;
  }
  if (base.length === 0) return undefined;
  const out: PerfMetrics = { requests, rps };
  const set = (key: keyof PerfMetrics, v: number | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  // Without an aggregated row, per-endpoint percentiles cannot be combined exactly: the slowest endpoint's
  // value is an upper bound of the overall one, which is the safe side for a gate.
  set("p95_ms", worst("p95"));
  set("p50_ms", worst("median"));
  set("p99_ms", worst("p99"));
  set("max_ms", worst("max"));
  if (requests > 0) {
    out.error_rate = failures / requests;
    out.avg_ms = weighted / requests;
  }
  return cleanMetrics(out);
}

export const locustCsvParser: FormatParser = {
  format: FORMAT,
  kind: "performance",
  sniff(head) {
    return isStatsHeader(head.split(/\r?\n/, 1)[0] ?? "");
  },
  async parse(file, ctx): Promise<Report[]> {
    const text = await readText(file, ctx);
    if (!text.ok) return [unreadable(file.path, text.reason, FORMAT)];
    const [header, ...body] = parseCsv(text.value).filter((r) => r.some((c) => c.trim() !== ""));
    if (!header || !isStatsHeader(header.join(","))) {
      return [
        unreadable(
          file.path,
          "not a Locust stats CSV: the header lacks Type/Name/Request Count/Failure Count",
          FORMAT,
        ),
      ];
    }
    const index = headerIndex(header);
    const rows: Row[] = body.map((cells) => {
      const row: Row = {};
      for (const [key, at] of Object.entries(index) as [Column, number][]) row[key] = cells[at]?.trim();
      return row;
    });
    const metrics = locustCsvMetrics(rows);
    if (!metrics)
      return [
        unreadable(file.path, "Locust stats CSV has a header but no rows: no requests recorded", FORMAT),
      ];
    return [{ kind: "performance", format: FORMAT, source: file.path, metrics, benchmarks: [] }];
  },
};
