// Severity of dependency advisories that carry CVSS data but no severity of their own (Safety, pip-audit).
// A base score wins; else a stated base severity word; else "unknown" — never a guessed "high".
import type { Severity } from "../model.js";
import { isRecord } from "../read.js";
import { severityFromScore, severityFromWord } from "./severity.js";

/** Looks at objects such as {base_score, base_severity} / {score} / {baseScore}, in the order given. */
export function severityFromCvss(...candidates: unknown[]): Severity {
  for (const c of candidates) {
    if (!isRecord(c)) continue;
    const byScore = severityFromScore(c.base_score ?? c.baseScore ?? c.score);
    if (byScore !== undefined) return byScore;
    const byWord = severityFromWord(c.base_severity ?? c.baseSeverity ?? c.severity);
    if (byWord !== "unknown") return byWord;
  }
  return "unknown";
}
