// `/help`: the commands, who may use them, and the environments this repository deploys to.
import { codeSpan, inline } from "../../render/markdown.js";
import { describeNeeded, REQUIRED_ROLE } from "../permissions.js";
import type { CommandContext, HandlerResult } from "./context.js";

const LINES: readonly [string, keyof typeof REQUIRED_ROLE, string][] = [
  ["/help", "help", "lists the commands"],
  ["/report", "report", "collects the head commit's reports again and re-renders"],
  ["/rerun", "rerun", "re-runs the failed jobs of the head commit's workflow runs"],
  ["/deploy <env>", "deploy", "creates a GitHub deployment of the PR head for <env>"],
  [
    "/rollback <env>",
    "rollback",
    "deploys the last sha that deployed successfully to <env> before the current one",
  ],
  [
    "/gate override <reason>",
    "override",
    "marks the head commit's gate passed; the reason and who gave it are shown",
  ],
  ["/merge", "merge", "enables auto-merge: the PR merges once the gate passes"],
];

export function helpText(environments: readonly string[] | undefined): string {
  const rows = LINES.map(([usage, name, what]) => {
    const needed = REQUIRED_ROLE[name];
    return `- ${codeSpan(usage)} — ${inline(what)} (${needed === "none" ? "anyone" : `${describeNeeded(needed)} permission`})`;
  });
  const envs =
    environments === undefined
      ? "Environments: unknown (.github/tollgate.yml is invalid)."
      : environments.length > 0
        ? `Environments: ${environments.map((e) => codeSpan(e)).join(", ")}.`
        : "Environments: none (`deployments.order` is empty).";
  return [
    "**Tollgate commands** (one per line of a PR comment; quoted lines and code are ignored)",
    "",
    ...rows,
    "",
    envs,
  ].join("\n");
}

export async function help(ctx: CommandContext): Promise<HandlerResult> {
  return { ok: true, detail: "help shown", reply: helpText(ctx.config?.deployments.order) };
}
