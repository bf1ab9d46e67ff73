// pytest-benchmark `--benchmark-json=FILE` (also what `--benchmark-autosave` stores): machine_info,
// commit_info, datetime, version and `benchmarks[]`, each with name, fullname, group, params and `stats`
// in SECONDS (min, max, mean, stddev, median, iqr, q1, q3, rounds, iterations, ops = 1/mean per second).
// Benchmarks are named by `fullname` (path::test[param]) so that two files' test_x stay apart and a
// benchmark is found again in the base commit; times become milliseconds.
import type { Benchmark, Report } from "../model.js";
import { unreadable } from "../model.js";
import type { FormatParser } from "../parser.js";
import { asString, isRecord, readJson } from "../read.js";
import { amount, cleanBenchmark } from "./numbers.js";

const FORMAT = "pytest-benchmark";

const ms = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);

/** One benchmark, or a reason it cannot be read. */
export function toBenchmark(entry: unknown, index: number): Benchmark | string {
  if (!isRecord(entry)) return `benchmarks[${index}] is not an object`;
  const name = asString(entry.fullname) ?? asString(entry.name);
  if (!name) return `benchmarks[${index}] has no name`;
  const stats = isRecord(entry.stats) ? entry.stats : undefined;
  const mean = ms(amount(stats?.mean));
  if (!stats || mean === undefined || !Number.isFinite(mean)) {
    return `benchmark ${name} has no stats.mean (a finite, non-negative number of seconds)`;
  }
  const bench: Benchmark = { name, mean_ms: mean };
  const optional: [keyof Benchmark, number | undefined][] = [
    ["median_ms", ms(amount(stats.median))],
    ["min_ms", ms(amount(stats.min))],
    ["max_ms", ms(amount(stats.max))],
    ["stddev_ms", ms(amount(stats.stddev))],
    ["ops", amount(stats.ops)],
    ["rounds", amount(stats.rounds)],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(bench, { [key]: value });
  return cleanBenchmark(bench);
}

export const pytestBenchmarkParser: FormatParser = {
  format: FORMAT,
  kind: "performance",
  sniff(head) {
    return /^\s*\{/.test(head) && /"machine_info"\s*:/.test(head) && /"benchmarks"\s*:/.test(head);
  },
  async parse(file, ctx): Promise<Report[]> {
    const json = await readJson(file, ctx);
    if (!json.ok) return [unreadable(file.path, json.reason, FORMAT)];
    const doc = json.value;
    if (!isRecord(doc) || !Array.isArray(doc.benchmarks)) {
      return [unreadable(file.path, 'not pytest-benchmark JSON: no "benchmarks" array', FORMAT)];
    }
    const benchmarks: Benchmark[] = [];
    const problems: string[] = [];
    doc.benchmarks.forEach((entry, i) => {
      const b = toBenchmark(entry, i);
      if (typeof b === "string") problems.push(b);
      else benchmarks.push(b);
    });
    if (problems.length > 0 && benchmarks.length === 0) {
      return [unreadable(file.path, `no readable benchmark: ${problems.slice(0, 3).join("; ")}`, FORMAT)];
    }
    const report: Report = {
      kind: "performance",
      format: FORMAT,
      source: file.path,
      metrics: {},
      benchmarks,
    };
    if (problems.length === 0) return [report];
    const more = problems.length > 3 ? ` and ${problems.length - 3} more` : "";
    return [
      report,
      unreadable(
        file.path,
        `skipped ${problems.length} benchmark(s): ${problems.slice(0, 3).join("; ")}${more}`,
        FORMAT,
      ),
    ];
  },
};
