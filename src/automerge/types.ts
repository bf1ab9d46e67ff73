// The vocabulary of the Dependabot auto-merge feature: what one PR updates, and what was decided.

export type UpdateType = "major" | "minor" | "patch";
export type DependencyType = "direct:production" | "direct:development" | "indirect";

/** One dependency a Dependabot PR changes, with where each fact came from left out: absent means unknown. */
export interface DependencyUpdate {
  name: string;
  /** The version before, when the title or body names it. */
  from?: string;
  /** The version after (commit metadata `dependency-version`, else the title or body). */
  to?: string;
  dependencyType?: DependencyType;
  updateType?: UpdateType;
  /** Where `updateType` came from: Dependabot's metadata, computed with semver, or assumed major (not semver). */
  updateTypeSource?: "metadata" | "semver" | "not-semver";
  group?: string;
  /** Manifest directory, e.g. "/web/app", when known. */
  directory?: string;
}

/** Everything known about what a Dependabot PR changes, merged from commits, title, body and branch. */
export interface UpdateInfo {
  dependencies: DependencyUpdate[];
  /** Dependabot's ecosystem name from the branch, e.g. "npm_and_yarn", "github_actions". */
  ecosystem?: string;
  group?: string;
  directories: string[];
  /** The body carries Dependabot's security-update wording. */
  security: boolean;
  /** The largest update type of all dependencies; undefined if any is unknown. */
  updateType?: UpdateType;
  /** Things that could not be read, in words a maintainer understands. */
  problems: string[];
}

export const UPDATE_ORDER: Record<UpdateType, number> = { patch: 0, minor: 1, major: 2 };

export function largestUpdate(types: readonly UpdateType[]): UpdateType | undefined {
  let best: UpdateType | undefined;
  for (const t of types) if (best === undefined || UPDATE_ORDER[t] > UPDATE_ORDER[best]) best = t;
  return best;
}
