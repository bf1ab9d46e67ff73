// Vitest globalSetup of the chaos run: clears the suites' figures before, and after the run merges them
// into bench/out/chaos.json and prints the table that goes into the README's "Reliability" section.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Figures, PARTS_DIR } from "./support/figures.js";

const OUT = resolve(PARTS_DIR, "../chaos.json");

export function setup(): void {
  rmSync(PARTS_DIR, { recursive: true, force: true });
}

export function teardown(): void {
  if (!existsSync(PARTS_DIR)) return;
  const suites: Record<string, Figures> = {};
  for (const file of readdirSync(PARTS_DIR).sort()) {
    if (!file.endsWith(".json")) continue;
    suites[file.replace(/\.json$/, "")] = JSON.parse(
      readFileSync(resolve(PARTS_DIR, file), "utf8"),
    ) as Figures;
  }
  const list = Object.values(suites);
  const sum = (pick: (f: Figures) => number) => list.reduce((n, f) => n + pick(f), 0);
  const total = {
    scenarios: sum((f) => f.scenarios),
    faultsInjected: sum((f) => f.faultsInjected),
    deliveriesSent: sum((f) => f.deliveriesSent),
    effectsLost: sum((f) => f.effectsLost),
    duplicates: sum((f) => f.duplicates),
    peakRssMiB: Math.max(0, ...list.map((f) => f.peakRssMiB)),
  };
  mkdirSync(resolve(OUT, ".."), { recursive: true });
  writeFileSync(
    OUT,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, total, suites }, null, 2)}\n`,
  );
  const rows = Object.entries(suites).map(([name, f]) => [
    name,
    f.scenarios,
    f.faultsInjected,
    f.deliveriesSent,
    f.effectsLost,
    f.duplicates,
    f.peakRssMiB ? `${f.peakRssMiB} MiB` : "–",
  ]);
  rows.push([
    "total",
    total.scenarios,
    total.faultsInjected,
    total.deliveriesSent,
    total.effectsLost,
    total.duplicates,
    total.peakRssMiB ? `${total.peakRssMiB} MiB` : "–",
  ]);
  const head = [
    "suite",
    "scenarios",
    "faults injected",
    "deliveries sent",
    "effects lost",
    "duplicates",
    "peak RSS",
  ];
  const table = [head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
  console.log(`\nTollgate chaos run (bench/out/chaos.json)\n\n${table}\n`);
}
