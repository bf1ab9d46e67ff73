// Evaluate one Dependabot PR: read the snapshot, decide, act, record, tell. Idempotent: native
// auto-merge already on, or a PR already merged, are success; every run appends one record.
import type { RepoRef } from "../github/octokit.js";
import { type ActOutcome, act } from "./act.js";
import type { AutomergeDeps } from "./deps.js";
import { describeUpdate } from "./describe-update.js";
import { fetchPullFacts } from "./fetch-snapshot.js";
import { type AutomergeJob, automergeJob } from "./job.js";
import { type AutomergeEvent, automergeNote, dependencyLabels } from "./note.js";
import { DEPENDABOT_ID, type Decision, decideAutomerge } from "./policy.js";
import type { AutomergeSnapshot } from "./snapshot.js";

export interface AutomergeOutcome {
  status: "config invalid" | "disabled" | "decided";
  decision?: Decision;
  outcome?: ActOutcome;
  /** GitHub requests made (config loading excluded). */
  requests: number;
}

export async function evaluateAutomerge(deps: AutomergeDeps, job: AutomergeJob): Promise<AutomergeOutcome> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const full = `${job.owner}/${job.repo}`;
  const octokit = await deps.octokitFor(job.installationId);
  const loaded = await deps.loadConfig(octokit, repo);
  if (!loaded.ok) {
    deps.log.info({ pr: job.number }, "auto-merge skipped: invalid .github/tollgate.yml");
    return { status: "config invalid", requests: 0 };
  }
  const config = loaded.config.automerge.dependabot;
  if (!config.enabled) return { status: "disabled", requests: 0 };

  const facts = await fetchPullFacts(octokit, repo, job.number);
  const stored = await deps.reports.getVerdict(full, facts.pull.headSha);
  const history = await deps.automerge.history(full, job.number, 50);
  const snapshot: AutomergeSnapshot = {
    repo: full,
    pull: facts.pull,
    commits: facts.commits,
    repository: facts.repository,
    verdict: stored ? { conclusion: stored.conclusion, summary: stored.summary } : undefined,
    update: describeUpdate({
      title: facts.pull.title,
      body: facts.pull.body,
      headRef: facts.pull.headRef,
      commitMessages: facts.commits.map((c) => c.message),
    }),
    dependabotId: deps.dependabotId ?? DEPENDABOT_ID,
    autoMergeByTollgate:
      facts.pull.autoMerge !== null && history.some((r) => r.outcome === "auto-merge enabled"),
    now: deps.now(),
  };
  const decision = decideAutomerge(snapshot, config);
  const acted = await act(octokit, repo, snapshot, decision, config.method);
  const requests = facts.requests + acted.requests;

  const previous = history[0];
  const dependencies = dependencyLabels(decision);
  await deps.automerge.record({
    repo: full,
    number: job.number,
    headSha: facts.pull.headSha,
    action: decision.action,
    outcome: acted.outcome,
    summary: decision.summary,
    reasons: acted.outcome === "none" ? decision.reasons : [acted.detail, ...decision.reasons],
    dependencies,
    decidedAt: deps.now(),
  });
  deps.log.info(
    { pr: job.number, action: decision.action, outcome: acted.outcome, summary: decision.summary, requests },
    "auto-merge decided",
  );

  const changed =
    !previous ||
    previous.action !== decision.action ||
    previous.outcome !== acted.outcome ||
    previous.summary !== decision.summary;
  if (changed && deps.notify) {
    const event: AutomergeEvent = {
      kind: "automerge",
      repo: full,
      number: job.number,
      title: facts.pull.title,
      url: facts.pull.htmlUrl,
      author: facts.pull.author?.login ?? null,
      headSha: facts.pull.headSha,
      action: decision.action,
      outcome: acted.outcome,
      summary: decision.summary,
      reasons: decision.reasons,
      dependencies,
    };
    await deps.notify(event, loaded.config);
  }

  const note = automergeNote({ ...decision, outcome: acted.outcome });
  if (deps.rerender && (!previous || automergeNote(previous) !== note)) {
    await deps.rerender({ ...job, sha: facts.pull.headSha });
  }

  const recheck = job.recheck ?? 0;
  if (
    (acted.outcome === "not mergeable yet" || acted.outcome === "head moved") &&
    recheck < deps.maxRechecks
  ) {
    await deps.enqueue(automergeJob({ ...job, recheck: recheck + 1 }, { delayMs: deps.recheckDelayMs }));
  }
  return { status: "decided", decision, outcome: acted.outcome, requests };
}
