// Fuzzing the slash-command grammar (src/commands/grammar.ts), the one parser that reads text anyone
// can type into a pull request. Properties, not examples (those are in grammar.test.ts):
// - total: any text parses without throwing, in bounded time, into well-formed results;
// - inert where Markdown is inert: quoted, fenced, indented or mid-line text never yields a command;
// - exact where it should be: a valid command line among arbitrary prose parses to that command,
//   whatever the line endings, letter case and invisible characters pasted around it.
//
// Normal test run: FUZZ_RUNS (default 300) inputs per property with a fixed seed, so CI is deterministic.
// Longer: `npm run fuzz` (20,000 per property); FUZZ_SEED=<n> explores other inputs, and a failure
// prints the seed and path that replay it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Command,
  KNOWN_COMMANDS,
  MAX_COMMANDS_PER_COMMENT,
  MAX_REASON_CHARS,
  type ParsedLine,
  parseCommands,
} from "../../src/commands/grammar.js";
import { fuzzParams, fuzzTimeout } from "../support/fuzz.js";

const params = fuzzParams(300);
const timeout = fuzzTimeout(params);

const commandsOf = (lines: ParsedLine[]): Command[] =>
  lines.flatMap((l) => (l.kind === "command" ? [l.command] : []));

// Text that stresses the grammar: slashes, fences, quotes, spaces of every kind, invisible characters.
const tricky = fc.constantFrom(
  "/",
  "/deploy",
  "/merge",
  "/gate override",
  " ",
  "   ",
  "\t",
  "\u00A0",
  "\u3000",
  "\u200B",
  "\uFEFF",
  "```",
  "~~~",
  "> ",
  "`",
  "\n",
  "\r\n",
  "\r",
  "staging",
  "production",
  "../",
  "é",
  "😀",
);
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 400 }),
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 12 })), { maxLength: 60 }).map((parts) => parts.join("")),
);
/** One line of prose: never begins like a command or a fence (so it cannot change what follows). */
const proseLine = fc
  .string({ unit: "grapheme", maxLength: 80 })
  .map((s) => s.replace(/[\r\n]/g, " "))
  .filter((s) => !/^\s*([/`~>]|$)/.test(s));
const environment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,30}$/);
// The grammar reads text in NFC (a pasted "é" may be one code point or two), so reasons are generated so.
const reason = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 120 })
  .map((s) =>
    s
      .replace(/[\r\n\u200B-\u200D\u2060\uFEFF]/g, " ")
      .normalize("NFC")
      .trim(),
  )
  .filter((s) => s.length > 0);
const validCommand: fc.Arbitrary<{ line: string; command: Command }> = fc.oneof(
  fc
    .constantFrom<Command>({ name: "help" }, { name: "report" }, { name: "rerun" }, { name: "merge" })
    .map((c) => ({
      line: `/${c.name}`,
      command: c,
    })),
  fc
    .tuple(fc.constantFrom("deploy" as const, "rollback" as const), environment)
    .map(([name, env]) => ({ line: `/${name} ${env}`, command: { name, environment: env } })),
  reason.map((r) => ({ line: `/gate override ${r}`, command: { name: "override" as const, reason: r } })),
);

describe("the command grammar, fuzzed", () => {
  it("parses any text without throwing, quickly, into well-formed lines", { timeout }, () => {
    fc.assert(
      fc.property(text, (body) => {
        const started = performance.now();
        const parsed = parseCommands(body);
        expect(performance.now() - started).toBeLessThan(250);
        expect(parsed.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_COMMENT + 1);
        const lineCount = body.split(/\r\n|\r|\n/).length;
        let previous = 0;
        for (const p of parsed) {
          expect(p.line).toBeGreaterThan(previous);
          expect(p.line).toBeLessThanOrEqual(lineCount);
          previous = p.line;
          if (p.kind === "invalid") expect(p.message.length).toBeGreaterThan(0);
          else {
            expect(p.text.startsWith("/")).toBe(true);
            const c = p.command;
            if (c.name === "deploy" || c.name === "rollback")
              expect(c.environment).toMatch(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/);
            if (c.name === "override") {
              expect(c.reason.trim().length).toBeGreaterThan(0);
              expect(c.reason.length).toBeLessThanOrEqual(MAX_REASON_CHARS);
            }
          }
        }
      }),
      params,
    );
  });

  it("finds no command in quoted, fenced, indented or mid-line text, whatever it says", { timeout }, () => {
    const hide = fc.constantFrom(
      (lines: string[]) => lines.map((l) => `> ${l}`),
      // lazy continuation: one quoted line, then lines that neither end the paragraph nor open a block
      (lines: string[]) => [
        "> quoted",
        ...lines.filter(
          (l) =>
            !/^[ \t]*$/.test(l.replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")) &&
            !/^\s*([`~]{3}|<!--|\d|[-+*]\s)/.test(l),
        ),
      ],
      (lines: string[]) => lines.map((l) => `    ${l}`),
      (lines: string[]) => lines.map((l) => `Please run ${l}`),
      (lines: string[]) => lines.map((l) => `\`${l}\``),
      // a fence longer than any the text could close it with
      (lines: string[]) => [
        "`".repeat(12),
        ...lines.filter((l) => !/^ {0,3}`{12,}\s*$/.test(l)),
        "`".repeat(12),
      ],
      (lines: string[]) => [
        "~~~~~~~~~~~~",
        ...lines.filter((l) => !/^ {0,3}~{12,}\s*$/.test(l)),
        "~~~~~~~~~~~~",
      ],
    );
    const commandish = fc.array(
      fc.oneof(
        validCommand.map((c) => c.line),
        text,
      ),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(commandish, hide, (parts, wrap) => {
        const lines = parts.join("\n").split(/\r\n|\r|\n/);
        expect(commandsOf(parseCommands(wrap(lines).join("\n")))).toEqual([]);
      }),
      params,
    );
  });

  it("finds exactly the command lines among prose, in order", { timeout }, () => {
    const item = fc.oneof(
      { weight: 2, arbitrary: proseLine.map((p) => ({ line: p, command: undefined })) },
      { weight: 1, arbitrary: validCommand },
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.constantFrom("\n", "\r\n", "\r"), (items, eol) => {
        const expected = items
          .flatMap((i) => (i.command ? [i.command] : []))
          .slice(0, MAX_COMMANDS_PER_COMMENT);
        const parsed = parseCommands(items.map((i) => i.line).join(eol));
        expect(commandsOf(parsed)).toEqual(expected);
      }),
      params,
    );
  });

  it("reads a command the same in any letter case of its name, with pasted invisible characters", {
    timeout,
  }, () => {
    fc.assert(
      fc.property(
        validCommand,
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        fc.constantFrom("", "\u200B", "\uFEFF", "\u2060"),
        fc.constantFrom("", " ", "  ", "   "),
        ({ line, command }, upper, invisible, indent) => {
          const [name = "", ...rest] = line.split(" ");
          const cased = [...name].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join("");
          const typed = `${indent}${invisible}${cased}${rest.length > 0 ? " " : ""}${rest.join(" ")}`;
          expect(commandsOf(parseCommands(`thanks!\n${typed}\n`))).toEqual([command]);
        },
      ),
      params,
    );
  });

  it("names only commands it knows; anything else slash-shaped is refused with a reason", { timeout }, () => {
    const known = new Set<string>([...KNOWN_COMMANDS, "override"]);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/),
        fc.string({ maxLength: 40 }),
        (name, rest) => {
          const parsed = parseCommands(`/${name} ${rest.replace(/[\r\n]/g, " ")}`);
          for (const p of parsed) if (p.kind === "command") expect(known.has(p.command.name)).toBe(true);
          if (!known.has(name.toLowerCase())) expect(commandsOf(parsed)).toEqual([]);
        },
      ),
      params,
    );
  });
});
