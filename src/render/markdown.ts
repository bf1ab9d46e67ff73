// Making report text inert in GitHub Markdown: no HTML, no broken tables or fences, nobody pinged.
// Everything that comes from a report (test names, messages, file paths, rule ids) goes through here.

const ZWSP = "\u200B";

// C0/C1 controls (except tab/newline), and bidirectional overrides that can disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Removes control and bidi-override characters. */
export function stripControls(text: string): string {
  return text.replace(CONTROL, "");
}

/** Breaks @mentions and #references / GH-123 autolinks with a zero-width space, as GitHub's own bots do. */
export function neutralizeReferences(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`);
}

/**
 * One line of inline text (table cell, list item, heading): HTML escaped, Markdown punctuation escaped,
 * newlines folded, references neutralised, cut to `max` characters.
 */
export function inline(text: string, max = 300): string {
  let t = stripControls(text).replace(/\s*[\r\n]+\s*/g, " ");
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  t = t
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_{}[\]()#+!|~])/g, "\\$1");
  return neutralizeReferences(t);
}

/**
 * A short code span (file paths, rule ids): verbatim inside, so no backslash escapes; newlines folded;
 * delimited by more backticks than any run inside. Mentions and references do not link inside code.
 */
export function codeSpan(text: string, max = 200): string {
  let t = stripControls(text).replace(/\s*[\r\n]+\s*/g, " ");
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Text shown verbatim in a fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, max = 2_000, lang = ""): string {
  let t = stripControls(text);
  if (t.length > max) t = `${t.slice(0, max)}\n… (${t.length - max} more characters)`;
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${t}\n${fence}`;
}

/** A Markdown table; cells must already be escaped with `inline`. */
export function table(headers: string[], rows: string[][], align?: ("l" | "r" | "c")[]): string {
  const sep = headers.map((_, i) => {
    const a = align?.[i] ?? "l";
    return a === "r" ? "---:" : a === "c" ? ":---:" : "---";
  });
  return [headers, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/** A collapsible section; `summary` must already be escaped. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Cuts text to at most `maxBytes` UTF-8 bytes without splitting a character, appending `note`. */
export function truncateBytes(text: string, maxBytes: number, note = "\n\n… (truncated)"): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const budget = Math.max(0, maxBytes - utf8Bytes(note));
  const buf = Buffer.from(text, "utf8").subarray(0, budget);
  // Drop a trailing partial character.
  let cut = buf.toString("utf8");
  if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
  return cut + note;
}
