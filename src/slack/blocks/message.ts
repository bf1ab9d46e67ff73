// The message shape the builders produce and the client sends, and `finalize`, which enforces
// Slack's limits (limits.ts) on any message: block count, section and header lengths.
import { stripControls } from "../../render/markdown.js";
import { clip } from "./escape.js";
import { SLACK_LIMITS } from "./limits.js";

export interface TextObject {
  type: "mrkdwn" | "plain_text";
  text: string;
  emoji?: boolean;
}

export type Block =
  | { type: "header"; text: { type: "plain_text"; text: string; emoji?: boolean } }
  | { type: "section"; text?: TextObject; fields?: TextObject[] }
  | { type: "context"; elements: TextObject[] }
  | { type: "divider" };

export interface SlackMessage {
  /** Fallback and notification text (what a phone's lock screen shows). */
  text: string;
  blocks: Block[];
  /** Status colour of the attachment bar, e.g. "#2eb886". */
  color?: string;
}

export const COLORS = {
  success: "#2eb886",
  failure: "#e01e5a",
  running: "#daa038",
  neutral: "#a0a0a0",
} as const;

function clipText(t: TextObject, max: number): TextObject {
  return { ...t, text: clip(t.text, max) };
}

function clipBlock(b: Block): Block {
  switch (b.type) {
    case "header":
      // plain_text is shown as is (no mentions, no links), so it needs no escaping; controls go.
      return {
        type: "header",
        text: { ...b.text, text: clip(stripControls(b.text.text), SLACK_LIMITS.headerText) },
      };
    case "section":
      return {
        type: "section",
        ...(b.text ? { text: clipText(b.text, SLACK_LIMITS.sectionText) } : {}),
        ...(b.fields
          ? { fields: b.fields.slice(0, SLACK_LIMITS.fields).map((f) => clipText(f, SLACK_LIMITS.fieldText)) }
          : {}),
      };
    case "context":
      return { type: "context", elements: b.elements.slice(0, SLACK_LIMITS.contextElements) };
    case "divider":
      return b;
  }
}

/**
 * Applies Slack's limits: texts clipped (builders escape before, so clipping may cut a link's label
 * but the limits are far above what builders write), at most 50 blocks (the last says how many were
 * left out). Pure: returns a new message, never changes its input.
 */
export function finalize(message: SlackMessage): SlackMessage {
  let blocks = message.blocks.map(clipBlock);
  if (blocks.length > SLACK_LIMITS.blocks) {
    const dropped = blocks.length - (SLACK_LIMITS.blocks - 1);
    blocks = [
      ...blocks.slice(0, SLACK_LIMITS.blocks - 1),
      { type: "context", elements: [{ type: "mrkdwn", text: `…and ${dropped} more blocks not shown` }] },
    ];
  }
  return {
    text: clip(message.text, SLACK_LIMITS.fallbackText),
    blocks,
    ...(message.color ? { color: message.color } : {}),
  };
}

/** "1h 2m", "2m 13s", "45s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}
