// The "judge" job: evaluate everything stored for one commit and publish the check run and comments.
import type { EnqueueRequest } from "../queue/queue.js";

export const JUDGE_JOB = "judge";
export const COLLECT_JOB = "collect";
export const QUEUE_CHECK_JOB = "pull_request";

export interface JudgeCommitJob {
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
  headBranch: string | null;
  headOwner: string | null;
  pullNumbers: number[];
}

/**
 * One judgement per commit, debounced: runs finishing together render once. Keyed by repo+sha so two
 * judgements of one commit never race into two check runs.
 */
export function judgeJob(payload: JudgeCommitJob, debounceMs: number): EnqueueRequest {
  return {
    kind: JUDGE_JOB,
    key: `${payload.owner}/${payload.repo}@${payload.sha}`.toLowerCase(),
    debounceMs,
    payload: { ...payload },
  };
}
