// Defaults for a safe, mergeable Dependabot PR; each test overrides only what it is about (kodiak's factory idea).
import type { DependabotConfig } from "../../src/automerge/policy.js";
import type { AutomergeSnapshot, CommitFact, PullFact } from "../../src/automerge/snapshot.js";
import type { DependencyUpdate } from "../../src/automerge/types.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";

export const HEAD = "b".repeat(40);

export const dependabotConfig = (over: Partial<DependabotConfig> = {}): DependabotConfig => ({
  ...DEFAULT_CONFIG.automerge.dependabot,
  enabled: true,
  ...over,
});

export const commit = (over: Partial<CommitFact> = {}): CommitFact => ({
  sha: HEAD,
  authorLogin: "dependabot[bot]",
  verified: true,
  verificationReason: "valid",
  message: "Bump lodash from 4.17.20 to 4.17.21",
  ...over,
});

export const pull = (over: Partial<PullFact> = {}): PullFact => ({
  number: 42,
  nodeId: "PR_kwDOtest42",
  title: "Bump lodash from 4.17.20 to 4.17.21",
  body: "Bumps [lodash](https://github.com/lodash/lodash) from 4.17.20 to 4.17.21.",
  htmlUrl: "https://github.com/acme/api/pull/42",
  headRef: "dependabot/npm_and_yarn/lodash-4.17.21",
  headSha: HEAD,
  baseRef: "main",
  state: "open",
  draft: false,
  merged: false,
  author: { login: "dependabot[bot]", id: 49699333, type: "Bot" },
  labels: ["dependencies"],
  mergeable: true,
  mergeableState: "clean",
  autoMerge: null,
  ...over,
});

export const dep = (over: Partial<DependencyUpdate> = {}): DependencyUpdate => ({
  name: "lodash",
  from: "4.17.20",
  to: "4.17.21",
  dependencyType: "direct:development",
  updateType: "patch",
  updateTypeSource: "metadata",
  ...over,
});

export const snapshot = (over: Partial<AutomergeSnapshot> = {}): AutomergeSnapshot => ({
  repo: "acme/api",
  pull: pull(),
  commits: [commit()],
  repository: { defaultBranch: "main", allowAutoMerge: true },
  verdict: { conclusion: "success", summary: "all 5 gates passed" },
  update: { dependencies: [dep()], directories: [], security: false, updateType: "patch", problems: [] },
  dependabotId: 49699333,
  autoMergeByTollgate: false,
  // Tuesday 2026-11-03 10:00 UTC
  now: new Date("2026-11-03T10:00:00Z"),
  ...over,
});

export const withDeps = (...deps: DependencyUpdate[]): Partial<AutomergeSnapshot> => ({
  update: { dependencies: deps, directories: [], security: false, problems: [] },
});
