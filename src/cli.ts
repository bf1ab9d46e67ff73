#!/usr/bin/env node
// The `tollgate` command line: a dispatcher of subcommands. Each subcommand lives in src/cli/<name>-command.ts
// and is listed in COMMANDS below; `tollgate --help` and `tollgate <command> --help` come from there.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CliIo, Command } from "./cli/command.js";
import { EXIT_OK, EXIT_USAGE } from "./cli/command.js";
import { evaluateCommand } from "./cli/evaluate-command.js";
import { parseCommand } from "./cli/parse-command.js";

/** Every subcommand, in the order `tollgate --help` lists them. */
export const COMMANDS: readonly Command[] = [parseCommand, evaluateCommand];

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
  return `usage: tollgate <command> [options]\n\ncommands:\n${list}\n\nRun 'tollgate <command> --help' for a command's options.\n`;
}

export async function runCli(
  argv: string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(overview(commands));
    return EXIT_USAGE;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(overview(commands));
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`tollgate: unknown command '${name}'\n\n${overview(commands)}`);
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `tollgate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = EXIT_USAGE;
    },
  );
}
