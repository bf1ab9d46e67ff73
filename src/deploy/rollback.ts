// Rollback target: the last sha that deployed successfully to an environment before the current one.
// Pure over history records (newest first, as DeploymentHistory.forEnvironment answers).
import type { DeploymentHistory, DeploymentRecord } from "./history.js";

export type RollbackTarget =
  | { found: true; sha: string; ref: string; deploymentId: number; currentSha: string }
  | { found: false; reason: string };

export function rollbackTarget(records: readonly DeploymentRecord[], environment: string): RollbackTarget {
  const succeeded = records
    .filter((r) => r.succeededAt !== null)
    .sort(
      (a, b) =>
        (b.succeededAt?.getTime() ?? 0) - (a.succeededAt?.getTime() ?? 0) || b.deploymentId - a.deploymentId,
    );
  const [current, ...older] = succeeded;
  if (!current) return { found: false, reason: `nothing has deployed successfully to ${environment} yet` };
  const previous = older.find((r) => r.sha !== current.sha);
  if (!previous)
    return {
      found: false,
      reason: `no earlier successful deployment to ${environment} than ${current.sha.slice(0, 7)}`,
    };
  return {
    found: true,
    sha: previous.sha,
    ref: previous.ref,
    deploymentId: previous.deploymentId,
    currentSha: current.sha,
  };
}

/** The `/rollback <env>` helper for the commands issue: reads the environment's history and decides. */
export async function findRollback(
  history: Pick<DeploymentHistory, "forEnvironment">,
  repo: string,
  environment: string,
  window = 200,
): Promise<RollbackTarget> {
  return rollbackTarget(await history.forEnvironment(repo, environment, window), environment);
}
