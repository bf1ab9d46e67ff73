// Dependabot auto-merge decisions: an append-only log per PR (what was decided, what was done, why).

export interface AutomergeRecord {
  /** "owner/repo" */
  repo: string;
  number: number;
  headSha: string;
  /** merge | wait | refuse | disable */
  action: string;
  /** What the app did: "auto-merge enabled", "merged", "none", "head moved", … */
  outcome: string;
  summary: string;
  reasons: string[];
  /** Names with their update and dependency types, e.g. "react (major, direct:production)". */
  dependencies: string[];
  decidedAt: Date;
}

export interface AutomergeStore {
  record(entry: AutomergeRecord): Promise<void>;
  /** The newest decision of a PR. */
  latest(repo: string, number: number): Promise<AutomergeRecord | undefined>;
  /** Newest first. Default limit 20. */
  history(repo: string, number: number, limit?: number): Promise<AutomergeRecord[]>;
}
