// `/deploy <env>`: a GitHub deployment of the PR head as the commenter saw it (the plan checked that
// the head did not move). GitHub itself checks that the Tollgate check run passed on the sha
// (`required_contexts`), never merges anything into the ref (`auto_merge: false`), and the payload
// says who asked. The deployment event then runs the protection rules (src/deploy/).
import { normalizeEnv, previousEnvironment } from "../../deploy/promotion.js";
import { CHECK_NAME } from "../../github/checks.js";
import { createDeployment } from "../../github/create-deployment.js";
import { codeSpan, inline } from "../../render/markdown.js";
import { type CommandContext, fullRepo, type HandlerResult, short } from "./context.js";

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

/**
 * For a protected environment, the sha must have deployed successfully to the one before it in
 * `deployments.order`. The protection rule (src/deploy/) is the authority; this answers early, in the
 * PR, instead of creating a deployment that will be rejected.
 */
async function promotionProblem(ctx: CommandContext, environment: string): Promise<string | undefined> {
  const rules = ctx.config?.deployments;
  if (!rules?.protect.some((p) => normalizeEnv(p) === normalizeEnv(environment))) return undefined;
  const before = previousEnvironment(rules.order, environment);
  if (before === null) return undefined;
  const records = await ctx.deps.history.forSha(fullRepo(ctx.repo), ctx.pull.headSha);
  const done = records.some(
    (r) => normalizeEnv(r.environment) === normalizeEnv(before) && r.succeededAt !== null,
  );
  return done
    ? undefined
    : `${inline(environment)} is protected: ${short(ctx.pull.headSha)} must deploy successfully to ${inline(before)} first (${codeSpan(`/deploy ${before}`)}).`;
}

export async function deploy(ctx: CommandContext, environment: string): Promise<HandlerResult> {
  const problem = await promotionProblem(ctx, environment);
  if (problem) return { ok: false, detail: `not deployed: ${problem}`, reply: problem };
  return deployShaTo(ctx, ctx.pull.headSha, environment, [CHECK_NAME], {});
}
