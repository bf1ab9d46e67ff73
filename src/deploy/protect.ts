// The custom deployment protection rule: decide for one (run, environment) request, answer GitHub
// through the callback URL, or — while the gate is pending — post a status report, remember the
// request and decide in protectionFollowUp once the verdict is saved.
import type { RepoRef } from "../github/octokit.js";
import { answerProtectionRule, type CallbackResult, STATUS_REPORTS_MAX } from "./callback.js";
import type { DeployDeps } from "./deps.js";
import type { PendingProtection } from "./pending.js";
import { previousEnvironment } from "./promotion.js";
import { clampComment, decideProtection, type ProtectionDecision, shaStatusIn } from "./protection.js";

export interface ProtectionJob {
  installationId: number;
  owner: string;
  repo: string;
  environment: string;
  sha: string;
  deploymentId: number | null;
  runId: number;
  callbackUrl: string;
}

export interface ProtectionOutcome {
  decision: ProtectionDecision;
  /** What GitHub was told: a review, a status report, or nothing (report unchanged or limit reached). */
  answer: CallbackResult | "status_report" | "no_report";
}

async function decide(deps: DeployDeps, job: ProtectionJob): Promise<ProtectionDecision> {
  const octokit = await deps.octokitFor(job.installationId);
  const loaded = await deps.loadConfig(octokit, { owner: job.owner, repo: job.repo });
  if (!loaded.ok) {
    const first = loaded.errors[0];
    const what = first ? `: ${first.path || "(file)"} — ${first.message}` : "";
    return {
      state: "rejected",
      comment: clampComment(`Tollgate rejected: .github/tollgate.yml is invalid${what}. Fix it and re-run.`),
      missing: ["a valid .github/tollgate.yml"],
    };
  }
  const { order, protect } = loaded.config.deployments;
  const full = `${job.owner}/${job.repo}`;
  const [verdict, override, records] = await Promise.all([
    deps.reports.getVerdict(full, job.sha),
    deps.reports.getOverride(full, job.sha),
    deps.history.forSha(full, job.sha),
  ]);
  const prev = previousEnvironment(order, job.environment);
  return decideProtection({
    environment: job.environment,
    sha: job.sha,
    order,
    protect,
    gate: { conclusion: verdict?.conclusion ?? null, summary: verdict?.summary ?? null },
    override: override ? { by: override.by, reason: override.reason } : null,
    previous: prev === null ? "never" : shaStatusIn(records, prev, job.sha),
  });
}

async function act(
  deps: DeployDeps,
  job: ProtectionJob,
  known: PendingProtection | undefined,
): Promise<ProtectionOutcome> {
  const full = `${job.owner}/${job.repo}`;
  const decision = await decide(deps, job);
  const octokit = await deps.octokitFor(job.installationId);
  if (decision.state !== "waiting") {
    const answer = await answerProtectionRule(octokit, job.callbackUrl, job.environment, {
      kind: "review",
      state: decision.state,
      comment: decision.comment,
    });
    await deps.pending.remove(full, job.runId, job.environment);
    deps.log.info(
      { repo: full, environment: job.environment, sha: job.sha, state: decision.state, answer },
      "protection rule answered",
    );
    return { decision, answer };
  }
  if (!known) {
    await deps.pending.save({
      repo: full,
      runId: job.runId,
      environment: job.environment,
      sha: job.sha,
      deploymentId: job.deploymentId,
      installationId: job.installationId,
      callbackUrl: job.callbackUrl,
      reportsSent: 0,
      lastReport: null,
      createdAt: deps.now(),
    });
  }
  const sent = known?.reportsSent ?? 0;
  if (known?.lastReport === decision.comment || sent >= STATUS_REPORTS_MAX)
    return { decision, answer: "no_report" };
  const answer = await answerProtectionRule(octokit, job.callbackUrl, job.environment, {
    kind: "status",
    comment: decision.comment,
  });
  if (answer === "already_answered") {
    await deps.pending.remove(full, job.runId, job.environment);
    return { decision, answer };
  }
  await deps.pending.noteReport(full, job.runId, job.environment, decision.comment);
  return { decision, answer: "status_report" };
}

/** A `deployment_protection_rule.requested` event. */
export async function onProtectionRequested(
  deps: DeployDeps,
  job: ProtectionJob,
): Promise<ProtectionOutcome> {
  const full = `${job.owner}/${job.repo}`;
  const known = (await deps.pending.forSha(full, job.sha)).find(
    (p) => p.runId === job.runId && p.environment === job.environment,
  );
  return act(deps, job, known);
}

/**
 * Decides the requests still waiting on `sha`'s gate. Call it after a verdict for the sha is saved
 * (the judge step, or a `/gate override`); requests whose gate is still pending stay waiting.
 */
export async function protectionFollowUp(
  deps: DeployDeps,
  repo: RepoRef,
  sha: string,
): Promise<ProtectionOutcome[]> {
  const waiting = await deps.pending.forSha(`${repo.owner}/${repo.repo}`, sha);
  const out: ProtectionOutcome[] = [];
  for (const p of waiting) {
    out.push(
      await act(
        deps,
        {
          installationId: p.installationId,
          owner: repo.owner,
          repo: repo.repo,
          environment: p.environment,
          sha: p.sha,
          deploymentId: p.deploymentId,
          runId: p.runId,
          callbackUrl: p.callbackUrl,
        },
        p,
      ),
    );
  }
  return out;
}
