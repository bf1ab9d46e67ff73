// The slash-command grammar, pure: a PR comment's text → the commands it asks for, in order, and the
// lines that looked like commands but were not valid (each with a reason and the closest known name).
// A command is a line starting with `/` (up to three spaces of indentation, as Markdown allows) outside
// fenced code blocks; quoted lines, indented code and inline code never start with `/`, so they are not
// commands. See src/commands/README.md for the decisions.

export type Command =
  | { name: "help" }
  | { name: "report" }
  | { name: "rerun" }
  | { name: "merge" }
  | { name: "deploy"; environment: string }
  | { name: "rollback"; environment: string }
  | { name: "override"; reason: string };

export type CommandName = Command["name"];

export type ParsedLine =
  | { kind: "command"; line: number; text: string; command: Command }
  | { kind: "invalid"; line: number; text: string; message: string; suggestion?: string };

/** What users type: `/gate override` is the override command. */
export const KNOWN_COMMANDS = ["help", "report", "rerun", "deploy", "rollback", "gate", "merge"] as const;

/** More command lines than this in one comment are refused (each would reply and react). */
export const MAX_COMMANDS_PER_COMMENT = 10;
export const MAX_REASON_CHARS = 500;
const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

// Zero-width characters and the BOM a paste may leave in front of the slash.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// Any Unicode whitespace separates words (a non-breaking space after `/deploy` is still a space).
const SPACE = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/u;
// A fence may open right after list markers (`- ```` or `1. ~~~`): the code block is the list item's.
const QUOTE = /^ {0,3}>/;
const FENCE = /^ {0,3}(?:(?:[-+*]|\d{1,9}[.)])[ \t]+){0,3}(`{3,}|~{3,})/;
// An HTML comment block (CommonMark HTML block type 2): from a line starting with `<!--` to the line
// containing `-->`. GitHub renders none of it, so nothing inside is a command anyone can see.
const HTML_COMMENT_OPEN = /^ {0,3}<!--/;
// `/name` followed by whitespace or the end; `/usr/bin` or `//` is prose, not a command. `s`: Markdown
// ends lines only at CR/LF, so U+2028/U+2029 are spaces inside the line, not the end of the match.
const COMMAND_LINE =
  /^ {0,3}\/([A-Za-z][A-Za-z0-9_-]*)(?=$|[\s\u00A0\u2000-\u200A\u202F\u205F\u3000])(.*)$/su;

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest candidate by edit distance (ties: the first), or undefined when nothing is close. */
export function closest(word: string, candidates: readonly string[], maxDistance = 3): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.min(maxDistance, Math.max(1, Math.floor(word.length / 2) + 1))
    ? best
    : undefined;
}

function words(rest: string): string[] {
  return rest.split(SPACE).filter((w) => w.length > 0);
}

type LineResult = { command: Command } | { message: string; suggestion?: string };

function noArguments(name: "report" | "rerun" | "merge", args: string[]): LineResult {
  return args.length === 0
    ? { command: { name } }
    : { message: `/${name} takes no arguments (got "${args.join(" ")}")` };
}

function environmentCommand(name: "deploy" | "rollback", args: string[]): LineResult {
  const [environment, ...extra] = args;
  if (environment === undefined) return { message: `/${name} needs an environment, e.g. /${name} staging` };
  if (extra.length > 0) return { message: `/${name} takes one environment (got "${args.join(" ")}")` };
  if (!ENVIRONMENT.test(environment))
    return { message: `/${name}: "${environment}" is not a valid environment name` };
  return { command: { name, environment } };
}

function gateCommand(rest: string): LineResult {
  const trimmed = rest.trim();
  const [sub] = words(trimmed);
  if (sub === undefined) return { message: "/gate needs a subcommand: /gate override <reason>" };
  if (sub.toLowerCase() !== "override") {
    const suggestion = closest(sub, ["override"]);
    return {
      message: `/gate ${sub} is not a gate command; the only one is /gate override <reason>`,
      ...(suggestion ? { suggestion: "gate override" } : {}),
    };
  }
  const reason = trimmed.slice(sub.length).trim();
  if (reason.length === 0)
    return { message: "/gate override needs a reason, e.g. /gate override flaky perf runner, see #123" };
  if (reason.length > MAX_REASON_CHARS)
    return { message: `/gate override: the reason is longer than ${MAX_REASON_CHARS} characters` };
  return { command: { name: "override", reason } };
}

function parseLine(name: string, rest: string): LineResult {
  const args = words(rest);
  switch (name) {
    case "help":
      return { command: { name: "help" } };
    case "report":
    case "rerun":
    case "merge":
      return noArguments(name, args);
    case "deploy":
    case "rollback":
      return environmentCommand(name, args);
    case "gate":
      return gateCommand(rest);
    default: {
      const suggestion = closest(name, KNOWN_COMMANDS);
      return {
        message: `/${name} is not a Tollgate command${suggestion ? `; did you mean /${suggestion}?` : ""} (/help lists them)`,
        ...(suggestion ? { suggestion } : {}),
      };
    }
  }
}

/** Every command line of a comment, in order (at most MAX_COMMANDS_PER_COMMENT, then one invalid line). */
export function parseCommands(body: string): ParsedLine[] {
  const lines = body.normalize("NFC").split(/\r\n|\r|\n/);
  const out: ParsedLine[] = [];
  let fence: { char: string; length: number } | undefined;
  let htmlComment = false;
  // Inside a block quote's paragraph: a following line without `>` still belongs to the quote
  // (CommonMark's lazy continuation), so GitHub shows a command written there as quoted.
  let quoted = false;
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(INVISIBLE, "");
    if (!fence && !htmlComment) {
      if (QUOTE.test(line)) quoted = true;
      // only spaces and tabs make a blank line in Markdown (not U+00A0, U+2028, …)
      else if (/^[ \t]*$/.test(line) || FENCE.exec(line) || HTML_COMMENT_OPEN.test(line)) quoted = false;
    }
    if (htmlComment) {
      if (line.includes("-->")) htmlComment = false;
      continue;
    }
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      const char = marker.charAt(0);
      if (!fence) fence = { char, length: marker.length };
      else if (char === fence.char && marker.length >= fence.length && line.trim() === marker)
        fence = undefined;
      continue;
    }
    if (fence) continue;
    if (HTML_COMMENT_OPEN.test(line)) {
      htmlComment = !line.slice(line.indexOf("<!--") + 4).includes("-->");
      continue;
    }
    const match = COMMAND_LINE.exec(line);
    if (!match) continue;
    const name = (match[1] ?? "").toLowerCase();
    const text = line.trim();
    const lineNo = index + 1;
    if (out.length >= MAX_COMMANDS_PER_COMMENT) {
      out.push({
        kind: "invalid",
        line: lineNo,
        text,
        message: `at most ${MAX_COMMANDS_PER_COMMENT} commands per comment; the rest were ignored`,
      });
      break;
    }
    if (quoted) {
      out.push({
        kind: "invalid",
        line: lineNo,
        text,
        message:
          "this line continues the quote above it (GitHub shows it inside the quote), so it was not run; leave an empty line before a command",
      });
      continue;
    }
    const result = parseLine(name, match[2] ?? "");
    out.push(
      "command" in result
        ? { kind: "command", line: lineNo, text, command: result.command }
        : { kind: "invalid", line: lineNo, text, ...result },
    );
  }
  return out;
}
