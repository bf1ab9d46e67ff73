// Bench runner: `npx tsx bench/run.ts [name...]` (or `npm run bench -- name`). A bench is any .ts file
// directly in bench/ other than this one, exporting `bench: Bench` (bench/lib/types.ts); helpers live in
// subfolders. With no names every bench runs. Each prints its tables and writes bench/out/<name>.json.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { OUT_DIR } from "./gen/write.js";
import { renderTable } from "./lib/table.js";
import type { Bench } from "./lib/types.js";

const BENCH_DIR = import.meta.dirname;

function available(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts")
    .map((f) => f.slice(0, -3))
    .sort();
}

function isBench(value: unknown): value is Bench {
  return typeof value === "object" && value !== null && "run" in value && typeof value.run === "function";
}

async function main(names: string[]): Promise<number> {
  const known = available();
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench: ${unknown.join(", ")}; available: ${known.join(", ")}\n`);
    return 2;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  for (const name of names.length > 0 ? names : known) {
    const module: Record<string, unknown> = await import(pathToFileURL(join(BENCH_DIR, `${name}.ts`)).href);
    const bench = module.bench;
    if (!isBench(bench)) {
      process.stderr.write(`bench/${name}.ts exports no \`bench\`; skipped\n`);
      continue;
    }
    const started = Date.now();
    process.stdout.write(`\n== ${name}: ${bench.description}\n`);
    const result = await bench.run((line) => process.stderr.write(`  ${line}\n`));
    for (const table of result.tables) process.stdout.write(`\n${renderTable(table)}\n`);
    writeFileSync(join(OUT_DIR, `${name}.json`), `${JSON.stringify(result.data, null, 2)}\n`);
    process.stdout.write(
      `\n(${((Date.now() - started) / 1000).toFixed(0)} s; figures in bench/out/${name}.json)\n`,
    );
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
