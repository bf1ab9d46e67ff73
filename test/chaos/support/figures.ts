// Figures each chaos suite contributes to bench/out/chaos.json (merged by test/chaos/summary.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

export const PARTS_DIR = resolve(import.meta.dirname, "../../../bench/out/chaos-parts");

export interface Figures {
  scenarios: number;
  faultsInjected: number;
  deliveriesSent: number;
  /** Expected effects (check run state, comment body) missing or different from a fault-free run. */
  effectsLost: number;
  /** Check runs beyond one per sha + comments beyond one per PR. */
  duplicates: number;
  /** Highest VmHWM of a server process in this suite, in MiB (0 when not measured). */
  peakRssMiB: number;
  notes: string[];
}

export function emptyFigures(): Figures {
  return {
    scenarios: 0,
    faultsInjected: 0,
    deliveriesSent: 0,
    effectsLost: 0,
    duplicates: 0,
    peakRssMiB: 0,
    notes: [],
  };
}

/** Writes one suite's figures (from its afterAll). */
export function saveFigures(suite: string, figures: Figures): void {
  mkdirSync(PARTS_DIR, { recursive: true });
  writeFileSync(resolve(PARTS_DIR, `${suite}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
