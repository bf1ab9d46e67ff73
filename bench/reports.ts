// Reports bench: `tollgate parse` on a ~40 MB JUnit file (200,000 test cases), a ~50 MB Cobertura file and a
// ~50 MB LCOV file (generated deterministically into bench/out/), against xml2js (the usual choice) and the
// fastest XML tokenizers installed (the practical limit). Each figure comes from a fresh child process
// running on plain node, so peak RSS is that of one parse alone.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { generateCobertura } from "./gen/cobertura.js";
import { generateJunit } from "./gen/junit.js";
import { generateLcov } from "./gen/lcov.js";
import { OUT_DIR } from "./gen/write.js";
import type { Bench, BenchTable } from "./lib/types.js";

const XML_TOOLS = [
  "tollgate",
  "tollgate-xml",
  "xml2js",
  "fast-xml-parser",
  "txml",
  "htmlparser2",
  "saxes",
  "sax-wasm",
];
/** Tokenizers/parsers that build no report model: the fastest of them is "the practical limit". */
const LIMIT_TOOLS = new Set(["txml", "htmlparser2", "saxes", "sax-wasm", "fast-xml-parser", "lines"]);
/** Faster runs are repeated and their median kept; the machine is shared, so single runs are noisy. */
const REPEAT_UNDER_MS = 3_000;
const REPEATS = 3;
const TARGET_RATIO = 5;
const TARGET_RSS_MB = 150;

interface Measurement {
  file: string;
  tool: string;
  mb: number;
  /** Wall time of the parse. */
  ms: number;
  /** CPU time of the parse (user + system, all threads): the basis of MB/s and the ratios. */
  cpuMs: number;
  /** MB per CPU second. */
  mbPerS: number;
  maxRssMb: number;
  detail: string;
  runs: number;
}

const CHILD = join(OUT_DIR, "parse-child.mjs");

function bundleChild(): void {
  const source = join(import.meta.dirname, "lib", "parse-child.ts");
  const esbuild = join(import.meta.dirname, "..", "node_modules", ".bin", "esbuild");
  const args = [
    source,
    "--bundle",
    "--platform=node",
    "--format=esm",
    "--packages=external",
    `--outfile=${CHILD}`,
  ];
  const result = spawnSync(esbuild, [...args, "--log-level=warning"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`esbuild failed: ${result.stderr}`);
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  detail: string;
}

function once(tool: string, path: string): ChildResult {
  const result = spawnSync(process.execPath, [CHILD, tool, path], { encoding: "utf8", maxBuffer: 1 << 20 });
  const line = result.stdout.trim().split("\n").pop() ?? "";
  if (result.status !== 0 || !line.startsWith("{")) {
    throw new Error(`${tool} on ${path} failed (exit ${result.status}): ${result.stderr.slice(0, 500)}`);
  }
  return JSON.parse(line) as ChildResult;
}

function measure(tool: string, path: string, bytes: number): Measurement {
  const runs = [once(tool, path)];
  if ((runs[0]?.ms ?? 0) < REPEAT_UNDER_MS) for (let i = 1; i < REPEATS; i++) runs.push(once(tool, path));
  runs.sort((a, b) => a.cpuMs - b.cpuMs);
  const median = runs[Math.floor(runs.length / 2)] ?? runs[0];
  if (median === undefined) throw new Error("no run");
  const mb = bytes / 1e6;
  const maxRssMb = Math.max(...runs.map((r) => r.maxRssMb));
  const file = path.slice(path.lastIndexOf("/") + 1);
  return {
    file,
    tool,
    mb,
    ms: median.ms,
    cpuMs: median.cpuMs,
    mbPerS: mb / (median.cpuMs / 1000),
    maxRssMb,
    detail: median.detail,
    runs: runs.length,
  };
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export const bench: Bench = {
  name: "reports",
  description:
    "tollgate parse on large JUnit, Cobertura and LCOV files vs xml2js and the fastest XML tokenizers",
  async run(log) {
    log("generating inputs (cached in bench/out/) …");
    const inputs = [
      { kind: "junit", ...generateJunit(), tools: XML_TOOLS },
      { kind: "cobertura", ...generateCobertura(), tools: XML_TOOLS },
      { kind: "lcov", ...generateLcov(), tools: ["tollgate", "lines"] },
    ];
    bundleChild();
    const idle = once("idle", inputs[0]?.path ?? "");
    const measurements: Measurement[] = [];
    for (const input of inputs) {
      for (const tool of input.tools) {
        log(`${input.kind}: ${tool} …`);
        measurements.push(measure(tool, input.path, input.bytes));
      }
    }

    const all: BenchTable = {
      title:
        "Every measurement (MB = 10^6 bytes; MB/s per CPU second of the parse itself; median of 3 when under 3 s)",
      columns: ["file", "MB", "tool", "wall ms", "CPU ms", "MB/s", "peak RSS MB", "result"],
      rows: measurements.map((m) => [
        m.file,
        round(m.mb),
        m.tool,
        Math.round(m.ms),
        Math.round(m.cpuMs),
        round(m.mbPerS),
        Math.round(m.maxRssMb),
        m.detail.slice(0, 60),
      ]),
      notes: [`idle child (node + modules loaded, no work): peak RSS ${Math.round(idle.maxRssMb)} MB`],
    };

    const summaryRows: (string | number)[][] = [];
    const summary: Record<string, unknown>[] = [];
    for (const input of inputs) {
      const mine = measurements.filter((m) => m.file === input.path.slice(input.path.lastIndexOf("/") + 1));
      const ours = mine.find((m) => m.tool === "tollgate");
      const xml2js = mine.find((m) => m.tool === "xml2js");
      const fastest = mine.filter((m) => LIMIT_TOOLS.has(m.tool)).sort((a, b) => b.mbPerS - a.mbPerS)[0];
      if (ours === undefined) continue;
      const vsXml2js = xml2js ? ours.mbPerS / xml2js.mbPerS : undefined;
      const vsLimit = fastest ? ours.mbPerS / fastest.mbPerS : undefined;
      summaryRows.push([
        input.kind,
        round(ours.mbPerS),
        Math.round(ours.maxRssMb),
        xml2js ? round(xml2js.mbPerS) : "n/a",
        xml2js ? Math.round(xml2js.maxRssMb) : "n/a",
        vsXml2js === undefined ? "n/a" : `${vsXml2js.toFixed(1)}×`,
        fastest ? `${fastest.tool} ${round(fastest.mbPerS)}` : "n/a",
        vsLimit === undefined ? "n/a" : `${(vsLimit * 100).toFixed(0)}%`,
      ]);
      summary.push({
        kind: input.kind,
        file: input.path,
        mb: ours.mb,
        tollgate_mb_per_s: ours.mbPerS,
        tollgate_peak_rss_mb: ours.maxRssMb,
        xml2js_mb_per_s: xml2js?.mbPerS ?? null,
        xml2js_peak_rss_mb: xml2js?.maxRssMb ?? null,
        ratio_vs_xml2js: vsXml2js ?? null,
        fastest_tokenizer: fastest?.tool ?? null,
        fastest_tokenizer_mb_per_s: fastest?.mbPerS ?? null,
        fraction_of_practical_limit: vsLimit ?? null,
        meets_ratio_target: vsXml2js === undefined ? null : vsXml2js >= TARGET_RATIO,
        meets_rss_target: input.kind === "junit" ? ours.maxRssMb <= TARGET_RSS_MB : null,
      });
    }
    const junit = summary.find((s) => s.kind === "junit");
    const headline: BenchTable = {
      title:
        "tollgate parse vs xml2js and the practical limit (fastest model-less tokenizer); MB per CPU second",
      columns: [
        "report",
        "tollgate MB/s",
        "RSS MB",
        "xml2js MB/s",
        "xml2js RSS MB",
        "× xml2js",
        "fastest tokenizer MB/s",
        "of limit",
      ],
      rows: summaryRows,
      notes: [
        `targets: ≥ ${TARGET_RATIO}× xml2js throughput; peak RSS ≤ ${TARGET_RSS_MB} MB on the JUnit file`,
        junit
          ? `JUnit: ratio target ${junit.meets_ratio_target ? "met" : "MISSED"}, RSS target ${junit.meets_rss_target ? "met" : "MISSED"}`
          : "JUnit: no measurement",
      ],
    };
    return {
      tables: [all, headline],
      data: { node: process.version, idle_rss_mb: idle.maxRssMb, measurements, summary },
    };
  },
};
