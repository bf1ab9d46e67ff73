// Small helpers every gate uses: building nodes, combining children, formatting numbers honestly.
import type { TollgateConfig } from "../config/schema.js";
import type { GateId, GateResult, GateStatus } from "./types.js";

/**
 * Percentages come from divisions (7 / 10 × 100 is not exactly 70 in binary), so comparisons allow
 * this much slack: exactly 80 % passes a floor of 80.
 */
export const EPSILON = 1e-9;

export function atMost(value: number, limit: number): boolean {
  return value <= limit + EPSILON;
}

export function atLeast(value: number, floor: number): boolean {
  return value >= floor - EPSILON;
}

/** Whether `gates.informational` covers this gate (a kind name covers all its gates). */
export function isInformational(config: TollgateConfig, gate: GateId): boolean {
  const listed: readonly string[] = config.gates.informational;
  const kind = gate.split(".")[0] ?? gate;
  return listed.includes(gate) || listed.includes(kind);
}

/** A hard failure beats a pass; a pass beats a skip. */
export function combine(statuses: readonly GateStatus[]): GateStatus {
  if (statuses.includes("failed")) return "failed";
  if (statuses.includes("passed")) return "passed";
  return "skipped";
}

export function statusOf(children: readonly GateResult[]): GateStatus {
  return combine(children.map((child) => child.status));
}

/**
 * A number with as few decimals as keep it honest next to its threshold: 79.96 against 80 prints
 * "79.96", never "80".
 */
export function num(value: number, threshold?: number, decimals = 1): string {
  let places = decimals;
  const round = (n: number, d: number) => Number(n.toFixed(d));
  while (
    threshold !== undefined &&
    places < 6 &&
    Math.abs(value - threshold) > EPSILON &&
    round(value, places) === round(threshold, places)
  ) {
    places++;
  }
  return String(round(value, places));
}

export function pct(value: number, threshold?: number): string {
  return `${num(value, threshold)} %`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
