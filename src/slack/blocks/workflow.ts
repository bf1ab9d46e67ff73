// "main is red" and "main is green again": one message at the start of an incident, one at its end. Pure.
import { inlineText, link } from "./escape.js";
import { type Block, COLORS, finalize, formatDuration, type SlackMessage } from "./message.js";

export interface WorkflowRunView {
  repo: string;
  repoUrl: string;
  branch: string;
  workflow: string;
  runUrl: string;
  sha: string;
  /** First line of the head commit message. */
  commitTitle: string | null;
  author: string | null;
  /** Names of the failed jobs (may be empty when they could not be listed). */
  failingJobs: readonly string[];
}

function commitLine(v: WorkflowRunView): string {
  const title = v.commitTitle ? ` ${inlineText(v.commitTitle, 120)}` : "";
  return `${link(`${v.repoUrl}/commit/${v.sha}`, v.sha.slice(0, 7))}${title}`;
}

export function branchRedMessage(v: WorkflowRunView): SlackMessage {
  const jobs =
    v.failingJobs.length > 0
      ? v.failingJobs
          .slice(0, 10)
          .map((j) => `• ${inlineText(j, 100)}`)
          .join("\n")
      : "_(not listed)_";
  const more = v.failingJobs.length > 10 ? `\n…and ${v.failingJobs.length - 10} more` : "";
  const blocks: Block[] = [
    {
      type: "header",
      text: { type: "plain_text", emoji: true, text: `🔴 ${v.branch} is red: ${v.workflow}` },
    },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${link(v.repoUrl, v.repo)}* · ${link(v.runUrl, v.workflow)} failed`,
      },
      fields: [
        { type: "mrkdwn", text: `*Commit*\n${commitLine(v)}` },
        { type: "mrkdwn", text: `*Author*\n${v.author ? inlineText(v.author, 60) : "unknown"}` },
      ],
    },
    { type: "section", text: { type: "mrkdwn", text: `*Failing jobs*\n${jobs}${more}` } },
  ];
  return finalize({
    text: `🔴 ${inlineText(v.repo)}: ${inlineText(v.branch, 100)} is red (${inlineText(v.workflow, 100)})`,
    blocks,
    color: COLORS.failure,
  });
}

export function branchGreenMessage(v: WorkflowRunView, redSince: Date, now: Date): SlackMessage {
  const blocks: Block[] = [
    {
      type: "header",
      text: { type: "plain_text", emoji: true, text: `🟢 ${v.branch} is green again: ${v.workflow}` },
    },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${link(v.repoUrl, v.repo)}* · ${link(v.runUrl, v.workflow)} passed after ${formatDuration(now.getTime() - redSince.getTime())} red`,
      },
      fields: [
        { type: "mrkdwn", text: `*Commit*\n${commitLine(v)}` },
        { type: "mrkdwn", text: `*Author*\n${v.author ? inlineText(v.author, 60) : "unknown"}` },
      ],
    },
  ];
  return finalize({
    text: `🟢 ${inlineText(v.repo)}: ${inlineText(v.branch, 100)} is green again (${inlineText(v.workflow, 100)})`,
    blocks,
    color: COLORS.success,
  });
}
