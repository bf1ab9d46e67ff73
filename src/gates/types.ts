// The result tree of gate evaluation (after policy-bot's result tree): every node says what was
// measured, against what, and why it passed, failed or was skipped, in one line a person understands.
import type { TollgateConfig } from "../config/schema.js";
import type {
  ComplexityBlock,
  Finding,
  LicensePackage,
  MergedReports,
  TestCase,
  UnreadableReport,
} from "../reports/model.js";

export type GateId =
  | "tests"
  | "coverage"
  | "coverage.drop"
  | "coverage.patch"
  | "security"
  | "performance"
  | "complexity"
  | "licenses";

export const GATE_ORDER: readonly GateId[] = [
  "tests",
  "coverage",
  "coverage.drop",
  "coverage.patch",
  "security",
  "performance",
  "complexity",
  "licenses",
];

export type GateStatus = "passed" | "failed" | "skipped";

/** What `value` and `threshold` measure, so renderers can print them. */
export type GateUnit = "count" | "%" | "points" | "ms" | "ratio" | "complexity";

export interface DeniedPackage extends LicensePackage {
  /** The denied identifiers that decided it. */
  denied: string[];
}

export interface UncoveredChange {
  path: string;
  /** Changed executable lines that no test covers, ascending. */
  lines: number[];
}

export type GateDetails =
  | { kind: "tests"; failed: TestCase[]; flaky: number }
  | {
      kind: "findings";
      /** False when there was no base commit to compare with: then every finding is in `new`. */
      compared: boolean;
      new: Finding[];
      existing: Finding[];
      /** Findings of the base commit that are gone. */
      fixed: Finding[];
    }
  | { kind: "patch"; uncovered: UncoveredChange[]; withoutLineData: string[] }
  | { kind: "complexity"; over: ComplexityBlock[] }
  | { kind: "licenses"; denied: DeniedPackage[]; unknown: LicensePackage[] }
  | { kind: "unreadable"; files: UnreadableReport[] };

export interface GateResult {
  /** A GateId at the top level; children name what they measure (`p95`, `src/billing/**`, a benchmark). */
  gate: string;
  status: GateStatus;
  /** Shown but never failing the verdict (`gates.informational`). */
  informational: boolean;
  value?: number;
  threshold?: number;
  unit?: GateUnit;
  reason: string;
  details?: GateDetails;
  children?: GateResult[];
}

export interface TopGateResult extends GateResult {
  gate: GateId;
}

export interface Override {
  by: string;
  reason: string;
  /** ISO 8601 time the override was given. */
  at: string;
}

export interface Baseline {
  sha: string;
  merged: MergedReports;
  /** Why the baseline is what it is, e.g. "base commit abc1234 of main". */
  note?: string;
}

export interface GateExtras {
  /** The PR's changed lines per repository-relative file (new-side line numbers), for patch coverage. */
  changedLines?: ReadonlyMap<string, readonly number[]>;
  override?: Override;
  /** Why there is no baseline, when the caller knows (e.g. "the base branch has no finished runs yet"). */
  noBaselineReason?: string;
}

export interface VerdictCounts {
  passed: number;
  /** Failed gates that count (not informational). */
  failed: number;
  skipped: number;
  informationalFailed: number;
}

export interface Verdict {
  /** neutral: no gate that counts reached a decision (nothing to judge). */
  conclusion: "success" | "failure" | "neutral";
  gates: TopGateResult[];
  /** Report files that could not be read, with why. */
  unreadable: UnreadableReport[];
  /** The base commit compared with; absent when there was none. */
  baseline?: { sha: string; note?: string };
  override?: Override;
  /** True when the gates failed and an override made the conclusion success. */
  passedWithOverride?: boolean;
  counts: VerdictCounts;
  /** One line, e.g. "2 of 5 gates failed: coverage, security". */
  summary: string;
}

/** Everything a gate reads: pure data, no I/O. */
export interface GateInput {
  merged: MergedReports;
  baseline: Baseline | undefined;
  config: TollgateConfig;
  extras: GateExtras;
}
