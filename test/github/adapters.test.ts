// GitHub adapters against the simulated GitHub: idempotent publishing and the request counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CHECK_NAME, publishCheckRun } from "../../src/github/checks.js";
import { COMMENT_MARKER, ensureStickyComment } from "../../src/github/comments.js";
import type { Octokit } from "../../src/github/octokit.js";
import { changedLines, pullsForRun } from "../../src/github/pulls.js";
import { pendingRunNames, runsForSha } from "../../src/github/runs.js";
import type { Annotation } from "../../src/render/annotations.js";
import {
  apiCalls,
  type GitHubSim,
  type SimRepoState,
  startGitHubSim,
  testOctokit,
} from "../support/github-sim.js";

const SHA = "a".repeat(40);
const FORK_SHA = "d".repeat(40);
const repoRef = { owner: "acme", repo: "shop" };
let sim: GitHubSim;
let repo: SimRepoState;
let octokit: Octokit;

beforeAll(async () => {
  sim = await startGitHubSim();
  octokit = testOctokit(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  repo = sim.addRepo("acme", "shop");
  sim.requests.length = 0;
});

describe("ensureStickyComment", () => {
  it("creates once, then leaves an unchanged body alone, then edits in place", async () => {
    const first = await ensureStickyComment(octokit, repoRef, 5, "hello");
    expect(first).toMatchObject({ action: "created", requests: 2 }); // list + create
    const again = await ensureStickyComment(octokit, repoRef, 5, "hello");
    expect(again).toMatchObject({ action: "unchanged", id: first.id, requests: 1 });
    const known = { id: first.id, body: `${COMMENT_MARKER}\nhello` };
    expect(await ensureStickyComment(octokit, repoRef, 5, "hello", known)).toMatchObject({
      action: "unchanged",
      requests: 0,
    });
    expect(await ensureStickyComment(octokit, repoRef, 5, "bye", known)).toMatchObject({
      action: "updated",
      requests: 1,
    });
    expect(repo.comments.map((c) => c.body)).toEqual([`${COMMENT_MARKER}\nbye`]);
  });

  it("re-creates a comment someone deleted", async () => {
    const first = await ensureStickyComment(octokit, repoRef, 6, "v1");
    repo.comments.length = 0;
    const res = await ensureStickyComment(octokit, repoRef, 6, "v2", {
      id: first.id,
      body: `${COMMENT_MARKER}\nv1`,
    });
    expect(res.action).toBe("created");
    expect(repo.comments).toHaveLength(1);
  });

  it("keeps the oldest of duplicate comments and removes the rest; ignores humans quoting the marker", async () => {
    const bot = { login: "tollgate[bot]", type: "Bot" };
    const mk = (id: number, at: string, user = bot) => ({
      id,
      issue: 7,
      body: `${COMMENT_MARKER}\nold ${id}`,
      user,
      created_at: at,
      updated_at: at,
    });
    repo.comments.push(
      mk(3, "2026-01-03T00:00:00Z"),
      mk(1, "2026-01-01T00:00:00Z"),
      mk(2, "2026-01-02T00:00:00Z"),
      mk(9, "2025-01-01T00:00:00Z", { login: "mallory", type: "User" }),
    );
    const res = await ensureStickyComment(octokit, repoRef, 7, "new");
    expect(res).toMatchObject({ id: 1, action: "updated", removedDuplicates: 2 });
    expect(repo.comments.map((c) => c.id).sort()).toEqual([1, 9]);
  });
});

describe("publishCheckRun", () => {
  const ann = (i: number): Annotation => ({
    path: "a.py",
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: "failure",
    title: `t${i}`,
    message: "m",
  });

  it("creates the check run with the first 50 annotations and sends the rest in batches of 50", async () => {
    const res = await publishCheckRun(octokit, repoRef, SHA, {
      status: "completed",
      conclusion: "failure",
      title: "1 gate failed",
      summary: "s",
      annotations: Array.from({ length: 120 }, (_, i) => ann(i)),
    });
    expect(res.requests).toBe(4); // find + create + 2 updates
    expect(apiCalls(sim).map((r) => r.method)).toEqual(["GET", "POST", "PATCH", "PATCH"]);
    const [check] = repo.checkRuns;
    expect(check).toMatchObject({
      name: CHECK_NAME,
      conclusion: "failure",
      output: { annotations_count: 120 },
    });
  });

  it("updates the existing check run for the sha instead of creating a second", async () => {
    const a = await publishCheckRun(octokit, repoRef, SHA, {
      status: "in_progress",
      title: "waiting",
      summary: "s",
    });
    const b = await publishCheckRun(octokit, repoRef, SHA, {
      status: "completed",
      conclusion: "success",
      title: "passed",
      summary: "s",
    });
    expect(b.id).toBe(a.id);
    expect(repo.checkRuns).toHaveLength(1);
    expect(repo.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "success" });
    const c = await publishCheckRun(
      octokit,
      repoRef,
      SHA,
      { status: "completed", conclusion: "success", title: "x", summary: "y" },
      a.id,
    );
    expect(c.requests).toBe(1);
  });
});

describe("pullsForRun", () => {
  beforeEach(() => {
    repo.pulls.push(
      {
        number: 1,
        state: "open",
        head: { sha: SHA, ref: "feature", repoFullName: "acme/shop", owner: "acme" },
        base: { sha: "b".repeat(40), ref: "main", repoFullName: "acme/shop" },
      },
      {
        number: 2,
        state: "open",
        head: { sha: FORK_SHA, ref: "patch-1", repoFullName: "forker/shop", owner: "forker" },
        base: { sha: "b".repeat(40), ref: "main", repoFullName: "acme/shop" },
      },
      {
        number: 3,
        state: "open",
        head: { sha: "c".repeat(40), ref: "moved", repoFullName: "acme/shop", owner: "acme" },
        base: { sha: "b".repeat(40), ref: "main", repoFullName: "acme/shop" },
      },
    );
  });

  it("re-reads the PRs named in the payload and drops one whose head moved", async () => {
    const pulls = await pullsForRun(octokit, repoRef, {
      headSha: SHA,
      headBranch: "feature",
      headOwner: "acme",
      payloadPulls: [1, 3],
    });
    expect(pulls.map((p) => p.number)).toEqual([1]);
  });

  it("finds a fork PR by head label when the payload and commits/{sha}/pulls have nothing", async () => {
    const pulls = await pullsForRun(octokit, repoRef, {
      headSha: FORK_SHA,
      headBranch: "patch-1",
      headOwner: "forker",
      payloadPulls: [],
    });
    expect(pulls.map((p) => [p.number, p.headRepo])).toEqual([[2, "forker/shop"]]);
    expect(apiCalls(sim).map((r) => r.path.split("?")[0])).toEqual([
      `/api/v3/repos/acme/shop/commits/${FORK_SHA}/pulls`,
      "/api/v3/repos/acme/shop/pulls",
    ]);
  });
});

describe("changedLines and runsForSha", () => {
  it("collects added lines per file across pages and skips removed files", async () => {
    repo.pulls.push({
      number: 4,
      state: "open",
      head: { sha: SHA, ref: "f", repoFullName: "acme/shop", owner: "acme" },
      base: { sha: "b".repeat(40), ref: "main", repoFullName: "acme/shop" },
      files: [
        { filename: "src/a.py", status: "modified", patch: "@@ -1,1 +1,2 @@\n a\n+b" },
        { filename: "gone.py", status: "removed", patch: "@@ -1 +0,0 @@\n-x" },
        ...Array.from({ length: 120 }, (_, i) => ({
          filename: `gen/${i}.py`,
          status: "added",
          patch: "@@ -0,0 +1 @@\n+x",
        })),
      ],
    });
    const lines = await changedLines(octokit, repoRef, 4);
    expect(lines.get("src/a.py")).toEqual([2]);
    expect(lines.has("gone.py")).toBe(false);
    expect(lines.size).toBe(121);
    expect(apiCalls(sim)).toHaveLength(2);
  });

  it("names the runs still going", async () => {
    repo.runs.push(
      {
        id: 1,
        name: "CI",
        head_sha: SHA,
        head_branch: "f",
        status: "completed",
        conclusion: "success",
        artifacts: [],
      },
      {
        id: 2,
        name: "Security",
        head_sha: SHA,
        head_branch: "f",
        status: "in_progress",
        conclusion: null,
        artifacts: [],
      },
      {
        id: 3,
        name: "Perf",
        head_sha: SHA,
        head_branch: "f",
        status: "queued",
        conclusion: null,
        artifacts: [],
      },
    );
    expect(pendingRunNames(await runsForSha(octokit, repoRef, SHA))).toEqual(["Perf", "Security"]);
  });
});
