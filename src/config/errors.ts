// Config problems are values: one entry per problem, with the dotted path of the key and a sentence a
// user understands. `renderConfigErrors` turns them into the check run's `action_required` summary.
import type { z } from "zod";
import { knownKeysAt } from "./schema-walk.js";

export interface ConfigError {
  /** Dotted path with indices, e.g. `gates.coverage.paths[0].min`; "" for the file as a whole. */
  path: string;
  message: string;
  /** The file the problem is in, when known (`owner/repo:.github/tollgate.yml`). */
  file?: string;
  line?: number;
  column?: number;
}

export type ConfigInvalid = { ok: false; errors: ConfigError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

const CREDENTIAL_KEY = /token|secret|password|passwd|private_?key|webhook_?url|api_?url|app_?id|credential/i;
const BOUND_KEY = /annotation|bound|limit|max_?(artifact|bytes|mb|size|entries|files|download|ratio)/i;

/** Why an unknown key is refused: env-only settings say so; near-misses get a suggestion. */
function unknownKeyMessage(key: string, known: readonly string[]): string {
  if (CREDENTIAL_KEY.test(key)) {
    return "is not a repository setting: credentials come only from the app's environment, never from repository files (remove it, and rotate it if it was a real secret)";
  }
  if (BOUND_KEY.test(key)) {
    return "is not a repository setting: size and annotation limits are set by whoever runs the app, through its environment";
  }
  const suggestion = closest(key, known);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
  return `unknown key; ${hint}known keys here: ${known.join(", ")}`;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** One ConfigError per problem; an unknown-keys issue becomes one error per key. */
export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  locate: (path: readonly PropertyKey[]) => string | undefined = () => undefined,
): ConfigError[] {
  const errors: ConfigError[] = [];
  const add = (path: readonly PropertyKey[], message: string) => {
    const file = locate(path);
    errors.push(
      file === undefined ? { path: formatPath(path), message } : { path: formatPath(path), message, file },
    );
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(issue.path);
      for (const key of issue.keys) add([...issue.path, key], unknownKeyMessage(key, known));
    } else if (issue.path.length === 0 && issue.code === "invalid_type") {
      add([], "the file must be a map of settings (key: value) at the top level");
    } else {
      add(issue.path, issue.message);
    }
  }
  return errors;
}

interface LinePosCarrier {
  message?: unknown;
  linePos?: unknown;
}

/** A YAML syntax error (from the `yaml` package) as a ConfigError with line and column. */
export function yamlErrorToConfigError(error: unknown, file?: string): ConfigError {
  const carrier: LinePosCarrier = typeof error === "object" && error !== null ? error : {};
  const text = typeof carrier.message === "string" ? carrier.message : String(error);
  // The yaml package appends a code excerpt after the first line; the first line is the reason.
  const reason = (text.split("\n")[0] ?? text).replace(/ at line \d+, column \d+:?$/, "");
  const position = Array.isArray(carrier.linePos)
    ? (carrier.linePos[0] as { line?: unknown; col?: unknown })
    : undefined;
  const line = typeof position?.line === "number" ? position.line : undefined;
  const column = typeof position?.col === "number" ? position.col : undefined;
  const where =
    line === undefined ? "" : ` at line ${line}${column === undefined ? "" : `, column ${column}`}`;
  const result: ConfigError = { path: "", message: `YAML syntax error${where}: ${reason}` };
  if (file !== undefined) result.file = file;
  if (line !== undefined) result.line = line;
  if (column !== undefined) result.column = column;
  return result;
}

const MAX_RENDERED = 50;

/** Text from a user's file made inert in Markdown: no HTML, no emphasis, no table breaks, no pings. */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]<>|~#]/g, (char) => `\\${char}`)
    .replace(/&/g, "&amp;")
    .replace(/@(?=\w)/g, "@\u200b")
    .replace(/\r?\n/g, " ");
}

/** Short Markdown for the check run (`action_required`): what is wrong, where, one row per problem. */
export function renderConfigErrors(
  errors: readonly ConfigError[],
  configPath = ".github/tollgate.yml",
): string {
  const lines = [
    `**Tollgate could not use \`${configPath}\`**: no gate was evaluated. Fix the setting${errors.length === 1 ? "" : "s"} below and push again.`,
    "",
    "| Setting | Problem |",
    "| --- | --- |",
  ];
  for (const error of errors.slice(0, MAX_RENDERED)) {
    const where = error.path === "" ? "(whole file)" : escapeText(error.path);
    const file = error.file === undefined ? "" : ` in ${escapeText(error.file)}`;
    lines.push(`| ${where}${file} | ${escapeText(error.message)} |`);
  }
  if (errors.length > MAX_RENDERED) lines.push("", `…and ${errors.length - MAX_RENDERED} more.`);
  return lines.join("\n");
}
