// `tollgate evaluate <file|dir>... [--config <yml>] [--base <file|dir>] [--diff <file>] [--format text|markdown|json]`:
// the gates on local files, through the same code as the app (parse → merge → evaluateGates → render).
// Exit 0 when the gate passed (or had nothing to judge), 1 when it failed, 2 on a usage or input error.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseConfigText } from "../config/parse-text.js";
import { DEFAULT_CONFIG, type TollgateConfig } from "../config/schema.js";
import { evaluateGates } from "../gates/evaluate.js";
import type { Baseline, Verdict } from "../gates/types.js";
import { COMMENT_MARKER } from "../github/comments.js";
import { changedLinesFromDiff } from "../github/unified-diff.js";
import { renderComment } from "../render/comment.js";
import { GATE_LABEL, withUnit } from "../render/format.js";
import { stripControls } from "../render/markdown.js";
import { mergeReports } from "../reports/merge.js";
import type { Report } from "../reports/model.js";
import { parseReportPaths } from "../reports/parse-file.js";
import { parseCommandArgs } from "./args.js";
import type { CliIo, Command } from "./command.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./command.js";

const HELP = `usage: tollgate evaluate <file|dir>... [--config <yml>] [--base <file|dir>]... [--diff <file>]
                         [--format text|markdown|json]

Reads the reports in the given files and directories, merges them, and evaluates the gates of
.github/tollgate.yml (or --config; the defaults when neither exists) — the same code the app runs.

options:
  --config <yml>   the config file (default: .github/tollgate.yml in the working directory, if present)
  --base <path>    reports of the base commit, for the coverage-drop, new-findings and regression gates
                   (repeatable)
  --diff <file>    a unified diff (git diff base...head) for the patch-coverage gate
  --format <f>     text (default), markdown (the PR comment) or json (the verdict)
  -h, --help       show this help

exit status: 0 gate passed or nothing to judge, 1 gate failed, 2 usage or input error`;

const MARK: Record<string, string> = { passed: "PASS", failed: "FAIL", skipped: "SKIP" };

export function renderVerdictText(verdict: Verdict): string {
  const head =
    verdict.conclusion === "failure"
      ? "FAILED"
      : verdict.conclusion === "success"
        ? "PASSED"
        : "NOTHING TO JUDGE";
  const lines = [`Tollgate: ${head} — ${stripControls(verdict.summary)}`];
  if (verdict.baseline) lines.push(`compared with ${verdict.baseline.note ?? verdict.baseline.sha}`);
  for (const g of verdict.gates) {
    const label = (GATE_LABEL[g.gate] ?? g.gate).padEnd(15);
    const info = g.informational && g.status === "failed" ? " (informational)" : "";
    const value = g.value === undefined ? "" : ` ${withUnit(g.value, g.unit, g.threshold)}`;
    lines.push(`  ${MARK[g.status] ?? g.status}  ${label}${value}${info} — ${stripControls(g.reason)}`);
  }
  for (const u of verdict.unreadable)
    lines.push(`  unreadable: ${stripControls(u.source)}: ${stripControls(u.reason)}`);
  return `${lines.join("\n")}\n`;
}

async function loadConfig(
  io: CliIo,
  explicit: string | undefined,
): Promise<{ ok: true; config: TollgateConfig } | { ok: false; message: string }> {
  const path = resolve(io.cwd, explicit ?? ".github/tollgate.yml");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    if (explicit === undefined) return { ok: true, config: DEFAULT_CONFIG };
    return { ok: false, message: `cannot read the config file ${explicit}` };
  }
  const result = parseConfigText(text, explicit ?? ".github/tollgate.yml");
  if (result.ok) return { ok: true, config: result.config };
  const problems = result.errors.map(
    (e) => `  ${e.path || "(file)"}${e.line ? ` (line ${e.line})` : ""}: ${e.message}`,
  );
  return { ok: false, message: `invalid config:\n${problems.join("\n")}` };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {
    config: { type: "string" },
    base: { type: "string", multiple: true },
    diff: { type: "string" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (!parsed.ok) {
    io.stderr(`tollgate evaluate: ${parsed.message}\n\n${HELP}\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  const format = values.format ?? "text";
  if (!["text", "markdown", "json"].includes(format)) {
    io.stderr(`tollgate evaluate: --format must be text, markdown or json, not '${format}'\n`);
    return EXIT_USAGE;
  }
  if (positionals.length === 0) {
    io.stderr(`tollgate evaluate: no file or directory given\n\n${HELP}\n`);
    return EXIT_USAGE;
  }
  const config = await loadConfig(io, values.config);
  if (!config.ok) {
    io.stderr(`tollgate evaluate: ${config.message}\n`);
    return EXIT_USAGE;
  }
  const read = async (paths: string[]): Promise<Report[] | undefined> => {
    const { reports, missing } = await parseReportPaths(paths, { cwd: io.cwd, hints: { roots: [io.cwd] } });
    if (missing.length === 0) return reports;
    io.stderr(missing.map((p) => `tollgate evaluate: no such file or directory: ${p}\n`).join(""));
    return undefined;
  };
  const head = await read(positionals);
  if (!head) return EXIT_USAGE;
  let baseline: Baseline | undefined;
  if (values.base && values.base.length > 0) {
    const base = await read(values.base);
    if (!base) return EXIT_USAGE;
    baseline = { sha: "base", merged: mergeReports(base), note: `base reports ${values.base.join(", ")}` };
  }
  let changedLines: Map<string, number[]> | undefined;
  if (values.diff !== undefined) {
    try {
      changedLines = changedLinesFromDiff(await readFile(resolve(io.cwd, values.diff), "utf8"));
    } catch {
      io.stderr(`tollgate evaluate: cannot read the diff ${values.diff}\n`);
      return EXIT_USAGE;
    }
  }
  const merged = mergeReports(head);
  const verdict = evaluateGates(merged, baseline, config.config, changedLines ? { changedLines } : {});
  if (format === "json") io.stdout(`${JSON.stringify(verdict, null, 2)}\n`);
  else if (format === "markdown") {
    const { text } = renderComment({
      sha: "local",
      verdict,
      merged,
      ...(baseline ? { baseline: { sha: baseline.sha, merged: baseline.merged } } : {}),
      runs: [],
      pending: [],
      problems: [],
    });
    io.stdout(`${text.replace(`${COMMENT_MARKER}\n`, "").trimStart()}\n`);
  } else io.stdout(renderVerdictText(verdict));
  return verdict.conclusion === "failure" ? EXIT_FAILED : EXIT_OK;
}

export const evaluateCommand: Command = {
  name: "evaluate",
  summary: "evaluate the quality gates on local report files (exit 1 when a gate fails)",
  help: HELP,
  run,
};
