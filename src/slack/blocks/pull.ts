// Gate failures on pull requests and auto-merge decisions. Pure.
import { inlineText, link } from "./escape.js";
import { COLORS, finalize, type SlackMessage } from "./message.js";

export interface PullView {
  repo: string;
  repoUrl: string;
  number: number;
  title: string;
  url: string;
  author: string | null;
  sha: string;
}

function pullLine(p: PullView): string {
  const by = p.author ? ` by ${inlineText(p.author, 60)}` : "";
  return `*${link(p.repoUrl, p.repo)}* ${link(p.url, `#${p.number} ${p.title}`)}${by} @ ${link(`${p.repoUrl}/commit/${p.sha}`, p.sha.slice(0, 7))}`;
}

export function gateFailureMessage(p: PullView, summary: string, checkUrl: string | null): SlackMessage {
  const details = checkUrl ? ` · ${link(checkUrl, "details")}` : "";
  const text = `❌ Tollgate gate failed: ${inlineText(summary, 300)}`;
  return finalize({
    text: `❌ ${inlineText(p.repo)} #${p.number}: gate failed`,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `${text}\n${pullLine(p)}${details}` } }],
    color: COLORS.failure,
  });
}

export function automergeMessage(
  p: PullView,
  decision: "merged" | "enabled" | "skipped",
  reason: string,
): SlackMessage {
  const emoji = decision === "skipped" ? "⏸️" : "🤖";
  const word =
    decision === "merged" ? "merged" : decision === "enabled" ? "auto-merge enabled" : "not auto-merged";
  return finalize({
    text: `${emoji} ${inlineText(p.repo)} #${p.number}: ${word}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `${emoji} *${word}*: ${inlineText(reason, 300)}\n${pullLine(p)}` },
      },
    ],
    color: decision === "skipped" ? COLORS.neutral : COLORS.success,
  });
}
