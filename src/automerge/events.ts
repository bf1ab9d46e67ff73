// Events → "automerge" jobs (locators only). Dependabot PRs are recognised by author on pull_request
// events and by head branch on check suites; the policy re-checks provenance from the API anyway.
import type { Probot } from "probot";
import type { PullInfo } from "../github/pulls.js";
import type { EnqueueRequest, EnqueueResult } from "../queue/queue.js";
import { AUTOMERGE_JOB, automergeJob } from "./job.js";
import { DEPENDABOT_LOGIN } from "./policy.js";

export type Enqueue = (request: EnqueueRequest) => Promise<EnqueueResult>;

const PULL_ACTIONS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.synchronize",
  "pull_request.labeled",
  "pull_request.unlabeled",
  "pull_request.ready_for_review",
] as const;

const isDependabotBranch = (ref: string | null | undefined) =>
  typeof ref === "string" && ref.startsWith("dependabot/");

export function mapAutomergeEvents(app: Probot, enqueue: Enqueue): void {
  app.on([...PULL_ACTIONS], async (context) => {
    const { pull_request: pr, repository, installation } = context.payload;
    if (!installation || pr.user?.login !== DEPENDABOT_LOGIN) return;
    await enqueue(
      automergeJob(
        {
          installationId: installation.id,
          owner: repository.owner.login,
          repo: repository.name,
          number: pr.number,
        },
        { id: `${AUTOMERGE_JOB}:${context.id}` },
      ),
    );
  });

  app.on("check_suite.completed", async (context) => {
    const { check_suite: suite, repository, installation } = context.payload;
    if (!installation) return;
    for (const pr of suite.pull_requests) {
      if (!isDependabotBranch(pr.head.ref)) continue;
      await enqueue(
        automergeJob(
          {
            installationId: installation.id,
            owner: repository.owner.login,
            repo: repository.name,
            number: pr.number,
          },
          { id: `${AUTOMERGE_JOB}:${context.id}:${pr.number}` },
        ),
      );
    }
  });
}

export interface JudgedCommit {
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
}

/**
 * For the judge step, after it saved a verdict: one evaluation per Dependabot PR still at that sha.
 * No id (a second verdict for the sha must evaluate again); debounced by the per-PR key.
 */
export function automergeFollowUp(verdict: JudgedCommit, pulls: readonly PullInfo[]): EnqueueRequest[] {
  return pulls
    .filter((p) => p.headSha === verdict.sha && p.author?.login === DEPENDABOT_LOGIN && p.state === "open")
    .map((p) =>
      automergeJob({
        installationId: verdict.installationId,
        owner: verdict.owner,
        repo: verdict.repo,
        number: p.number,
      }),
    );
}
