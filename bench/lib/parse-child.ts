// One measurement in a fresh process: `node bench/out/parse-child.mjs <tool> <file>` (bench/reports.ts bundles
// this file with esbuild first, so the child runs on plain node like the built CLI, without tsx's memory).
// Prints one JSON line {tool, ms, cpuMs, maxRssMb, detail}: wall and CPU time (all threads, GC included) of the
// work itself (module loading excluded) and the process's peak resident set size, so each figure is that of
// one parse alone. CPU time is what the comparison uses: on a shared machine wall time mostly measures the
// neighbours.
import { createReadStream, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parseCommand } from "../../src/cli/parse-command.js";
import { diskFile } from "../../src/reports/file.js";
import { DEFAULT_PARSE_LIMITS } from "../../src/reports/parser.js";
import { scanXml } from "../../src/reports/xml.js";

type Tool = (file: string) => Promise<string>;

async function chunks(file: string, each: (chunk: Buffer) => void): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) each(chunk as Buffer);
}

const TOOLS: Record<string, Tool> = {
  /** Nothing: the RSS of node + tsx + the loaded modules. */
  idle: async () => "",
  /** The real `tollgate parse <file>` (text summary): the command src/cli.ts dispatches to. */
  tollgate: async (file) => {
    let out = "";
    await parseCommand.run([file], {
      stdout: (t) => (out += t),
      stderr: (t) => (out += t),
      cwd: process.cwd(),
    });
    return out.split("\n")[1]?.trim() ?? out;
  },
  /** Tollgate's XML layer alone (tokenizer + entity handling), no report model. */
  "tollgate-xml": async (file) => {
    let elements = 0;
    const result = await scanXml(
      await diskFile(file),
      { limits: DEFAULT_PARSE_LIMITS },
      {
        open: () => {
          elements++;
        },
        close: () => {},
      },
    );
    return `${result.ok ? "ok" : result.reason}, ${elements} elements`;
  },
  /** Reading the file and finding its lines: the floor for a line format such as LCOV. */
  lines: async (file) => {
    const decoder = new TextDecoder();
    let lines = 0;
    await chunks(file, (chunk) => {
      const text = decoder.decode(chunk, { stream: true });
      for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
    });
    return `${lines} lines`;
  },
  xml2js: async (file) => {
    const { parseStringPromise } = await import("xml2js");
    const doc: unknown = await parseStringPromise(await readFile(file, "utf8"));
    return typeof doc;
  },
  txml: async (file) => {
    const { parse } = await import("txml/txml");
    return `${parse(await readFile(file, "utf8")).length} top nodes`;
  },
  "fast-xml-parser": async (file) => {
    const { XMLParser } = await import("fast-xml-parser");
    const doc: unknown = new XMLParser({ ignoreAttributes: false }).parse(await readFile(file, "utf8"));
    return typeof doc;
  },
  htmlparser2: async (file) => {
    const { Parser } = await import("htmlparser2");
    let elements = 0;
    const parser = new Parser({ onopentag: () => elements++ }, { xmlMode: true });
    await chunks(file, (chunk) => parser.write(chunk.toString("utf8")));
    parser.end();
    return `${elements} elements`;
  },
  "sax-wasm": async (file) => {
    const { SAXParser, SaxEventType } = await import("sax-wasm");
    const wasm = readFileSync(createRequire(import.meta.url).resolve("sax-wasm/lib/sax-wasm.wasm"));
    const parser = new SAXParser(SaxEventType.OpenTag);
    let elements = 0;
    parser.eventHandler = () => {
      elements++;
    };
    await parser.prepareWasm(wasm);
    await chunks(file, (chunk) => parser.write(chunk));
    parser.end();
    return `${elements} elements`;
  },
  saxes: async (file) => {
    const { SaxesParser } = await import("saxes");
    const parser = new SaxesParser();
    let elements = 0;
    parser.on("opentag", () => {
      elements++;
    });
    await chunks(file, (chunk) => parser.write(chunk.toString("utf8")));
    parser.close();
    return `${elements} elements`;
  },
};

const [toolName = "", file = ""] = process.argv.slice(2);
const tool = TOOLS[toolName];
if (tool === undefined) {
  process.stderr.write(`unknown tool ${toolName}; one of ${Object.keys(TOOLS).join(", ")}\n`);
  process.exit(2);
}
const started = performance.now();
const cpuBefore = process.cpuUsage();
const detail = await tool(file);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ tool: toolName, ms, cpuMs, maxRssMb, detail })}\n`);
