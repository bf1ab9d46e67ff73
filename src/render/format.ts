// Shared wording for renderers: gate labels, status icons, values with units.
import { num } from "../gates/result.js";
import type { GateResult, GateStatus, GateUnit, Verdict } from "../gates/types.js";

export const GATE_LABEL: Record<string, string> = {
  tests: "Tests",
  coverage: "Coverage",
  "coverage.drop": "Coverage drop",
  "coverage.patch": "Patch coverage",
  security: "Security",
  performance: "Performance",
  complexity: "Complexity",
  licenses: "Licences",
  required: "Required reports",
};

export function statusIcon(status: GateStatus, informational = false): string {
  if (status === "failed") return informational ? "⚠️" : "❌";
  if (status === "passed") return "✅";
  return "⏭️";
}

export function statusWord(status: GateStatus, informational = false): string {
  if (status === "failed" && informational) return "failed (informational)";
  return status;
}

export function withUnit(value: number | undefined, unit: GateUnit | undefined, other?: number): string {
  if (value === undefined) return "—";
  switch (unit) {
    case "%":
      return `${num(value, other)} %`;
    case "points":
      return `${num(value, other)} pts`;
    case "ms":
      return `${num(value, other)} ms`;
    case "ratio":
      return `${num(value * 100, other === undefined ? undefined : other * 100, 2)} %`;
    default:
      return String(num(value, other, 2));
  }
}

export function gateLabel(gate: GateResult): string {
  return GATE_LABEL[gate.gate] ?? gate.gate;
}

export function headline(verdict: Verdict): string {
  if (verdict.passedWithOverride) return "✅ Tollgate: passed with override";
  if (verdict.conclusion === "success") return "✅ Tollgate: all gates passed";
  if (verdict.conclusion === "failure") return `❌ Tollgate: ${verdict.summary}`;
  return `⚪ Tollgate: ${verdict.summary}`;
}

export function signedDelta(points: number): string {
  if (Math.abs(points) < 0.005) return "±0";
  return `${points > 0 ? "▲" : "▼"} ${Math.abs(points).toFixed(2)} pts`;
}
