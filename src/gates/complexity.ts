// Complexity: the most complex function against `gates.complexity.max_cyclomatic`; every function over
// the limit is listed, most complex first.
import { absent, empty } from "./required.js";
import { atMost, isInformational, plural } from "./result.js";
import type { GateInput, GateResult } from "./types.js";

export function complexityGate(input: GateInput): GateResult {
  const report = input.merged.complexity;
  if (report === undefined) return absent("complexity", "complexity", input);
  if (report.blocks.length === 0 && report.max === 0) {
    return empty("complexity", "complexity", input, "the complexity report measured no functions");
  }
  const limit = input.config.gates.complexity.max_cyclomatic;
  const over = report.blocks
    .filter((block) => block.complexity > limit)
    .sort((a, b) => b.complexity - a.complexity);
  const value = Math.max(report.max, ...report.blocks.map((block) => block.complexity));
  const ok = atMost(value, limit) && over.length === 0;
  const worst = over[0];
  const reason = ok
    ? `highest complexity ${value} (at most ${limit})`
    : worst === undefined
      ? `highest complexity ${value}, above ${limit}`
      : `${plural(over.length, "function")} above complexity ${limit}; worst: ${worst.name} in ${worst.file} (${worst.complexity})`;
  return {
    gate: "complexity",
    status: ok ? "passed" : "failed",
    informational: isInformational(input.config, "complexity"),
    value,
    threshold: limit,
    unit: "complexity",
    reason,
    details: { kind: "complexity", over },
  };
}
