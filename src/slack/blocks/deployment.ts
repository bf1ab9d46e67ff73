// The deployment message: one per deployment, updated in place as it moves queued → in progress →
// success/failure/error, plus a thread reply on failure that carries the log link. Pure.
import { escapeMrkdwn, inlineText, link } from "./escape.js";
import { type Block, COLORS, finalize, formatDuration, type SlackMessage } from "./message.js";

export type DeployStatus =
  | "created"
  | "queued"
  | "pending"
  | "in_progress"
  | "success"
  | "failure"
  | "error"
  | "inactive";

export interface DeploymentView {
  /** "owner/repo" */
  repo: string;
  /** https://github.com/owner/repo */
  repoUrl: string;
  deploymentId: number;
  environment: string;
  sha: string;
  ref: string;
  creator: string | null;
  status: DeployStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  logUrl: string | null;
  environmentUrl: string | null;
  pullUrl?: string | null;
}

const LOOK: Record<DeployStatus, { emoji: string; word: string; color: string }> = {
  created: { emoji: "🆕", word: "requested", color: COLORS.neutral },
  queued: { emoji: "⏳", word: "queued", color: COLORS.neutral },
  pending: { emoji: "⏳", word: "pending", color: COLORS.neutral },
  in_progress: { emoji: "🔄", word: "in progress", color: COLORS.running },
  success: { emoji: "✅", word: "succeeded", color: COLORS.success },
  failure: { emoji: "❌", word: "failed", color: COLORS.failure },
  error: { emoji: "⚠️", word: "errored", color: COLORS.failure },
  inactive: { emoji: "💤", word: "inactive", color: COLORS.neutral },
};

export function deploymentMessage(view: DeploymentView): SlackMessage {
  const look = LOOK[view.status];
  const short = view.sha.slice(0, 7);
  const commitUrl = `${view.repoUrl}/commit/${view.sha}`;
  const fields = [
    { type: "mrkdwn" as const, text: `*Environment*\n${inlineText(view.environment, 100)}` },
    { type: "mrkdwn" as const, text: `*Ref*\n${inlineText(view.ref, 100)} @ ${link(commitUrl, short)}` },
    {
      type: "mrkdwn" as const,
      text: `*Triggered by*\n${view.creator ? inlineText(view.creator, 60) : "unknown"}`,
    },
  ];
  if (view.finishedAt) {
    const from = view.startedAt ?? view.createdAt;
    fields.push({
      type: "mrkdwn",
      text: `*Duration*\n${formatDuration(view.finishedAt.getTime() - from.getTime())}`,
    });
  }
  const links = [
    link(view.logUrl, "Run log"),
    link(`${view.repoUrl}/deployments`, "Deployments"),
    ...(view.environmentUrl ? [link(view.environmentUrl, "Open environment")] : []),
    ...(view.pullUrl ? [link(view.pullUrl, "Pull request")] : []),
  ].filter((l) => l.startsWith("<"));
  const blocks: Block[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        emoji: true,
        text: `${look.emoji} ${view.environment}: deploy ${look.word}`,
      },
    },
    { type: "section", text: { type: "mrkdwn", text: `*${link(view.repoUrl, view.repo)}*` }, fields },
  ];
  if (links.length > 0)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: links.join(" · ") }] });
  return finalize({
    text: `${look.emoji} ${escapeMrkdwn(view.repo)} → ${escapeMrkdwn(view.environment)}: deploy ${look.word} (${short})`,
    blocks,
    color: look.color,
  });
}

/** The thread reply under a failed deployment's message. */
export function deploymentFailureReply(view: DeploymentView): SlackMessage {
  const look = LOOK[view.status];
  const log = view.logUrl
    ? link(view.logUrl, "the deployment log")
    : "the deployment log (no link was given)";
  const text = `${look.emoji} Deploy of ${view.sha.slice(0, 7)} to ${inlineText(view.environment, 100)} ${look.word}. See ${log}.`;
  return finalize({ text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] });
}
