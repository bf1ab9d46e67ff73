// The "automerge" job: evaluate one Dependabot PR. Keyed per repo#pr so two evaluations never race.
import type { EnqueueRequest } from "../queue/queue.js";

export const AUTOMERGE_JOB = "automerge";

export interface AutomergeJob {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  /** Re-checks already spent in this chain (not mergeable yet, head moved). */
  recheck?: number;
}

export const automergeKey = (owner: string, repo: string, number: number) =>
  `automerge:${owner}/${repo}#${number}`.toLowerCase();

/** Debounced: a burst (opened + labeled + check suites) evaluates once. */
export function automergeJob(
  payload: AutomergeJob,
  options: { id?: string; delayMs?: number } = {},
): EnqueueRequest {
  return {
    kind: AUTOMERGE_JOB,
    key: automergeKey(payload.owner, payload.repo, payload.number),
    debounceMs: 2_000,
    debounceMaxWaitMs: 30_000,
    ...(options.id ? { id: options.id } : {}),
    ...(options.delayMs ? { delayMs: options.delayMs } : {}),
    payload: { ...payload },
  };
}
