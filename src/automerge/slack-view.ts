// What to tell Slack about an auto-merge decision, in the shape src/slack/pull-events.ts's
// notifyAutomerge takes. Waiting is not news (the gate or the merge window will move it on);
// a merge, an enabled auto-merge, a refusal and a disabled auto-merge are.
import type { PullView } from "../slack/blocks/pull.js";
import type { AutomergeEvent } from "./note.js";

export interface SlackAutomerge {
  pull: PullView;
  decision: "merged" | "enabled" | "skipped";
  reason: string;
}

export function slackAutomerge(event: AutomergeEvent): SlackAutomerge | undefined {
  const decision = (() => {
    if (event.outcome === "merged" || event.outcome === "already merged") return "merged" as const;
    if (event.outcome === "auto-merge enabled") return "enabled" as const;
    if (event.action === "refuse" || event.action === "disable") return "skipped" as const;
    return undefined;
  })();
  if (!decision) return undefined;
  const pull: PullView = {
    repo: event.repo,
    repoUrl: event.url.replace(/\/pull\/\d+$/, ""),
    number: event.number,
    title: event.title,
    url: event.url,
    author: event.author,
    sha: event.headSha,
  };
  const reason = event.action === "disable" ? `auto-merge disabled: ${event.summary}` : event.summary;
  return { pull, decision, reason };
}
