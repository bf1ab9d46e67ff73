// Merging complexity reports: blocks concatenated, the same block (file + name + line) reported twice
// (two jobs analysing the same code) kept once with its highest complexity; max and average recomputed.
import type { ComplexityBlock, ComplexityReport } from "../model.js";
import { mergedNames } from "./names.js";

export function mergeComplexity(reports: readonly ComplexityReport[]): ComplexityReport {
  const byKey = new Map<string, ComplexityBlock>();
  for (const r of reports) {
    for (const b of r.blocks) {
      const k = JSON.stringify([b.file, b.name, b.line ?? null]);
      const seen = byKey.get(k);
      if (!seen || b.complexity > seen.complexity) byKey.set(k, { ...b });
    }
  }
  const blocks = [...byKey.values()];
  const max = blocks.reduce((m, b) => Math.max(m, b.complexity), 0);
  const average = blocks.length === 0 ? 0 : blocks.reduce((s, b) => s + b.complexity, 0) / blocks.length;
  return { kind: "complexity", ...mergedNames(reports), max, average, blocks };
}
