// decideAutomerge: a pure function of one snapshot and the repository's `automerge.dependabot` config.
// One small check per rule; every check states what it does with missing data (fail closed: refuse
// when the PR's provenance or content cannot be shown safe; wait when only time or the gate is missing).
// A refusal beats a wait; a refusal (or a failed gate) while the native auto-merge this feature enabled
// is still on becomes "disable".
import picomatch from "picomatch";
import type { TollgateConfig } from "../config/schema.js";
import { insideWindow } from "./schedule.js";
import type { AutomergeSnapshot } from "./snapshot.js";
import type { DependencyType, DependencyUpdate } from "./types.js";

export type DependabotConfig = TollgateConfig["automerge"]["dependabot"];

export const DEPENDABOT_LOGIN = "dependabot[bot]";
/** The account id of dependabot[bot] on github.com (GitHub Enterprise Server has its own). */
export const DEPENDABOT_ID = 49699333;

export interface Check {
  rule: string;
  outcome: "pass" | "wait" | "refuse";
  reason: string;
}

export interface Decision {
  action: "merge" | "wait" | "refuse" | "disable";
  /** Why: the failed checks' reasons (refusals first), or what passed for a merge. */
  reasons: string[];
  /** Short, for the comment and Slack: "patch update of a development dependency", "major update of react". */
  summary: string;
  checks: Check[];
  dependencies: DependencyUpdate[];
}

const pass = (rule: string, reason: string): Check => ({ rule, outcome: "pass", reason });
const refuse = (rule: string, reason: string): Check => ({ rule, outcome: "refuse", reason });
const wait = (rule: string, reason: string): Check => ({ rule, outcome: "wait", reason });

const KIND: Record<DependencyType, string> = {
  "direct:production": "production",
  "direct:development": "development",
  indirect: "indirect",
};

/** "a development dependency", "an indirect dependency". */
const kindPhrase = (t: DependencyType) => `${t === "indirect" ? "an" : "a"} ${KIND[t]} dependency`;

export function checkEnabled(config: DependabotConfig): Check {
  return config.enabled
    ? pass("enabled", "auto-merge is enabled for this repository")
    : refuse("enabled", "auto-merge is off for this repository (automerge.dependabot.enabled)");
}

/** Missing author: refuse. Login, type and the known account id must all match (a look-alike login fails). */
export function checkAuthor(s: AutomergeSnapshot): Check {
  const a = s.pull.author;
  if (!a) return refuse("author", "the PR has no author account");
  if (a.login !== DEPENDABOT_LOGIN || a.type !== "Bot" || a.id !== s.dependabotId)
    return refuse("author", `the PR was opened by ${a.login}, not by Dependabot`);
  return pass("author", "opened by Dependabot");
}

/** Every commit, not just the first: a later human push or an unsigned commit refuses. No commits: refuse. */
export function checkCommits(s: AutomergeSnapshot): Check {
  if (s.commits.length === 0) return refuse("commits", "the PR's commits could not be read");
  for (const c of s.commits) {
    const short = c.sha.slice(0, 7);
    if (c.authorLogin !== DEPENDABOT_LOGIN)
      return refuse(
        "commits",
        `commit ${short} was authored by ${c.authorLogin ?? "an unknown account"}, not Dependabot`,
      );
    if (!c.verified)
      return refuse("commits", `commit ${short} has no verified signature (${c.verificationReason})`);
  }
  return pass("commits", `all ${s.commits.length} commit(s) by Dependabot, signed`);
}

export function checkOpen(s: AutomergeSnapshot): Check {
  if (s.pull.merged) return refuse("open", "the PR is already merged");
  if (s.pull.state !== "open") return refuse("open", "the PR is closed");
  if (s.pull.draft) return refuse("open", "the PR is a draft");
  return pass("open", "open, not a draft");
}

export function checkBase(s: AutomergeSnapshot): Check {
  return s.pull.baseRef === s.repository.defaultBranch
    ? pass("base", `targets ${s.repository.defaultBranch}`)
    : refuse("base", `targets ${s.pull.baseRef}, not the default branch ${s.repository.defaultBranch}`);
}

/** Each dependency on its own (a group is never judged by an aggregate). Unknown type: refuse. */
export function checkDependency(dep: DependencyUpdate, config: DependabotConfig): Check {
  const rule = `dependency ${dep.name}`;
  if (!dep.updateType) return refuse(rule, `the update type of ${dep.name} is unknown`);
  if (!config.update_types.includes(dep.updateType)) {
    const how =
      dep.updateTypeSource === "not-semver" ? ` (${dep.from ?? "?"} → ${dep.to ?? "?"} is not semver)` : "";
    return refuse(rule, `${dep.updateType} update of ${dep.name}${how}`);
  }
  if (!dep.dependencyType) return refuse(rule, `the dependency type of ${dep.name} is unknown`);
  if (!config.dependency_types.includes(dep.dependencyType))
    return refuse(rule, `${dep.name} is ${kindPhrase(dep.dependencyType)}, not listed in dependency_types`);
  const hit = config.ignore.find((glob) => picomatch.isMatch(dep.name, glob, { dot: true }));
  if (hit) return refuse(rule, `${dep.name} matches the ignore pattern ${hit}`);
  return pass(rule, `${dep.updateType} update of ${kindPhrase(dep.dependencyType)}`);
}

export function checkDependencies(s: AutomergeSnapshot, config: DependabotConfig): Check[] {
  if (s.update.dependencies.length === 0)
    return [refuse("dependencies", s.update.problems[0] ?? "the PR names no dependency Tollgate can read")];
  return s.update.dependencies.map((d) => checkDependency(d, config));
}

export function checkLabels(s: AutomergeSnapshot, config: DependabotConfig): Check {
  const blocking = new Set(config.blocking_labels.map((l) => l.toLowerCase()));
  const hit = s.pull.labels.find((l) => blocking.has(l.toLowerCase()));
  return hit ? refuse("labels", `labelled ${hit}`) : pass("labels", "no blocking label");
}

export function checkSchedule(s: AutomergeSnapshot, config: DependabotConfig): Check {
  const result = insideWindow(config.schedule, s.now);
  return result.inside ? pass("schedule", "inside the merge window") : wait("schedule", result.reason);
}

/** Not judged, pending, failed, neutral or invalid config: wait (the gate may still pass). */
export function checkGate(s: AutomergeSnapshot): Check {
  const v = s.verdict;
  if (!v) return wait("gate", "waiting for the Tollgate gate on the head commit");
  if (v.conclusion === "success") return pass("gate", "the Tollgate gate passed");
  if (v.conclusion === "pending")
    return wait("gate", "waiting for the Tollgate gate: workflows still running");
  if (v.conclusion === "failure") return wait("gate", `waiting: the Tollgate gate failed (${v.summary})`);
  if (v.conclusion === "neutral") return wait("gate", "waiting: the Tollgate gate found nothing to judge");
  return wait("gate", "waiting: .github/tollgate.yml is invalid");
}

function describeMerge(deps: readonly DependencyUpdate[]): string {
  const first = deps[0];
  if (deps.length === 1 && first?.updateType && first.dependencyType)
    return `${first.updateType} update of ${kindPhrase(first.dependencyType)}`;
  const order = ["patch", "minor", "major"] as const;
  const largest = order.filter((t) => deps.some((d) => d.updateType === t)).pop() ?? "patch";
  return `${largest} updates of ${deps.length} dependencies`;
}

export function decideAutomerge(s: AutomergeSnapshot, config: DependabotConfig): Decision {
  const enabled = checkEnabled(config);
  const checks: Check[] = [
    enabled,
    checkAuthor(s),
    checkCommits(s),
    checkOpen(s),
    checkBase(s),
    ...checkDependencies(s, config),
    checkLabels(s, config),
    checkSchedule(s, config),
    checkGate(s),
  ];
  const dependencies = s.update.dependencies;
  const refusals = checks.filter((c) => c.outcome === "refuse").map((c) => c.reason);
  const waits = checks.filter((c) => c.outcome === "wait").map((c) => c.reason);
  // Only an auto-merge this feature turned on is turned off; a maintainer's (or /merge's) is theirs.
  const ours = s.autoMergeByTollgate && s.pull.autoMerge !== null;
  if (refusals.length > 0) {
    return {
      action: ours && !s.pull.merged && s.pull.state === "open" ? "disable" : "refuse",
      reasons: [...refusals, ...waits],
      summary: refusals[0] ?? "refused",
      checks,
      dependencies,
    };
  }
  // A failed gate while a bot-enabled native auto-merge is on: GitHub would merge once its own required
  // checks pass, which need not include Tollgate's, so it is switched off until the gate passes again.
  const gate = checks.find((c) => c.rule === "gate");
  if (ours && s.verdict?.conclusion === "failure" && gate?.outcome === "wait")
    return { action: "disable", reasons: waits, summary: gate.reason, checks, dependencies };
  if (waits.length > 0)
    return { action: "wait", reasons: waits, summary: waits[0] ?? "waiting", checks, dependencies };
  return {
    action: "merge",
    reasons: checks.map((c) => c.reason),
    summary: describeMerge(dependencies),
    checks,
    dependencies,
  };
}
