// `tollgate parse <file|dir>... [--json]`: prints the normalised reports (DESIGN.md "Command line").
import { parseReportPaths } from "../reports/parse-file.js";
import type { FormatParser } from "../reports/parser.js";
import { parseCommandArgs } from "./args.js";
import type { CliIo, Command } from "./command.js";
import { EXIT_OK, EXIT_USAGE } from "./command.js";
import { renderSummary } from "./report-summary.js";

const HELP = `usage: tollgate parse <file|dir>... [--json]

Reads report files (directories recursively; node_modules and .git are skipped), recognises their
format and prints the normalised reports: a summary per report, or with --json the report model
{ "reports": [...] }. Files that cannot be read are listed as unreadable with the reason.

options:
  --json      print the reports as JSON
  -h, --help  show this help

exit status: 0 when the files were read (even if some are unreadable), 2 on a usage or input error`;

async function run(args: string[], io: CliIo, parsers?: readonly FormatParser[]): Promise<number> {
  const parsed = parseCommandArgs(args, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (!parsed.ok) {
    io.stderr(`tollgate parse: ${parsed.message}\n\n${HELP}\n`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) {
    io.stderr(`tollgate parse: no file or directory given\n\n${HELP}\n`);
    return EXIT_USAGE;
  }
  const { reports, missing } = await parseReportPaths(parsed.positionals, {
    cwd: io.cwd,
    hints: { roots: [io.cwd] },
    ...(parsers === undefined ? {} : { parsers }),
    // The file is listed as unreadable; the stack goes to stderr so that the bug can be reported.
    onInternalError: (error, format, path) => {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      io.stderr(
        `tollgate parse: bug in the ${format} parser while reading ${path} (please report it):\n${detail}\n`,
      );
    },
  });
  if (missing.length > 0) {
    io.stderr(missing.map((p) => `tollgate parse: no such file or directory: ${p}\n`).join(""));
    return EXIT_USAGE;
  }
  io.stdout(parsed.values.json ? `${JSON.stringify({ reports }, null, 2)}\n` : renderSummary(reports));
  return EXIT_OK;
}

/** The command with the given format modules (tests); `parseCommand` uses every registered one. */
export function createParseCommand(parsers?: readonly FormatParser[]): Command {
  return {
    name: "parse",
    summary: "print the normalised reports found in files and directories",
    help: HELP,
    run: (args, io) => run(args, io, parsers),
  };
}

export const parseCommand: Command = createParseCommand();
