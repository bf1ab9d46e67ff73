// The command log port: every command (comment line or button press) with who, what, when and result.

/** waiting: accepted, acts later (a `/merge` before the gate passed). */
export type CommandResult = "started" | "waiting" | "done" | "refused" | "failed";

export interface CommandEntry {
  /** "owner/repo" */
  repo: string;
  /** Where it came from: `comment:<id>` or `button:<delivery id>`. */
  source: string;
  /** Line of the comment (1-based); 0 for a button. */
  line: number;
  number: number | null;
  actor: string;
  /** The command as typed, e.g. "/deploy staging". */
  command: string;
}

export interface CommandRecord extends CommandEntry {
  result: CommandResult;
  detail: string;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface CommandLog {
  /**
   * Records the start of a command. False when it was recorded before (a retried job): the caller
   * must not run it again — a deployment or an override happens at most once per command line.
   */
  start(entry: CommandEntry, at: Date): Promise<boolean>;
  finish(
    repo: string,
    source: string,
    line: number,
    result: Exclude<CommandResult, "started">,
    detail: string,
    at: Date,
  ): Promise<void>;
  /** Records a refused command in one step (nothing ran). False when recorded before. */
  refused(entry: CommandEntry, detail: string, at: Date): Promise<boolean>;
  /** A PR's commands, newest first. */
  forPull(repo: string, number: number, limit: number): Promise<CommandRecord[]>;
}
