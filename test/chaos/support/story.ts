// The story every GitHub-fault scenario replays (demo/scenario.ts: main's baseline, a PR opened, its CI
// and Security workflows finishing one after the other), and the end state it leaves on GitHub.
import {
  finishSecurityRun,
  MAIN_SHA,
  OWNER,
  PR_SHA,
  pullRequestOpened,
  REPO,
  seedRepository,
  workflowRunCompleted,
} from "../../../demo/scenario.js";
import type { GitHubSim, SimArtifact, SimRepoState } from "../../support/github-sim.js";

export { MAIN_SHA, OWNER, PR_SHA, REPO, seedRepository };

export type Deliver = (event: string, payload: unknown) => Promise<number>;

export interface StoryStep {
  event: string;
  payload: unknown;
  /** Changes GitHub's state first (a workflow finishing). */
  before?: (repo: SimRepoState) => void;
}

export function storySteps(): StoryStep[] {
  const run = (id: number, name: string, sha: string, branch: string, pulls: number[]) =>
    workflowRunCompleted({ id, name, sha, branch, conclusion: "success", pulls });
  return [
    { event: "workflow_run", payload: run(9001, "CI", MAIN_SHA, "main", []) },
    { event: "pull_request", payload: pullRequestOpened() },
    { event: "workflow_run", payload: run(9002, "CI", PR_SHA, "feature/discounts", [7]) },
    {
      event: "workflow_run",
      payload: run(9003, "Security", PR_SHA, "feature/discounts", [7]),
      before: finishSecurityRun,
    },
  ];
}

/**
 * The story's PR CI run (9002) carrying `artifacts` instead of its own, with the Security run already
 * finished; returns the `workflow_run.completed` payload that makes the app judge it.
 */
export function prRunWith(repo: SimRepoState, artifacts: SimArtifact[]): unknown {
  const run = repo.runs.find((r) => r.id === 9002);
  const sec = repo.runs.find((r) => r.id === 9003);
  if (!run || !sec) throw new Error("story runs missing");
  sec.status = "completed";
  run.artifacts = artifacts;
  return workflowRunCompleted({
    id: 9002,
    name: "CI",
    sha: PR_SHA,
    branch: "feature/discounts",
    conclusion: "failure",
    pulls: [7],
  });
}

export interface EndState {
  checks: {
    sha: string;
    name: string;
    status: string;
    conclusion: string | null;
    title?: string;
    summary?: string;
    annotations: number;
  }[];
  comments: { issue: number; body: string }[];
}

export function endState(sim: GitHubSim): EndState {
  const repo = sim.repos.get(`${OWNER}/${REPO}`);
  return {
    checks: (repo?.checkRuns ?? [])
      .map((c) => ({
        sha: c.head_sha,
        name: c.name,
        status: c.status,
        conclusion: c.conclusion,
        title: c.output.title,
        summary: c.output.summary,
        annotations: c.output.annotations_count,
      }))
      .sort((a, b) => a.sha.localeCompare(b.sha)),
    comments: (repo?.comments ?? [])
      .map((c) => ({ issue: c.issue, body: c.body }))
      .sort((a, b) => a.issue - b.issue),
  };
}

/** Check runs beyond one per (name, sha) and comments beyond one per PR. */
export function duplicates(state: EndState): number {
  const checkKeys = new Set(state.checks.map((c) => `${c.name}@${c.sha}`));
  const issues = new Set(state.comments.map((c) => c.issue));
  return state.checks.length - checkKeys.size + (state.comments.length - issues.size);
}

/** Expected effects (each check run's final state, each comment's body) not found in `actual`. */
export function effectsLost(expected: EndState, actual: EndState): string[] {
  const lost: string[] = [];
  for (const c of expected.checks) {
    const found = actual.checks.find((a) => a.sha === c.sha && a.name === c.name);
    if (!found) lost.push(`check run ${c.name} on ${c.sha.slice(0, 7)} missing`);
    else if (JSON.stringify(found) !== JSON.stringify(c))
      lost.push(
        `check run ${c.name} on ${c.sha.slice(0, 7)} differs: ${JSON.stringify({ expected: c, actual: found }).slice(0, 600)}`,
      );
  }
  for (const c of expected.comments) {
    const found = actual.comments.find((a) => a.issue === c.issue);
    if (!found) lost.push(`comment on #${c.issue} missing`);
    else if (found.body !== c.body) lost.push(`comment on #${c.issue} differs`);
  }
  return lost;
}
