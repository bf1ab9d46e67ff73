import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParseCommand, parseCommand } from "../../src/cli/parse-command.js";
import type { FormatParser } from "../../src/reports/parser.js";
import { recordIo } from "./record-io.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tollgate-cli-"));
  await mkdir(join(dir, "reports"));
  await writeFile(join(dir, "reports/empty.xml"), "");
  await writeFile(join(dir, "reports/odd.json"), '{"hello": "world"}');
  await writeFile(join(dir, "reports/notes.txt"), "not a report");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("tollgate parse", () => {
  it.each([
    [[], "no file or directory given"],
    [["--bogus", "x"], "Unknown option '--bogus'"],
    [["missing.xml"], "no such file or directory: missing.xml"],
    [["reports", "missing"], "no such file or directory: missing"],
  ])("%j is a usage error (exit 2) with a message on stderr", async (args, message) => {
    const io = recordIo(dir);
    expect(await parseCommand.run(args, io)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.out).toBe("");
  });

  it("prints help", async () => {
    const io = recordIo(dir);
    expect(await parseCommand.run(["--help"], io)).toBe(0);
    expect(io.out).toContain("usage: tollgate parse <file|dir>... [--json]");
  });

  it("summarises reports, unreadable ones with their reason, and exits 0", async () => {
    const io = recordIo(dir);
    expect(await parseCommand.run(["reports"], io)).toBe(0);
    expect(io.out).toBe(
      [
        "unreadable · empty.xml",
        "  file is empty",
        "",
        "unreadable · odd.json",
        "  unrecognised format: no supported report format matches this file",
        "",
        "2 reports (2 unreadable)",
        "",
      ].join("\n"),
    );
  });

  it("prints the report model with --json; sources keep the path as given", async () => {
    const io = recordIo(dir);
    expect(await parseCommand.run(["--json", "reports/empty.xml", "reports/notes.txt"], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({
      reports: [{ kind: "unreadable", source: "reports/empty.xml", reason: "file is empty" }],
    });
  });

  it("says when nothing was found", async () => {
    const io = recordIo(dir);
    expect(await parseCommand.run(["reports/notes.txt"], io)).toBe(0);
    expect(io.out).toBe("no reports found\n");
  });

  it("lists a file whose parser throws as unreadable, exits 0 and puts the stack on stderr", async () => {
    const buggy: FormatParser = {
      format: "buggy",
      kind: "tests",
      sniff: () => true,
      parse: async () => {
        throw new TypeError("cannot read properties of undefined");
      },
    };
    const io = recordIo(dir);
    expect(await createParseCommand([buggy]).run(["reports/odd.json"], io)).toBe(0);
    expect(io.out).toContain(
      "unreadable · buggy · reports/odd.json\n  internal error in buggy parser: cannot read",
    );
    expect(io.err).toContain(
      "bug in the buggy parser while reading reports/odd.json (please report it):\nTypeError",
    );
  });
});
