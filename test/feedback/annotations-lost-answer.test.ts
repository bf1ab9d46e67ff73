// GitHub appends check-run annotations on every create/update, and cannot delete them. When the answer to
// a request carrying annotations is lost (the process killed, the connection reset after GitHub acted),
// the retry must not send them again: found by the chaos suite's kill -9 points (3 annotations became 6).
// Hand-made JUnit (edge case: 120 failures with file and line, so annotations span three requests).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectRun } from "../../src/feedback/collect-run.js";
import { judgeCommit } from "../../src/feedback/judge-commit.js";
import type { JudgeCommitJob } from "../../src/feedback/judge-job.js";
import { type FeedbackHarness, feedbackHarness } from "../support/feedback-harness.js";
import { type GitHubSim, type SimRepoState, startGitHubSim } from "../support/github-sim.js";
import { buildZip } from "../support/zip-writer.js";

const SHA = "d".repeat(40);
let sim: GitHubSim;
let repo: SimRepoState;
let h: FeedbackHarness;

function junit(failures: number): string {
  const cases = Array.from(
    { length: failures },
    (_, i) =>
      `<testcase classname="t" name="test_${i}" file="src/m${i}.py" line="${i + 1}"><failure message="boom ${i}">trace</failure></testcase>`,
  ).join("");
  return `<?xml version="1.0"?><testsuite name="s" tests="${failures}" failures="${failures}">${cases}</testsuite>`;
}

const job: JudgeCommitJob = {
  installationId: 1,
  owner: "acme",
  repo: "shop",
  sha: SHA,
  headBranch: "f",
  headOwner: "acme",
  pullNumbers: [],
};

beforeEach(async () => {
  sim = await startGitHubSim();
  repo = sim.addRepo("acme", "shop");
  h = await feedbackHarness(sim);
  repo.runs.push({
    id: 60,
    name: "CI",
    head_sha: SHA,
    head_branch: "f",
    status: "completed",
    conclusion: "failure",
    artifacts: [{ id: 601, name: "tests", data: buildZip([{ name: "junit.xml", data: junit(120) }]) }],
  });
  await collectRun(h.deps, {
    installationId: 1,
    owner: "acme",
    repo: "shop",
    runId: 60,
    runName: "CI",
    headSha: SHA,
    headBranch: "f",
    headOwner: "acme",
    htmlUrl: null,
    pullNumbers: [],
  });
});
afterEach(async () => {
  h.close();
  await sim.close();
});

const annotationIds = () => (repo.checkRuns[0]?.annotations ?? []).map((a) => JSON.stringify(a));

describe("annotations whose answer was lost", () => {
  it.each<[string, (req: { method: string; path: string }) => boolean]>([
    ["the create (first 50)", (r) => r.method === "POST" && r.path.endsWith("/check-runs")],
    [
      "the second batch",
      (() => {
        let patches = 0;
        return (r: { method: string; path: string }) => r.method === "PATCH" && ++patches === 1;
      })(),
    ],
  ])("%s: the retry sends the rest once, nothing twice", async (_name, lose) => {
    let lost = false;
    sim.fault = (req) => {
      if (lost || !lose(req)) return undefined;
      lost = true;
      return "reset-after";
    };
    await expect(judgeCommit(h.deps, job)).rejects.toThrow();
    expect(lost).toBe(true);
    await judgeCommit(h.deps, job);
    const ids = annotationIds();
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    expect(repo.checkRuns).toHaveLength(1);
    expect(repo.checkRuns[0]?.status).toBe("completed");
  });

  it("a fault-free judge sends each annotation once and reads no count", async () => {
    await judgeCommit(h.deps, job);
    expect(annotationIds()).toHaveLength(120);
    await judgeCommit(h.deps, job); // judged again: nothing new to send
    expect(annotationIds()).toHaveLength(120);
    expect(sim.requests.filter((r) => r.method === "GET" && /\/check-runs\/\d+$/.test(r.path))).toHaveLength(
      0,
    );
  });
});
