// Judge one commit: merge everything stored for it, compare with its baseline, evaluate the gates,
// and publish — the `Tollgate` check run (in progress while other runs of the sha are going) and the
// sticky comment on each open PR whose head is still this sha. Idempotent: run twice, same end state.
import { renderConfigErrors } from "../config/errors.js";
import { evaluateGates } from "../gates/evaluate.js";
import type { Verdict } from "../gates/types.js";
import { annotationsOnGitHub, type CheckRunPlan, publishCheckRun } from "../github/checks.js";
import { ensureStickyComment } from "../github/comments.js";
import type { RepoRef } from "../github/octokit.js";
import { changedLines, type PullInfo, pullsForRun } from "../github/pulls.js";
import { pendingRunNames, runsForSha } from "../github/runs.js";
import type { Annotation } from "../render/annotations.js";
import { renderCheckRun } from "../render/check-run.js";
import { renderComment } from "../render/comment.js";
import type { RenderInput } from "../render/context.js";
import { mergeReports } from "../reports/merge.js";
import { chooseBaseline, coverageTrend } from "./baseline.js";
import type { FeedbackDeps } from "./deps.js";
import type { JudgeCommitJob } from "./judge-job.js";

export interface JudgeOutcome {
  conclusion: Verdict["conclusion"] | "action_required" | "pending";
  checkRunId: number;
  comments: { pr: number; action: string }[];
  requests: number;
}

const annotationKey = (a: Annotation) => `${a.path}:${a.start_line}:${a.title}`;

export async function judgeCommit(deps: FeedbackDeps, job: JudgeCommitJob): Promise<JudgeOutcome> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const full = `${job.owner}/${job.repo}`;
  const octokit = await deps.octokitFor(job.installationId);
  const checkKey = `check:${full}@${job.sha}`;
  const known = await deps.state.get(checkKey);
  const knownCheckId = typeof known === "number" ? known : undefined;

  const loaded = await deps.loadConfig(octokit, repo);
  if (!loaded.ok) {
    const plan: CheckRunPlan = {
      status: "completed",
      conclusion: "action_required",
      title: "Invalid .github/tollgate.yml",
      summary: renderConfigErrors(loaded.errors),
    };
    const res = await publishCheckRun(octokit, repo, job.sha, plan, knownCheckId);
    await deps.state.set(checkKey, res.id);
    await deps.reports.saveVerdict({
      repo: full,
      sha: job.sha,
      conclusion: "action_required",
      summary: "invalid configuration",
      coveragePct: null,
      decidedAt: deps.now(),
    });
    await deps.afterVerdict?.({
      installationId: job.installationId,
      owner: job.owner,
      repo: job.repo,
      sha: job.sha,
      conclusion: "action_required",
      pulls: [],
      checkRunUrl: res.url,
      decidedAt: deps.now(),
    });
    return { conclusion: "action_required", checkRunId: res.id, comments: [], requests: res.requests };
  }
  const config = loaded.config;

  const runs = await runsForSha(octokit, repo, job.sha);
  const pending = pendingRunNames(runs);
  const stored = await deps.reports.runsForSha(full, job.sha);
  const merged = mergeReports(stored.flatMap((r) => r.reports));
  const pulls = await pullsForRun(octokit, repo, {
    headSha: job.sha,
    headBranch: job.headBranch,
    headOwner: job.headOwner,
    payloadPulls: job.pullNumbers,
  });
  const pr: PullInfo | undefined = pulls[0];
  const baseline = await chooseBaseline(deps.reports, {
    repo: full,
    baseSha: pr?.baseSha ?? null,
    baseBranch: pr?.baseRef ?? null,
    headSha: job.sha,
  });
  const changed = pr ? await changedLines(octokit, repo, pr.number) : undefined;
  const override = await deps.reports.getOverride(full, job.sha);
  const verdict = evaluateGates(merged, baseline, config, {
    ...(changed ? { changedLines: changed } : {}),
    ...(override
      ? { override: { by: override.by, reason: override.reason, at: override.at.toISOString() } }
      : {}),
  });
  const trend = pr ? await coverageTrend(deps.reports, full, pr.baseRef) : [];
  const input: RenderInput = {
    sha: job.sha,
    verdict,
    merged,
    ...(baseline ? { baseline: { sha: baseline.sha, merged: baseline.merged } } : {}),
    runs: stored.map((r) => ({ name: r.runName, url: r.htmlUrl })),
    pending,
    problems: stored.flatMap((r) => r.problems),
    trend,
  };

  // Check run. Annotations cannot be deleted once sent, so each is sent once per check run.
  const rendered = renderCheckRun(input, changed, deps.annotationCap);
  for (const w of rendered.warnings) deps.log.warn(w);
  const sentKey = `annotated:${full}@${job.sha}`;
  const sentBefore = await deps.state.get(sentKey);
  const sent = new Set(Array.isArray(sentBefore) ? sentBefore.map(String) : []);
  let requests = 0;
  // An attempt that died or lost GitHub's answer while sending annotations (GitHub appends them, even
  // when we never heard back) left its planned keys here: the ones GitHub counts beyond what we recorded
  // landed, in the order planned, and are not sent again.
  const sendingKey = `annotating:${full}@${job.sha}`;
  const interrupted = await deps.state.get(sendingKey);
  if (Array.isArray(interrupted) && interrupted.length > 0) {
    const onGitHub = await annotationsOnGitHub(octokit, repo, job.sha, knownCheckId);
    requests++;
    const landed = interrupted.map(String).slice(0, Math.max(0, (onGitHub?.count ?? 0) - sent.size));
    for (const key of landed) sent.add(key);
    if (landed.length > 0) await deps.state.set(sentKey, [...sent]);
  }
  const fresh = (rendered.plan.annotations ?? []).filter((a) => !sent.has(annotationKey(a)));
  const detailsUrl = stored.find((r) => r.htmlUrl)?.htmlUrl ?? undefined;
  if (fresh.length > 0) await deps.state.set(sendingKey, fresh.map(annotationKey));
  const res = await publishCheckRun(
    octokit,
    repo,
    job.sha,
    { ...rendered.plan, annotations: fresh, ...(detailsUrl ? { detailsUrl } : {}) },
    knownCheckId,
  );
  requests += res.requests;
  await deps.state.set(checkKey, res.id);
  if (fresh.length > 0) await deps.state.set(sentKey, [...sent, ...fresh.map(annotationKey)]);
  if (Array.isArray(interrupted) || fresh.length > 0) await deps.state.delete(sendingKey);

  const conclusion = pending.length > 0 ? "pending" : verdict.conclusion;
  const decidedAt = deps.now();
  await deps.reports.saveVerdict({
    repo: full,
    sha: job.sha,
    conclusion,
    summary: verdict.summary,
    coveragePct: merged.coverage && merged.coverage.lines.total > 0 ? merged.coverage.lines.pct : null,
    decidedAt,
  });
  const current = pulls.filter((p) => p.headSha === job.sha);

  // Sticky comment on each PR still at this sha (a PR that moved on gets its comment from its new head).
  const comments: { pr: number; action: string }[] = [];
  if (config.comment.enabled) {
    for (const p of current) {
      const notes = (await deps.notesFor?.(full, p.number)) ?? [];
      const body = renderComment(notes.length > 0 ? { ...input, notes } : input);
      for (const w of body.warnings) deps.log.warn(w);
      const commentKey = `comment:${full}#${p.number}`;
      const stateValue = await deps.state.get(commentKey);
      const knownComment =
        stateValue && typeof stateValue === "object" && !Array.isArray(stateValue)
          ? { id: Number(stateValue.id), body: String(stateValue.body) }
          : undefined;
      const result = await ensureStickyComment(octokit, repo, p.number, body.text, knownComment);
      requests += result.requests;
      await deps.state.set(commentKey, { id: result.id, body: result.body });
      comments.push({ pr: p.number, action: result.action });
    }
  }
  await deps.afterVerdict?.({
    installationId: job.installationId,
    owner: job.owner,
    repo: job.repo,
    sha: job.sha,
    conclusion,
    verdict,
    config,
    pulls: current,
    checkRunUrl: res.url,
    decidedAt,
  });
  deps.log.info({ conclusion, pending, comments, requests }, "commit judged");
  return { conclusion, checkRunId: res.id, comments, requests };
}
