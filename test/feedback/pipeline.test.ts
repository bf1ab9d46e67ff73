// The feedback pipeline end to end against the simulated GitHub, with report files produced by real
// tools (fixtures/reports/*): baseline on main, a PR with two workflows finishing one after the other,
// the comment edited (never re-posted), and the GitHub requests each step makes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CollectRunJob, collectRun } from "../../src/feedback/collect-run.js";
import { judgeCommit } from "../../src/feedback/judge-commit.js";
import type { JudgeCommitJob } from "../../src/feedback/judge-job.js";
import { queueCheck } from "../../src/feedback/queue-check.js";
import { COMMENT_MARKER } from "../../src/github/comments.js";
import { type FeedbackHarness, feedbackHarness, fixture } from "../support/feedback-harness.js";
import { apiCalls, type GitHubSim, type SimRepoState, startGitHubSim } from "../support/github-sim.js";
import { buildZip } from "../support/zip-writer.js";

const BASE = "b".repeat(40);
const HEAD = "a".repeat(40);

let sim: GitHubSim;
let repo: SimRepoState;
let h: FeedbackHarness;

beforeEach(async () => {
  sim = await startGitHubSim();
  repo = sim.addRepo("acme", "shop");
  h = await feedbackHarness(sim);
});
afterEach(async () => {
  h.close();
  await sim.close();
});

function collectJob(
  runId: number,
  sha: string,
  branch: string,
  name = "CI",
  pulls: number[] = [],
): CollectRunJob {
  return {
    installationId: 1,
    owner: "acme",
    repo: "shop",
    runId,
    runName: name,
    headSha: sha,
    headBranch: branch,
    headOwner: "acme",
    htmlUrl: `https://github.com/acme/shop/actions/runs/${runId}`,
    pullNumbers: pulls,
  };
}
const judge = (sha: string, branch: string, pulls: number[] = []): JudgeCommitJob => ({
  installationId: 1,
  owner: "acme",
  repo: "shop",
  sha,
  headBranch: branch,
  headOwner: "acme",
  pullNumbers: pulls,
});

const coverageZip = () =>
  buildZip([{ name: "coverage.xml", data: fixture("reports/coverage/coverage-py/coverage.xml") }]);

describe("feedback pipeline", () => {
  it("baseline on main, then a PR judged across two workflows: one check run, one comment edited in place", async () => {
    // main: coverage only
    repo.runs.push({
      id: 10,
      name: "CI",
      head_sha: BASE,
      head_branch: "main",
      status: "completed",
      conclusion: "success",
      artifacts: [{ id: 101, name: "coverage", data: coverageZip() }],
    });
    await collectRun(h.deps, collectJob(10, BASE, "main"));
    const mainJudged = await judgeCommit(h.deps, judge(BASE, "main"));
    expect(mainJudged.conclusion).toBe("success");
    expect(mainJudged.comments).toEqual([]);

    // PR #1: CI finished (tests + coverage), Security still running.
    repo.pulls.push({
      number: 1,
      state: "open",
      head: { sha: HEAD, ref: "feature", repoFullName: "acme/shop", owner: "acme" },
      base: { sha: BASE, ref: "main", repoFullName: "acme/shop" },
      files: [{ filename: "shapes.py", status: "modified", patch: "@@ -1,3 +1,4 @@\n a\n+b\n c\n d" }],
    });
    repo.runs.push(
      {
        id: 11,
        name: "CI",
        head_sha: HEAD,
        head_branch: "feature",
        status: "completed",
        conclusion: "failure",
        artifacts: [
          {
            id: 111,
            name: "test-results",
            data: buildZip([{ name: "junit.xml", data: fixture("reports/junit/pytest/report-xunit1.xml") }]),
          },
          { id: 112, name: "coverage", data: coverageZip() },
        ],
      },
      {
        id: 12,
        name: "Security",
        head_sha: HEAD,
        head_branch: "feature",
        status: "in_progress",
        conclusion: null,
        artifacts: [],
      },
    );
    await queueCheck(h.deps, { installationId: 1, owner: "acme", repo: "shop", number: 1, headSha: HEAD });
    expect(repo.checkRuns.find((c) => c.head_sha === HEAD)?.status).toBe("queued");

    sim.requests.length = 0;
    await collectRun(h.deps, collectJob(11, HEAD, "feature", "CI", [1]));
    const first = await judgeCommit(h.deps, judge(HEAD, "feature", [1]));
    expect(first.conclusion).toBe("pending");
    expect(first.comments).toEqual([{ pr: 1, action: "created" }]);
    const check = repo.checkRuns.find((c) => c.head_sha === HEAD);
    expect(check).toMatchObject({ status: "in_progress", output: { title: "Waiting for: Security" } });
    expect(repo.comments).toHaveLength(1);
    expect(repo.comments[0]?.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(repo.comments[0]?.body).toContain("Still waiting for: Security");

    // Security finishes with a SARIF report produced by Flawfinder.
    const sec = repo.runs.find((r) => r.id === 12);
    if (!sec) throw new Error("no run");
    sec.status = "completed";
    sec.conclusion = "success";
    sec.artifacts.push({
      id: 121,
      name: "sarif",
      data: buildZip([
        { name: "flawfinder.sarif", data: fixture("reports/security/flawfinder/flawfinder-2.0.19.sarif") },
      ]),
    });
    h.clock.now += 120_000; // a cold config cache: count every call this run causes
    sim.requests.length = 0;
    await collectRun(h.deps, collectJob(12, HEAD, "feature", "Security", [1]));
    const collectCalls = apiCalls(sim).length;
    const second = await judgeCommit(h.deps, judge(HEAD, "feature", [1]));
    const judgeCalls = apiCalls(sim).length - collectCalls;
    expect(second.conclusion).toBe("failure");
    expect(second.comments).toEqual([{ pr: 1, action: "updated" }]);

    // One check run for the sha, one comment for the PR.
    expect(repo.checkRuns.filter((c) => c.head_sha === HEAD)).toHaveLength(1);
    expect(repo.comments).toHaveLength(1);
    const done = repo.checkRuns.find((c) => c.head_sha === HEAD);
    expect(done).toMatchObject({ status: "completed", conclusion: "failure" });
    // Failed tests (xunit1 has file/line) and Flawfinder findings became annotations.
    expect(done?.output.annotations_count).toBeGreaterThan(0);
    const body = repo.comments[0]?.body ?? "";
    expect(body).toContain("### Tests");
    expect(body).toContain("### Coverage");
    expect(body).toContain("### Security");
    expect(body).toContain("compared with bbbbbbb");

    // Request budget for a workflow run with k=1 artifact on a PR whose comment exists (target ≤ k + 8):
    // collect = config (repo file, then the org's .github fallback) + list artifacts + k downloads;
    // judge = runs of the sha (pending?) + get PR (head still this sha?) + PR files (patch coverage)
    //         + check run update + comment update. The config read is cached between the two.
    expect(collectCalls).toBe(4);
    expect(judgeCalls).toBe(5);
    expect(sim.leakedTokens).toEqual([]);

    // Judging again with nothing new sends nothing but reads: no duplicate annotations, comment unchanged.
    sim.requests.length = 0;
    const again = await judgeCommit(h.deps, judge(HEAD, "feature", [1]));
    expect(again.comments).toEqual([{ pr: 1, action: "unchanged" }]);
    expect(
      apiCalls(sim)
        .filter((r) => r.method !== "GET")
        .map((r) => r.method),
    ).toEqual(["PATCH"]);
    expect(repo.checkRuns.find((c) => c.head_sha === HEAD)?.output.annotations_count).toBe(
      done?.output.annotations_count,
    );
  });

  it("an expired artifact and a hostile zip are shown as problems, and the rest is still judged", async () => {
    repo.runs.push({
      id: 20,
      name: "CI",
      head_sha: HEAD,
      head_branch: "feature",
      status: "completed",
      conclusion: "success",
      artifacts: [
        { id: 201, name: "old", data: new Uint8Array(), expired: true },
        {
          id: 202,
          name: "mixed",
          data: buildZip([
            { name: "../../escape.xml", data: "<testsuite/>" },
            { name: "coverage.xml", data: fixture("reports/coverage/coverage-py/coverage.xml") },
            { name: "broken.xml", data: "<testsuite><testcase name='a'>" },
          ]),
        },
      ],
    });
    const collected = await collectRun(h.deps, collectJob(20, HEAD, "feature"));
    expect(collected.problems).toBe(2);
    const res = await judgeCommit(h.deps, judge(HEAD, "feature"));
    expect(res.conclusion).toBe("success");
    const summary = repo.checkRuns[0]?.output.text ?? "";
    expect(summary).toContain("could not be read");
    expect(summary).toContain("expired");
    expect(summary).toContain("path traversal");
    expect(summary).toContain("broken.xml");
  });

  it("an invalid config concludes action_required naming the key", async () => {
    repo.files[".github/tollgate.yml"] = "gates:\n  coverage:\n    min: eighty\n";
    repo.runs.push({
      id: 30,
      name: "CI",
      head_sha: HEAD,
      head_branch: "f",
      status: "completed",
      conclusion: "success",
      artifacts: [],
    });
    const res = await judgeCommit(h.deps, judge(HEAD, "f"));
    expect(res.conclusion).toBe("action_required");
    const check = repo.checkRuns[0];
    expect(check).toMatchObject({
      conclusion: "action_required",
      output: { title: "Invalid .github/tollgate.yml" },
    });
    expect(check?.output.summary).toContain("gates.coverage.min");
  });

  it("a fork PR (empty pull_requests in the payload) gets its comment, found by head label", async () => {
    repo.pulls.push({
      number: 9,
      state: "open",
      head: { sha: HEAD, ref: "patch-1", repoFullName: "forker/shop", owner: "forker" },
      base: { sha: BASE, ref: "main", repoFullName: "acme/shop" },
    });
    repo.runs.push({
      id: 40,
      name: "CI",
      head_sha: HEAD,
      head_branch: "patch-1",
      status: "completed",
      conclusion: "success",
      artifacts: [{ id: 401, name: "coverage", data: coverageZip() }],
    });
    await collectRun(h.deps, { ...collectJob(40, HEAD, "patch-1"), headOwner: "forker" });
    const res = await judgeCommit(h.deps, { ...judge(HEAD, "patch-1"), headOwner: "forker" });
    expect(res).toMatchObject({ conclusion: "success", comments: [{ pr: 9, action: "created" }] });
    expect(repo.comments.map((c) => c.issue)).toEqual([9]);
  });

  it("a green PR: success, and the comment says so", async () => {
    repo.pulls.push({
      number: 2,
      state: "open",
      head: { sha: HEAD, ref: "green", repoFullName: "acme/shop", owner: "acme" },
      base: { sha: BASE, ref: "main", repoFullName: "acme/shop" },
    });
    repo.runs.push({
      id: 50,
      name: "CI",
      head_sha: HEAD,
      head_branch: "green",
      status: "completed",
      conclusion: "success",
      artifacts: [{ id: 501, name: "coverage", data: coverageZip() }],
    });
    await collectRun(h.deps, collectJob(50, HEAD, "green", "CI", [2]));
    const res = await judgeCommit(h.deps, judge(HEAD, "green", [2]));
    expect(res.conclusion).toBe("success");
    expect(repo.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "success" });
    expect(repo.comments[0]?.body).toContain("✅ Tollgate: all gates passed");
  });

  it("matrix legs are merged: tests add up and a failure names the leg it came from", async () => {
    const leg = (name: string, failing: boolean) =>
      `<testsuite name="${name}"><testcase classname="t.mod" name="test_a"/>` +
      `<testcase classname="t.mod" name="test_b">${failing ? '<failure message="boom on 3.12"/>' : ""}</testcase></testsuite>`;
    repo.runs.push({
      id: 60,
      name: "CI",
      head_sha: HEAD,
      head_branch: "f",
      status: "completed",
      conclusion: "failure",
      artifacts: [
        { id: 601, name: "junit-py3.11", data: buildZip([{ name: "junit.xml", data: leg("py311", false) }]) },
        { id: 602, name: "junit-py3.12", data: buildZip([{ name: "junit.xml", data: leg("py312", true) }]) },
      ],
    });
    repo.pulls.push({
      number: 3,
      state: "open",
      head: { sha: HEAD, ref: "f", repoFullName: "acme/shop", owner: "acme" },
      base: { sha: BASE, ref: "main", repoFullName: "acme/shop" },
    });
    await collectRun(h.deps, collectJob(60, HEAD, "f", "CI", [3]));
    const res = await judgeCommit(h.deps, judge(HEAD, "f", [3]));
    expect(res.conclusion).toBe("failure");
    const body = repo.comments[0]?.body ?? "";
    expect(body).toContain("**4** tests: 3 passed, 1 failed");
    expect(body).toContain("in `junit-py3.12/junit.xml`");
  });
});
