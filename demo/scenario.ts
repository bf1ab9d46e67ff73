// The demo's story, as data: a repository on the simulated GitHub and the deliveries GitHub would send.
// Payloads start from GitHub's own examples (@octokit/webhooks-examples) and are pointed at this repo;
// artifacts hold report files produced by real tools (fixtures/reports, provenance in each README).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { GitHubSim, SimRepoState } from "../test/support/github-sim.js";
import { exampleEvent } from "../test/support/webhooks.js";
import { buildZip } from "../test/support/zip-writer.js";

export const OWNER = "acme";
export const REPO = "shop";
export const INSTALLATION_ID = 4242;
export const MAIN_SHA = "5a1e0c3f7d2b9e8a6c4f1d0b3e5a7c9f2b4d6e8a";
export const PR_SHA = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
export const PR_NUMBER = 7;

const ROOT = resolve(import.meta.dirname, "..");
const fixture = (p: string) => readFileSync(resolve(ROOT, "fixtures/reports", p));

export function seedRepository(sim: GitHubSim): SimRepoState {
  const repo = sim.addRepo(OWNER, REPO);
  repo.files[".github/tollgate.yml"] = [
    "# Tollgate config of the demo repository",
    "gates:",
    "  coverage:",
    "    min: 80",
    "  security:",
    "    max_high: 0",
    "  required: [coverage]",
  ].join("\n");
  repo.runs.push({
    id: 9001,
    name: "CI",
    head_sha: MAIN_SHA,
    head_branch: "main",
    status: "completed",
    conclusion: "success",
    artifacts: [
      {
        id: 90011,
        name: "coverage-report",
        data: buildZip([{ name: "coverage.xml", data: fixture("coverage/coverage-py/coverage.xml") }]),
      },
    ],
  });
  repo.pulls.push({
    number: PR_NUMBER,
    state: "open",
    head: { sha: PR_SHA, ref: "feature/discounts", repoFullName: `${OWNER}/${REPO}`, owner: OWNER },
    base: { sha: MAIN_SHA, ref: "main", repoFullName: `${OWNER}/${REPO}` },
    user: { login: "octocat", id: 583231, type: "User" },
    files: [
      {
        filename: "shapes.py",
        status: "modified",
        patch: "@@ -10,6 +10,9 @@ class Square:\n ctx\n+new line\n+another\n ctx\n",
      },
    ],
  });
  repo.runs.push(
    {
      id: 9002,
      name: "CI",
      head_sha: PR_SHA,
      head_branch: "feature/discounts",
      status: "completed",
      conclusion: "failure",
      artifacts: [
        {
          id: 90021,
          name: "test-results",
          data: buildZip([
            { name: "pytest/junit.xml", data: fixture("junit/pytest/report-xunit1.xml") },
            { name: "logs/output.txt", data: "plain build log, not a report" },
          ]),
        },
        {
          id: 90022,
          name: "coverage-report",
          data: buildZip([{ name: "coverage.xml", data: fixture("coverage/coverage-py/coverage.xml") }]),
        },
      ],
    },
    {
      id: 9003,
      name: "Security",
      head_sha: PR_SHA,
      head_branch: "feature/discounts",
      status: "in_progress",
      conclusion: null,
      artifacts: [],
    },
  );
  return repo;
}

/** Marks the Security run finished and gives it its SARIF artifact (GitHub would, before the delivery). */
export function finishSecurityRun(repo: SimRepoState): void {
  const run = repo.runs.find((r) => r.id === 9003);
  if (!run) throw new Error("demo: no security run");
  run.status = "completed";
  run.conclusion = "success";
  run.artifacts.push({
    id: 90031,
    name: "sarif",
    data: buildZip([
      { name: "flawfinder.sarif", data: fixture("security/flawfinder/flawfinder-2.0.19.sarif") },
    ]),
  });
}

type Payload = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);

function repository(base: Payload): Payload {
  const repo = clone((base.repository ?? {}) as Payload);
  return {
    ...repo,
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    owner: { ...((repo.owner ?? {}) as Payload), login: OWNER },
    default_branch: "main",
  };
}

export function workflowRunCompleted(run: {
  id: number;
  name: string;
  sha: string;
  branch: string;
  conclusion: string;
  pulls: number[];
}): Payload {
  const example = clone(exampleEvent("workflow_run", "completed"));
  const wr = clone(example.workflow_run as Payload);
  const repo = repository(example);
  return {
    ...example,
    repository: repo,
    installation: { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" },
    workflow_run: {
      ...wr,
      id: run.id,
      name: run.name,
      head_sha: run.sha,
      head_branch: run.branch,
      status: "completed",
      conclusion: run.conclusion,
      html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${run.id}`,
      repository: repo,
      head_repository: repo,
      pull_requests: run.pulls.map((n) => ({
        id: n * 1000,
        number: n,
        url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${n}`,
        head: { ref: run.branch, sha: run.sha, repo: { id: 1, url: "", name: REPO } },
        base: { ref: "main", sha: MAIN_SHA, repo: { id: 1, url: "", name: REPO } },
      })),
    },
  };
}

export function pullRequestOpened(): Payload {
  const example = clone(exampleEvent("pull_request", "opened"));
  const pr = clone(example.pull_request as Payload);
  const repo = repository(example);
  return {
    ...example,
    number: PR_NUMBER,
    repository: repo,
    installation: { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" },
    pull_request: {
      ...pr,
      number: PR_NUMBER,
      head: { ...(pr.head as Payload), sha: PR_SHA, ref: "feature/discounts", repo },
      base: { ...(pr.base as Payload), sha: MAIN_SHA, ref: "main", repo },
    },
  };
}
