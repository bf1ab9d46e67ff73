// `/deploy <env>`: a GitHub deployment of the PR head as the commenter saw it (the plan checked that
// the head did not move). GitHub itself checks that the Tollgate check run passed on the sha
// (`required_contexts`), never merges anything into the ref (`auto_merge: false`), and the payload
// says who asked. The deployment event then runs the protection rules (src/deploy/).
import { CHECK_NAME } from "../../github/checks.js";
import { createDeployment } from "../../github/create-deployment.js";
import { inline } from "../../render/markdown.js";
import type { CommandContext, HandlerResult } from "./context.js";
import { short } from "./context.js";

export async function deployShaTo(
  ctx: CommandContext,
  sha: string,
  environment: string,
  requiredContexts: string[],
  extra: Record<string, string>,
): Promise<HandlerResult> {
  const outcome = await createDeployment(ctx.octokit, ctx.repo, {
    sha,
    environment,
    requiredContexts,
    payload: { requested_by: ctx.actor, command: ctx.text, pull_request: ctx.pull.number, ...extra },
    description: `${ctx.text} by ${ctx.actor} (Tollgate)`,
  });
  if (outcome.ok)
    return { ok: true, detail: `deployment ${outcome.id} of ${short(sha)} to ${environment} created` };
  const why =
    outcome.status === 409
      ? `GitHub refused: the ${CHECK_NAME} check has not passed on ${short(sha)} (${inline(outcome.reason)})`
      : `GitHub refused the deployment (${outcome.status}): ${inline(outcome.reason)}`;
  return { ok: false, detail: `not deployed: ${outcome.reason}`, reply: why };
}

export async function deploy(ctx: CommandContext, environment: string): Promise<HandlerResult> {
  return deployShaTo(ctx, ctx.pull.headSha, environment, [CHECK_NAME], {});
}
