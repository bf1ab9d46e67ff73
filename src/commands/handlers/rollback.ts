// `/rollback <env>`: deploy the last sha that deployed successfully to <env> before the current one
// (src/deploy/rollback.ts decides from the recorded history). No required contexts: the sha already
// ran in that environment, and a rollback must not wait on checks; protection rules still apply.
import { findRollback } from "../../deploy/rollback.js";
import { inline } from "../../render/markdown.js";
import { type CommandContext, fullRepo, type HandlerResult, short } from "./context.js";
import { deployShaTo } from "./deploy.js";

export async function rollback(ctx: CommandContext, environment: string): Promise<HandlerResult> {
  const target = await findRollback(ctx.deps.history, fullRepo(ctx.repo), environment);
  if (!target.found)
    return {
      ok: false,
      detail: `no rollback target: ${target.reason}`,
      reply: `Nothing to roll back to: ${inline(target.reason)}.`,
    };
  const result = await deployShaTo(ctx, target.sha, environment, [], { rollback_from: target.currentSha });
  if (!result.ok) return result;
  return {
    ...result,
    reply: `Rolling ${inline(environment)} back from ${short(target.currentSha)} to ${short(target.sha)}.`,
  };
}
