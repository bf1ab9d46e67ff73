// Runs one planned command through its handler.
import type { Command } from "./grammar.js";
import type { CommandContext, HandlerResult } from "./handlers/context.js";
import { deploy } from "./handlers/deploy.js";
import { help } from "./handlers/help.js";
import { merge } from "./handlers/merge.js";
import { override } from "./handlers/override.js";
import { report } from "./handlers/report.js";
import { rerunSha } from "./handlers/rerun.js";
import { rollback } from "./handlers/rollback.js";

/** `line` and `commentId` locate the command for follow-ups (a waiting `/merge` reacts later). */
export function runCommand(
  ctx: CommandContext,
  command: Command,
  line: number,
  commentId: number | null,
): Promise<HandlerResult> {
  switch (command.name) {
    case "help":
      return help(ctx);
    case "report":
      return report(ctx);
    case "rerun":
      return rerunSha(ctx.octokit, ctx.repo, ctx.pull.headSha);
    case "deploy":
      return deploy(ctx, command.environment);
    case "rollback":
      return rollback(ctx, command.environment);
    case "override":
      return override(ctx, command.reason);
    case "merge":
      return merge(ctx, line, commentId);
  }
}
