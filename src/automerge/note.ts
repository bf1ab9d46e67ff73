// The line the sticky PR comment shows about auto-merge (passed in RenderInput.notes), and the data a
// Slack notifier needs. Pure; everything from the PR is escaped with `inline`.
import { inline } from "../render/markdown.js";
import type { ActOutcome } from "./act.js";
import type { Decision } from "./policy.js";

/** What the note reads: a Decision plus the outcome of acting on it, or a stored AutomergeRecord. */
export interface NoteInput {
  action: string;
  summary: string;
  reasons: readonly string[];
  outcome?: string;
}

/** "**Auto-merge:** enabled — patch update of a development dependency", "not merged — major update of react". */
export function automergeNote(input: NoteInput): string {
  const { action, outcome } = input;
  const label = (() => {
    switch (action) {
      case "merge":
        if (outcome === "merged" || outcome === "already merged") return "merged";
        if (outcome === "not mergeable yet") return "waiting until GitHub reports the PR mergeable";
        if (outcome === "head moved") return "not merged yet: the PR changed, evaluating again";
        if (outcome === "refused by GitHub") return "not merged: GitHub refused the merge";
        return "enabled";
      case "wait":
        return "waiting";
      case "disable":
        return "disabled";
      default:
        return "not merged";
    }
  })();
  const more = input.reasons.length > 1 && action !== "merge" ? ` (+${input.reasons.length - 1} more)` : "";
  return `**Auto-merge:** ${label} — ${inline(input.summary, 200)}${more}`;
}

/** What a Slack notification about an auto-merge decision carries (slack.notify: automerge). */
export interface AutomergeEvent {
  kind: "automerge";
  /** "owner/repo" */
  repo: string;
  number: number;
  title: string;
  /** The PR's page; the repository's is this without "/pull/<n>" (works on GHES too). */
  url: string;
  /** The PR's author login (Dependabot, unless the refusal is about that). */
  author: string | null;
  headSha: string;
  action: Decision["action"];
  outcome: ActOutcome;
  summary: string;
  reasons: string[];
  dependencies: string[];
}

export function dependencyLabels(decision: Pick<Decision, "dependencies">): string[] {
  return decision.dependencies.map(
    (d) => `${d.name} (${d.updateType ?? "unknown update"}, ${d.dependencyType ?? "unknown type"})`,
  );
}
