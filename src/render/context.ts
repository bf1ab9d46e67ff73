// What the renderers are given: the verdict and the data behind it, all pre-fetched. Immutable input.
import type { Verdict } from "../gates/types.js";
import type { MergedReports } from "../reports/model.js";

export interface RunLink {
  name: string;
  url: string | null;
}

export interface RenderProblem {
  artifact: string;
  path?: string;
  reason: string;
}

export interface RenderInput {
  sha: string;
  verdict: Verdict;
  merged: MergedReports;
  /** The base commit's merged reports, for deltas (coverage ▲▼, performance vs base). */
  baseline?: { sha: string; merged: MergedReports };
  /** Workflow runs the verdict came from. */
  runs: readonly RunLink[];
  /** Workflow runs of this sha still queued or running. */
  pending: readonly string[];
  /** Artifacts and entries that could not be read while collecting. */
  problems: readonly RenderProblem[];
  /** Total line coverage of the base branch's recent commits, oldest first (for the trend chart). */
  trend?: readonly { sha: string; pct: number }[];
  /** Extra lines from other features (e.g. the auto-merge decision), already escaped. */
  notes?: readonly string[];
}
