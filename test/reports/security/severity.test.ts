import { describe, expect, it } from "vitest";
import {
  severityFromSarifLevel,
  severityFromScore,
  severityFromWord,
} from "../../../src/reports/security/severity.js";

describe("severity normalisation", () => {
  it.each([
    [10, "critical"],
    [9, "critical"],
    ["9.0", "critical"],
    [8.9, "high"],
    [7, "high"],
    [6.9, "medium"],
    [4, "medium"],
    [3.9, "low"],
    [0.1, "low"],
    [0, undefined],
    [-1, undefined],
    ["n/a", undefined],
    [null, undefined],
  ])("score %s → %s", (score, want) => {
    expect(severityFromScore(score)).toBe(want);
  });

  it.each([
    ["error", "high"],
    ["warning", "medium"],
    ["note", "low"],
    ["none", "info"],
    ["bogus", "medium"],
  ])("SARIF level %s → %s", (level, want) => {
    expect(severityFromSarifLevel(level)).toBe(want);
  });

  it.each([
    ["CRITICAL", "critical"],
    ["High", "high"],
    ["moderate", "medium"],
    ["MEDIUM", "medium"],
    ["minor", "low"],
    ["Info", "info"],
    ["UNKNOWN", "unknown"],
    ["UNDEFINED", "unknown"],
    [undefined, "unknown"],
    [3, "unknown"],
  ])("word %s → %s", (word, want) => {
    expect(severityFromWord(word)).toBe(want);
  });
});
