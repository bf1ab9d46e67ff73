import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Command } from "../src/cli/command.js";
import { COMMANDS, runCli } from "../src/cli.js";
import { recordIo } from "./cli/record-io.js";

const echo: Command = {
  name: "echo",
  summary: "prints its arguments",
  help: "usage: tollgate echo <words>",
  run: async (args, io) => {
    io.stdout(args.join(" "));
    return args.length === 0 ? 1 : 0;
  },
};

describe("tollgate dispatcher", () => {
  it.each([
    [[], 2, "", "usage: tollgate <command>"],
    [["--help"], 0, "commands:\n  echo  prints its arguments", ""],
    [["-h"], 0, "echo", ""],
    [["frobnicate"], 2, "", "unknown command 'frobnicate'"],
    [["echo", "a", "--b"], 0, "a --b", ""],
    [["echo"], 1, "", ""],
  ])("%j → exit %i", async (argv, code, out, err) => {
    const io = recordIo("/");
    expect(await runCli(argv, io, [echo])).toBe(code);
    expect(io.out).toContain(out);
    expect(io.err).toContain(err);
  });

  it("lists the parse command", () => {
    expect(COMMANDS.map((c) => c.name)).toContain("parse");
  });

  it("is an executable entry point with a shebang", async () => {
    const path = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
    expect(readFileSync(path, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ["--import", "tsx", path, "--help"]);
    expect(stdout).toContain("usage: tollgate <command>");
    await expect(run(process.execPath, ["--import", "tsx", path, "parse"])).rejects.toMatchObject({
      code: 2,
    });
  });
});
