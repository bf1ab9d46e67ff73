// The performance format modules, in detection order (most specific first).
import type { FormatParser } from "../parser.js";
import { k6Parser } from "./k6.js";
import { locustCsvParser } from "./locust-csv.js";
import { locustJsonParser } from "./locust-json.js";
import { pytestBenchmarkParser } from "./pytest-benchmark.js";

export const performanceParsers: FormatParser[] = [
  pytestBenchmarkParser,
  k6Parser,
  locustJsonParser,
  locustCsvParser,
];
