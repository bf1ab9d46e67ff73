// Collect one finished workflow run: list its artifacts (filtered by `collect`), download each within
// the bounds, parse every file, store the run's reports for its commit, then ask for the commit to be
// judged (debounced, so a burst of runs renders once). Expired artifacts and unreadable files are
// stored as problems to show, never fatal.
import picomatch from "picomatch";
import { GitHubArtifactSource } from "../artifacts/github-source.js";
import { ArtifactBoundError } from "../artifacts/unzip.js";
import { compactReport } from "../reports/compact.js";
import type { Report } from "../reports/model.js";
import { parseReportFile } from "../reports/parse-file.js";
import type { CollectProblem } from "../store/reports.js";
import type { FeedbackDeps } from "./deps.js";
import { judgeJob } from "./judge-job.js";

export interface CollectRunJob {
  installationId: number;
  owner: string;
  repo: string;
  runId: number;
  runName: string;
  headSha: string;
  headBranch: string | null;
  /** Owner of the head repository (the fork owner for fork PRs). */
  headOwner: string | null;
  htmlUrl: string | null;
  /** PR numbers GitHub listed in the run's payload (empty for forks). */
  pullNumbers: number[];
}

export interface CollectOutcome {
  skipped?: "workflow not collected";
  reports: number;
  problems: number;
}

export async function collectRun(deps: FeedbackDeps, job: CollectRunJob): Promise<CollectOutcome> {
  const repo = { owner: job.owner, repo: job.repo };
  const octokit = await deps.octokitFor(job.installationId);
  const config = await deps.loadConfig(octokit, repo);
  const collect = config.ok ? config.config.collect : { workflows: [], artifacts: [] };
  if (collect.workflows.length > 0 && !collect.workflows.includes(job.runName)) {
    deps.log.info({ run: job.runName }, "workflow not listed in collect.workflows; not collected");
    return { skipped: "workflow not collected", reports: 0, problems: 0 };
  }
  const wanted = collect.artifacts.length > 0 ? picomatch(collect.artifacts) : () => true;
  const source = new GitHubArtifactSource(octokit, { ...repo, runId: job.runId }, deps.artifactLimits);
  const reports: Report[] = [];
  const problems: CollectProblem[] = [];
  const hints = { repo: job.repo };
  for (const ref of await source.list()) {
    if (!wanted(ref.name)) continue;
    const opened = await source.open(ref);
    if (!opened.ok) {
      problems.push({ artifact: ref.name, reason: opened.reason });
      continue;
    }
    try {
      for (const skipped of opened.artifact.skipped) {
        problems.push({ artifact: ref.name, path: skipped.path, reason: skipped.reason });
      }
      for (const file of opened.artifact.files) {
        let parsed: Report[];
        try {
          parsed = await parseReportFile(file, {
            hints,
            onInternalError: (err, format, path) =>
              deps.log.error({ err, format, path }, "report parser failed"),
          });
        } catch (err) {
          // A bound crossed or a damaged entry while reading this file: it is skipped, the rest is read.
          if (!(err instanceof ArtifactBoundError)) throw err;
          problems.push({ artifact: ref.name, path: file.path, reason: err.message });
          continue;
        }
        for (const r of parsed) reports.push(compactReport(r));
      }
    } finally {
      await opened.artifact.close();
    }
  }
  await deps.reports.saveRun({
    repo: `${job.owner}/${job.repo}`,
    runId: job.runId,
    sha: job.headSha,
    runName: job.runName,
    branch: job.headBranch,
    htmlUrl: job.htmlUrl,
    collectedAt: deps.now(),
    reports,
    problems,
  });
  await deps.enqueue(
    judgeJob(
      {
        installationId: job.installationId,
        owner: job.owner,
        repo: job.repo,
        sha: job.headSha,
        headBranch: job.headBranch,
        headOwner: job.headOwner,
        pullNumbers: job.pullNumbers,
      },
      deps.judgeDebounceMs,
    ),
  );
  deps.log.info({ reports: reports.length, problems: problems.length }, "run collected");
  return { reports: reports.length, problems: problems.length };
}
