// What a `tollgate` subcommand is: a name, its help, and a run function that writes through CliIo and
// returns the exit code. Commands never call process.exit, so tests run them in-process.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Working directory: relative paths are read from here, and it is the checkout root for path hints. */
  cwd: string;
}

export const EXIT_OK = 0;
/** A gate failed (evaluate). */
export const EXIT_FAILED = 1;
/** Usage or input error: bad flags, no input, a path that does not exist. */
export const EXIT_USAGE = 2;

export interface Command {
  name: string;
  /** One line for `tollgate --help`. */
  summary: string;
  /** Full help text for `tollgate <name> --help`, starting with the usage line. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}
