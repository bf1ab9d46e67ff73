// The decision table. Each row: what differs from a safe, mergeable Dependabot PR → action + reason.
// Rows marked "fail closed" are the missing-data cases and the direction they fail in.
import { describe, expect, it } from "vitest";
import { type DependabotConfig, decideAutomerge } from "../../src/automerge/policy.js";
import type { AutomergeSnapshot } from "../../src/automerge/snapshot.js";
import { commit, dep, dependabotConfig, pull, snapshot, withDeps } from "./factories.js";

const ourAutoMerge = { enabledBy: { login: "tollgate[bot]", type: "Bot" }, mergeMethod: "squash" };

type Row = {
  name: string;
  s?: Partial<AutomergeSnapshot>;
  config?: Partial<DependabotConfig>;
  action: "merge" | "wait" | "refuse" | "disable";
  reason: RegExp;
};

const rows: Row[] = [
  {
    name: "safe patch of a dev dependency",
    action: "merge",
    reason: /patch update of a development dependency/,
  },
  { name: "auto-merge off", config: { enabled: false }, action: "refuse", reason: /auto-merge is off/ },
  // Author
  {
    name: "opened by a human",
    s: { pull: pull({ author: { login: "jane", id: 1, type: "User" } }) },
    action: "refuse",
    reason: /opened by jane, not by Dependabot/,
  },
  {
    name: "look-alike login with another id",
    s: { pull: pull({ author: { login: "dependabot[bot]", id: 666, type: "Bot" } }) },
    action: "refuse",
    reason: /not by Dependabot/,
  },
  {
    name: "right login but type User",
    s: { pull: pull({ author: { login: "dependabot[bot]", id: 49699333, type: "User" } }) },
    action: "refuse",
    reason: /not by Dependabot/,
  },
  {
    name: "GitHub Enterprise Server: its own Dependabot id",
    s: { pull: pull({ author: { login: "dependabot[bot]", id: 12, type: "Bot" } }), dependabotId: 12 },
    action: "merge",
    reason: /patch update/,
  },
  {
    name: "fail closed: no author",
    s: { pull: pull({ author: null }) },
    action: "refuse",
    reason: /no author/,
  },
  // Commits
  {
    name: "a human pushed a second commit",
    s: { commits: [commit(), commit({ sha: "c".repeat(40), authorLogin: "jane" })] },
    action: "refuse",
    reason: /commit ccccccc was authored by jane, not Dependabot/,
  },
  {
    name: "fail closed: commit author not linked to an account",
    s: { commits: [commit({ authorLogin: null })] },
    action: "refuse",
    reason: /unknown account/,
  },
  {
    name: "unsigned Dependabot commit",
    s: { commits: [commit({ verified: false, verificationReason: "unsigned" })] },
    action: "refuse",
    reason: /no verified signature \(unsigned\)/,
  },
  {
    name: "fail closed: commits unreadable",
    s: { commits: [] },
    action: "refuse",
    reason: /commits could not be read/,
  },
  // State
  { name: "draft", s: { pull: pull({ draft: true }) }, action: "refuse", reason: /draft/ },
  { name: "closed", s: { pull: pull({ state: "closed" }) }, action: "refuse", reason: /closed/ },
  {
    name: "already merged",
    s: { pull: pull({ state: "closed", merged: true }) },
    action: "refuse",
    reason: /already merged/,
  },
  {
    name: "targets a release branch",
    s: { pull: pull({ baseRef: "release/1.x" }) },
    action: "refuse",
    reason: /targets release\/1.x, not the default branch main/,
  },
  // Dependencies
  {
    name: "major update",
    s: withDeps(dep({ name: "react", updateType: "major", dependencyType: "direct:production" })),
    action: "refuse",
    reason: /^major update of react$/,
  },
  {
    name: "major allowed by config",
    s: withDeps(dep({ updateType: "major" })),
    config: { update_types: ["patch", "minor", "major"] },
    action: "merge",
    reason: /major update/,
  },
  {
    name: "not-semver counted as major says why",
    s: withDeps(
      dep({
        name: "python",
        from: "3.11-slim",
        to: "3.12-slim",
        updateType: "major",
        updateTypeSource: "not-semver",
      }),
    ),
    action: "refuse",
    reason: /major update of python \(3.11-slim → 3.12-slim is not semver\)/,
  },
  {
    name: "indirect not listed",
    s: withDeps(dep({ dependencyType: "indirect" })),
    config: { dependency_types: ["direct:development", "direct:production"] },
    action: "refuse",
    reason: /lodash is an indirect dependency, not listed in dependency_types/,
  },
  {
    name: "production not listed",
    s: withDeps(dep({ dependencyType: "direct:production" })),
    config: { dependency_types: ["direct:development"] },
    action: "refuse",
    reason: /production dependency, not listed/,
  },
  {
    name: "fail closed: dependency type unknown",
    s: withDeps({ name: "lodash", updateType: "patch" }),
    action: "refuse",
    reason: /dependency type of lodash is unknown/,
  },
  {
    name: "fail closed: update type unknown",
    s: withDeps({ name: "lodash", dependencyType: "indirect" }),
    action: "refuse",
    reason: /update type of lodash is unknown/,
  },
  {
    name: "fail closed: no dependency readable",
    s: { update: { dependencies: [], directories: [], security: false, problems: ["no metadata"] } },
    action: "refuse",
    reason: /no metadata/,
  },
  {
    name: "ignored by glob",
    s: withDeps(dep({ name: "@aws-sdk/client-s3" })),
    config: { ignore: ["@aws-sdk/*"] },
    action: "refuse",
    reason: /@aws-sdk\/client-s3 matches the ignore pattern @aws-sdk\/\*/,
  },
  {
    name: "group: one major among patches refuses, naming it",
    s: withDeps(
      dep({ name: "eslint" }),
      dep({ name: "@types/node", updateType: "major" }),
      dep({ name: "esbuild" }),
    ),
    action: "refuse",
    reason: /^major update of @types\/node$/,
  },
  {
    name: "group: every member allowed",
    s: withDeps(dep({ name: "eslint", updateType: "minor" }), dep({ name: "esbuild" })),
    action: "merge",
    reason: /minor updates of 2 dependencies/,
  },
  {
    name: "group: one ignored member refuses the group",
    s: withDeps(dep({ name: "eslint" }), dep({ name: "typescript" })),
    config: { ignore: ["typescript"] },
    action: "refuse",
    reason: /typescript matches the ignore pattern/,
  },
  // Labels
  {
    name: "blocking label (any case)",
    s: { pull: pull({ labels: ["dependencies", "Do-Not-Merge"] }) },
    action: "refuse",
    reason: /labelled Do-Not-Merge/,
  },
  {
    name: "custom blocking label",
    s: { pull: pull({ labels: ["hold"] }) },
    config: { blocking_labels: ["hold"] },
    action: "refuse",
    reason: /labelled hold/,
  },
  // Window
  {
    name: "outside the hours of the window",
    config: { schedule: { days: ["mon", "tue", "wed", "thu"], hours: "09-17", timezone: "Europe/Berlin" } },
    s: { now: new Date("2026-11-03T17:30:00Z") },
    action: "wait",
    reason: /outside the merge window .*it is 18:xx there/,
  },
  {
    name: "inside the window in its time zone",
    config: { schedule: { days: ["tue"], hours: "09-17", timezone: "Europe/Berlin" } },
    s: { now: new Date("2026-11-03T15:59:00Z") },
    action: "merge",
    reason: /patch update/,
  },
  {
    name: "wrong weekday in the window's time zone (Tuesday 23:30 UTC is Wednesday in Tokyo)",
    config: { schedule: { days: ["tue"], hours: "00-24", timezone: "Asia/Tokyo" } },
    s: { now: new Date("2026-11-03T23:30:00Z") },
    action: "wait",
    reason: /it is wed there/,
  },
  // Gate
  {
    name: "gate not judged yet",
    s: { verdict: undefined },
    action: "wait",
    reason: /waiting for the Tollgate gate/,
  },
  {
    name: "gate pending",
    s: { verdict: { conclusion: "pending", summary: "" } },
    action: "wait",
    reason: /workflows still running/,
  },
  {
    name: "gate failed: wait, not refuse",
    s: { verdict: { conclusion: "failure", summary: "coverage 70% < 80%" } },
    action: "wait",
    reason: /gate failed \(coverage 70% < 80%\)/,
  },
  {
    name: "fail closed: neutral gate is not a pass",
    s: { verdict: { conclusion: "neutral", summary: "" } },
    action: "wait",
    reason: /nothing to judge/,
  },
  {
    name: "invalid config",
    s: { verdict: { conclusion: "action_required", summary: "" } },
    action: "wait",
    reason: /invalid/,
  },
  // Priorities and disabling
  {
    name: "refusal beats wait",
    s: { verdict: undefined, pull: pull({ labels: ["do-not-merge"] }) },
    action: "refuse",
    reason: /labelled do-not-merge/,
  },
  {
    name: "human push after Tollgate enabled auto-merge → disable",
    s: {
      commits: [commit(), commit({ sha: "d".repeat(40), authorLogin: "mallory" })],
      pull: pull({ autoMerge: ourAutoMerge }),
      autoMergeByTollgate: true,
    },
    action: "disable",
    reason: /authored by mallory/,
  },
  {
    name: "blocking label added after Tollgate enabled auto-merge → disable",
    s: { pull: pull({ labels: ["do-not-merge"], autoMerge: ourAutoMerge }), autoMergeByTollgate: true },
    action: "disable",
    reason: /labelled do-not-merge/,
  },
  {
    name: "gate failed on a new head after Tollgate enabled auto-merge → disable",
    s: {
      pull: pull({ autoMerge: ourAutoMerge }),
      autoMergeByTollgate: true,
      verdict: { conclusion: "failure", summary: "tests failed" },
    },
    action: "disable",
    reason: /gate failed \(tests failed\)/,
  },
  {
    name: "gate still pending with Tollgate's auto-merge on: keep it (GitHub waits for required checks)",
    s: { pull: pull({ autoMerge: ourAutoMerge }), autoMergeByTollgate: true, verdict: undefined },
    action: "wait",
    reason: /waiting for the Tollgate gate/,
  },
  {
    name: "a maintainer's own auto-merge is left alone",
    s: {
      commits: [commit(), commit({ sha: "d".repeat(40), authorLogin: "jane" })],
      pull: pull({ autoMerge: { enabledBy: { login: "jane", type: "User" }, mergeMethod: "squash" } }),
    },
    action: "refuse",
    reason: /authored by jane/,
  },
  {
    name: "auto-merge turned on by the app for someone else (/merge) is left alone",
    s: { pull: pull({ labels: ["do-not-merge"], autoMerge: ourAutoMerge }), autoMergeByTollgate: false },
    action: "refuse",
    reason: /labelled do-not-merge/,
  },
];

describe("decideAutomerge", () => {
  it.each(rows)("$name → $action", ({ s, config, action, reason }) => {
    const decision = decideAutomerge(snapshot(s), dependabotConfig(config));
    expect(decision.action).toBe(action);
    expect(decision.summary).toMatch(reason);
  });

  it("lists every reason, refusals first, and one check per dependency", () => {
    const d = decideAutomerge(
      snapshot({
        ...withDeps(dep({ name: "a", updateType: "major" }), dep({ name: "b" })),
        verdict: undefined,
      }),
      dependabotConfig({ ignore: ["b"] }),
    );
    expect(d.reasons).toEqual([
      "major update of a",
      "b matches the ignore pattern b",
      "waiting for the Tollgate gate on the head commit",
    ]);
    expect(d.checks.filter((c) => c.rule.startsWith("dependency ")).map((c) => c.rule)).toEqual([
      "dependency a",
      "dependency b",
    ]);
  });

  it("is pure: the same snapshot decides the same twice and is not mutated", () => {
    const s = snapshot(withDeps(dep({ name: "z" }), dep({ name: "a" })));
    const copy = structuredClone(s);
    expect(decideAutomerge(s, dependabotConfig())).toEqual(decideAutomerge(s, dependabotConfig()));
    expect(s).toEqual(copy);
  });
});
