// Stored reports per commit, gate overrides and published verdicts: the memory the judge step reads.
import type { Report } from "../reports/model.js";

/** Something that went wrong while collecting a run, shown to the user (expired artifact, skipped entry). */
export interface CollectProblem {
  artifact: string;
  path?: string;
  reason: string;
}

export interface RunReports {
  /** "owner/repo" */
  repo: string;
  runId: number;
  sha: string;
  runName: string;
  branch: string | null;
  htmlUrl: string | null;
  collectedAt: Date;
  /** Compacted for storage (see compactReport): passing test cases dropped, counts kept. */
  reports: Report[];
  problems: CollectProblem[];
}

export interface GateOverride {
  by: string;
  reason: string;
  at: Date;
}

export type VerdictConclusion = "success" | "failure" | "neutral" | "action_required" | "pending";

export interface StoredVerdict {
  repo: string;
  sha: string;
  conclusion: VerdictConclusion;
  /** One line, e.g. "2 of 7 gates failed: coverage, security". */
  summary: string;
  /** Total line coverage of the commit, when it had coverage (the base-branch trend reads it). */
  coveragePct: number | null;
  decidedAt: Date;
}

export interface ReportStore {
  /** Insert or replace the reports of one workflow run. */
  saveRun(run: RunReports): Promise<void>;
  /** Every stored run of a commit, oldest first. */
  runsForSha(repo: string, sha: string): Promise<RunReports[]>;
  /** Shas with reports on a branch, newest first (baseline fallback and the coverage trend). */
  branchShas(repo: string, branch: string, limit: number): Promise<{ sha: string; collectedAt: Date }[]>;
  setOverride(repo: string, sha: string, override: GateOverride): Promise<void>;
  getOverride(repo: string, sha: string): Promise<GateOverride | undefined>;
  saveVerdict(verdict: StoredVerdict): Promise<void>;
  getVerdict(repo: string, sha: string): Promise<StoredVerdict | undefined>;
}
