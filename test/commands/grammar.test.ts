import { describe, expect, it } from "vitest";
import {
  closest,
  editDistance,
  MAX_COMMANDS_PER_COMMENT,
  parseCommands,
} from "../../src/commands/grammar.js";

// Each row: comment body → the commands (as "name arg") and invalid lines (as "!message-fragment").
const summary = (body: string): string[] =>
  parseCommands(body).map((p) => {
    if (p.kind === "invalid") return `!${p.suggestion ?? ""}`;
    const c = p.command;
    return c.name === "deploy" || c.name === "rollback"
      ? `${c.name} ${c.environment}`
      : c.name === "override"
        ? `override ${c.reason}`
        : c.name;
  });

const cases: [string, string, string[]][] = [
  ["plain help", "/help", ["help"]],
  ["report", "/report", ["report"]],
  ["rerun", "/rerun", ["rerun"]],
  ["merge", "/merge", ["merge"]],
  ["deploy with env", "/deploy staging", ["deploy staging"]],
  ["rollback with env", "/rollback production", ["rollback production"]],
  [
    "gate override with reason",
    "/gate override flaky perf runner, see #12",
    ["override flaky perf runner, see #12"],
  ],
  ["upper case name", "/DEPLOY staging", ["deploy staging"]],
  ["env keeps its case for the config lookup", "/deploy Staging", ["deploy Staging"]],
  ["surrounding prose", "Looks good.\n/deploy staging\nthanks", ["deploy staging"]],
  ["several in order", "/report\n/deploy staging\n/merge", ["report", "deploy staging", "merge"]],
  ["CRLF line ends", "/report\r\n/deploy staging\r\n", ["report", "deploy staging"]],
  ["old Mac CR line ends", "/report\r/rerun", ["report", "rerun"]],
  ["trailing spaces and tabs", "/deploy   staging \t", ["deploy staging"]],
  ["up to three spaces of indent", "   /help", ["help"]],
  ["four spaces: indented code", "    /deploy production", []],
  ["tab: indented code", "\t/deploy production", []],
  ["quoted line", "> /deploy production", []],
  ["nested quote", "> > /merge", []],
  ["inline code", "`/deploy production`", []],
  ["inline code mid-line", "please run `/deploy production` later", []],
  ["mid-line slash", "run /deploy production please", []],
  ["fenced code block", "```\n/deploy production\n```\n/help", ["help"]],
  ["tilde fence", "~~~sh\n/merge\n~~~", []],
  ["longer fence closes only with as long", "````\n```\n/merge\n````\n/rerun", ["rerun"]],
  ["unclosed fence hides the rest", "```\n/merge", []],
  ["fence with language", "```yaml\n/rerun\n```", []],
  ["path is prose", "/usr/bin/env is missing", []],
  ["double slash is prose", "// not a command", []],
  ["lone slash", "/", []],
  ["non-breaking space separates", "/deploy\u00A0staging", ["deploy staging"]],
  // found by the fuzz (grammar-fuzz.test.ts): U+2028 is not a Markdown line end, the line was silently dropped
  ["a Unicode line separator inside the line separates", "/deploy\u2028staging", ["deploy staging"]],
  ["zero-width space before slash", "\u200B/merge", ["merge"]],
  ["BOM before slash", "\uFEFF/help", ["help"]],
  ["full-width solidus is not a slash", "\uFF0Fdeploy staging", []],
  ["unicode env is invalid", "/deploy prodüction", ["!"]],
  ["emoji after command is an argument", "/merge 🚀", ["!"]],
  ["typo gets the closest", "/deplyo staging", ["!deploy"]],
  ["typo rerun", "/rerum", ["!rerun"]],
  ["typo merge", "/mrege", ["!merge"]],
  ["far from anything", "/frobnicate", ["!"]],
  ["deploy without env", "/deploy", ["!"]],
  ["deploy with two envs", "/deploy staging production", ["!"]],
  ["rollback without env", "/rollback", ["!"]],
  ["gate without subcommand", "/gate", ["!"]],
  ["gate with a typo", "/gate overide because", ["!gate override"]],
  ["override without reason", "/gate override", ["!"]],
  ["override with only spaces", "/gate override    ", ["!"]],
  ["override reason too long", `/gate override ${"x".repeat(501)}`, ["!"]],
  ["merge with arguments", "/merge now", ["!"]],
  ["help ignores arguments", "/help me", ["help"]],
  ["invalid among valid keeps order", "/report\n/deploy\n/merge", ["report", "!", "merge"]],
  ["empty body", "", []],
  ["underscore names parse", "/do_it", ["!"]],
  // Lazy continuation: GitHub shows the line under a quote, without a blank line, inside the quote.
  ["a command right under a quote is quoted, and said so", "> can you deploy?\n/deploy staging", ["!"]],
  ["after a blank line it is a command", "> can you deploy?\n\n/deploy staging", ["deploy staging"]],
  ["the quote's paragraph goes on through prose", "> q\nmore of it\n/merge", ["!"]],
  ["a fence ends the quote", "> q\n```\ncode\n```\n/merge", ["merge"]],
];

describe("parseCommands", () => {
  it.each(cases)("%s", (_, body, expected) => {
    expect(summary(body)).toEqual(expected);
  });

  it("has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it("numbers lines from 1 and keeps the trimmed text", () => {
    expect(parseCommands("hi\r\n  /deploy staging  ")).toEqual([
      {
        kind: "command",
        line: 2,
        text: "/deploy staging",
        command: { name: "deploy", environment: "staging" },
      },
    ]);
  });

  it("names the closest known command in the message", () => {
    const [first] = parseCommands("/deplyo staging");
    expect(first?.kind === "invalid" && first.message).toMatch(/did you mean \/deploy\?/);
  });

  it("stops after the maximum number of commands with one invalid line", () => {
    const parsed = parseCommands(Array.from({ length: 15 }, () => "/help").join("\n"));
    expect(parsed).toHaveLength(MAX_COMMANDS_PER_COMMENT + 1);
    expect(parsed.at(-1)?.kind).toBe("invalid");
  });

  it("keeps the override reason verbatim inside the line (markdown escaping is the renderer's job)", () => {
    const [first] = parseCommands("/gate override <script>|@team `x`");
    expect(first?.kind === "command" && first.command).toEqual({
      name: "override",
      reason: "<script>|@team `x`",
    });
  });
});

describe("editDistance / closest", () => {
  it.each([
    ["deploy", "deploy", 0],
    ["deplyo", "deploy", 2],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
  ] as const)("%s → %s = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("answers undefined when nothing is close", () => {
    expect(closest("zzzzzzz", ["help", "merge"])).toBeUndefined();
    expect(closest("prod", ["staging", "production"])).toBeUndefined();
    expect(closest("productio", ["staging", "production"])).toBe("production");
  });
});

describe("lazy quote continuation", () => {
  it("explains why the line did not run", () => {
    const [line] = parseCommands("> Please run it\n/deploy production");
    expect(line).toMatchObject({ kind: "invalid", line: 2, text: "/deploy production" });
    expect(line?.kind === "invalid" && line.message).toMatch(/continues the quote above/);
  });
});
