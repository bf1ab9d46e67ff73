// Making text from users, commits and reports inert in Slack mrkdwn: Slack asks for exactly three
// escapes (&, <, >), which also stops `<!channel>`, `<@U123>` and fake links. Controls are removed.
import { stripControls } from "../../render/markdown.js";

/** Escapes text for a mrkdwn or plain_text field. */
export function escapeMrkdwn(text: string): string {
  return stripControls(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts to `max` characters with an ellipsis (before escaping, so an entity is never cut in half). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Escaped, clipped, single-line text. */
export function inlineText(text: string, max = 200): string {
  return escapeMrkdwn(clip(text.replace(/\s*[\r\n]+\s*/g, " "), max));
}

/** A mrkdwn link `<url|label>`; only http(s) URLs become links, anything else is shown as plain text. */
export function link(url: string | null | undefined, label: string): string {
  const text = inlineText(label, 150).replace(/\|/g, "¦");
  if (!url || !/^https?:\/\//i.test(url)) return text;
  const safe = stripControls(url)
    .replace(/\|/g, "%7C")
    .replace(/>/g, "%3E")
    .replace(/</g, "%3C")
    .replace(/ /g, "%20");
  return `<${safe}|${text}>`;
}
