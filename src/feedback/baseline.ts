// Which stored commit a PR is compared with: its base commit when that was collected, else the newest
// collected commit of the base branch (named as such), else none — delta gates then skip, never fail.
import type { Baseline } from "../gates/types.js";
import { mergeReports } from "../reports/merge.js";
import type { ReportStore } from "../store/reports.js";

export interface BaselineTarget {
  repo: string;
  /** The PR's base commit (or the push's parent). */
  baseSha: string | null;
  baseBranch: string | null;
  /** The commit being judged: never its own baseline. */
  headSha: string;
}

export async function chooseBaseline(
  store: ReportStore,
  target: BaselineTarget,
): Promise<Baseline | undefined> {
  if (target.baseSha) {
    const runs = await store.runsForSha(target.repo, target.baseSha);
    if (runs.length > 0) {
      return {
        sha: target.baseSha,
        merged: mergeReports(runs.flatMap((r) => r.reports)),
        note: `base commit ${target.baseSha.slice(0, 7)}${target.baseBranch ? ` of ${target.baseBranch}` : ""}`,
      };
    }
  }
  if (!target.baseBranch) return undefined;
  const recent = await store.branchShas(target.repo, target.baseBranch, 5);
  const nearest = recent.find((r) => r.sha !== target.headSha);
  if (!nearest) return undefined;
  const runs = await store.runsForSha(target.repo, nearest.sha);
  const why = target.baseSha ? `; the base commit ${target.baseSha.slice(0, 7)} has no reports` : "";
  return {
    sha: nearest.sha,
    merged: mergeReports(runs.flatMap((r) => r.reports)),
    note: `latest ${target.baseBranch} commit with reports, ${nearest.sha.slice(0, 7)}${why}`,
  };
}

/** Total coverage of the base branch's recent judged commits, oldest first. */
export async function coverageTrend(
  store: ReportStore,
  repo: string,
  branch: string,
  limit = 15,
): Promise<{ sha: string; pct: number }[]> {
  const shas = await store.branchShas(repo, branch, limit);
  const points: { sha: string; pct: number }[] = [];
  for (const { sha } of shas) {
    const v = await store.getVerdict(repo, sha);
    if (v?.coveragePct !== null && v?.coveragePct !== undefined) points.push({ sha, pct: v.coveragePct });
  }
  return points.reverse();
}
