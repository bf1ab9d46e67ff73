// Severity normalisation shared by the security parsers (DESIGN.md: critical | high | medium | low | info | unknown).
//
// | input                                   | critical | high     | medium   | low   | info          | unknown      |
// | --------------------------------------- | -------- | -------- | -------- | ----- | ------------- | ------------ |
// | score (SARIF security-severity, CVSS)   | ≥ 9      | ≥ 7      | ≥ 4      | > 0   | —             | 0 or absent  |
// | SARIF level                             | —        | error    | warning  | note  | none          | —            |
// | severity word (Trivy, Bandit, Semgrep…) | critical | high     | medium,  | low,  | info,         | anything else|
// |                                         |          | error    | moderate,| minor | informational,|              |
// |                                         |          |          | warning  |       | negligible    |              |
import type { Severity } from "../model.js";
import { asNumber } from "../read.js";

/** CVSS-style score (0–10). A score of 0, a negative or a non-number gives undefined: the caller decides. */
export function severityFromScore(score: unknown): Severity | undefined {
  const n = asNumber(score);
  if (n === undefined || n <= 0) return undefined;
  if (n >= 9) return "critical";
  if (n >= 7) return "high";
  if (n >= 4) return "medium";
  return "low";
}

const WORDS: Record<string, Severity> = {
  critical: "critical",
  high: "high",
  error: "high",
  medium: "medium",
  moderate: "medium",
  warning: "medium",
  low: "low",
  minor: "low",
  info: "info",
  informational: "info",
  information: "info",
  negligible: "info",
  note: "low",
  none: "info",
};

/** A severity word as tools write it, in any case; unknown words (and "UNKNOWN", "undefined") give "unknown". */
export function severityFromWord(word: unknown): Severity {
  if (typeof word !== "string") return "unknown";
  return WORDS[word.trim().toLowerCase()] ?? "unknown";
}

/** SARIF `level`: error → high, warning → medium, note → low, none → info. Anything else → medium (the spec default "warning"). */
export function severityFromSarifLevel(level: string): Severity {
  switch (level) {
    case "error":
      return "high";
    case "note":
      return "low";
    case "none":
      return "info";
    default:
      return "medium";
  }
}
