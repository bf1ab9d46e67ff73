// The plan for one comment, pure: parsed lines + who wrote it + the PR as it is now + config → which
// commands run and which are refused, and why. Every missing fact fails closed (refused, said so).
import { normalizeEnv } from "../deploy/promotion.js";
import { type Command, type CommandName, closest, type ParsedLine } from "./grammar.js";
import { atLeast, describeNeeded, REQUIRED_ROLE, type Role } from "./permissions.js";

export interface PullSnapshot {
  state: string;
  merged: boolean;
  headSha: string;
  /** The head branch lives in another repository (or a deleted one). */
  fork: boolean;
}

export interface DecideInput {
  lines: readonly ParsedLine[];
  actor: { login: string; type: string };
  /** The commenter's role on the base repository; undefined when it could not be read. */
  role: Role | undefined;
  pull: PullSnapshot;
  /** Was the current head already pushed when the comment was written? undefined: unknown. */
  headSeen: boolean | undefined;
  /** `deployments.order` from the config. */
  environments: readonly string[];
}

export type Step =
  | { kind: "run"; line: number; text: string; command: Command }
  | { kind: "refuse"; line: number; text: string; command: CommandName | null; reason: string };

export type Plan = { kind: "ignore"; reason: string } | { kind: "act"; steps: Step[] };

// Commands acting on the head sha: the commenter must have seen it.
export const HEAD_BOUND: ReadonlySet<CommandName> = new Set(["deploy", "merge", "override"]);

function refuse(line: ParsedLine, command: CommandName | null, reason: string): Step {
  return { kind: "refuse", line: line.line, text: line.text, command, reason };
}

function decideOne(input: DecideInput, line: Extract<ParsedLine, { kind: "command" }>): Step {
  let { command } = line;
  const needed = REQUIRED_ROLE[command.name];
  const label = command.name === "override" ? "/gate override" : `/${command.name}`;
  if (!atLeast(input.role, needed))
    return refuse(
      line,
      command.name,
      input.role === undefined
        ? `could not read @${input.actor.login}'s permission on this repository; ${label} needs ${describeNeeded(needed)}`
        : `${label} needs ${describeNeeded(needed)} permission; @${input.actor.login} has ${input.role}`,
    );
  if (command.name === "help") return { kind: "run", line: line.line, text: line.text, command };
  if (input.pull.merged || input.pull.state !== "open")
    return refuse(line, command.name, `the pull request is ${input.pull.merged ? "merged" : "closed"}`);
  if (command.name === "deploy" || command.name === "rollback") {
    const wanted = normalizeEnv(command.environment);
    const known = input.environments.find((e) => normalizeEnv(e) === wanted);
    if (!known) {
      const near = closest(command.environment, input.environments);
      const list = input.environments.length > 0 ? input.environments.join(", ") : "none configured";
      return refuse(
        line,
        command.name,
        `"${command.environment}" is not in deployments.order (${list})${near ? `; did you mean ${near}?` : ""}`,
      );
    }
    // The configured spelling: GitHub's environment names are case-insensitive, the history is not.
    command = { ...command, environment: known };
    if (command.name === "deploy" && input.pull.fork)
      return refuse(
        line,
        command.name,
        "the head of this pull request is in a fork; Tollgate never deploys fork code",
      );
  }
  if (HEAD_BOUND.has(command.name) && input.headSeen !== true)
    return refuse(
      line,
      command.name,
      input.headSeen === false
        ? `the pull request's head moved to ${input.pull.headSha.slice(0, 7)} after this comment was written; comment again to act on the new head`
        : "could not tell whether the pull request's head moved after this comment; comment again",
    );
  return { kind: "run", line: line.line, text: line.text, command };
}

/** Why a comment is not acted on at all (no reaction, no reply), or undefined. */
export function ignoreReason(
  actor: { login: string; type: string },
  lines: readonly ParsedLine[],
): string | undefined {
  if (actor.type === "Bot" || /\[bot\]$/i.test(actor.login)) return "comments from bots are never commands";
  if (lines.length === 0) return "no command in the comment";
  return undefined;
}

export function decide(input: DecideInput): Plan {
  const ignored = ignoreReason(input.actor, input.lines);
  if (ignored) return { kind: "ignore", reason: ignored };
  return {
    kind: "act",
    steps: input.lines.map((line) =>
      line.kind === "invalid" ? refuse(line, null, line.message) : decideOne(input, line),
    ),
  };
}
