// A zip entry that lies about its size (or is otherwise damaged) is one unreadable file, not a dead job:
// found by the chaos suite (test/chaos/hostile-artifacts.test.ts), where it lost a whole run's reports.
import { afterEach, beforeEach, expect, it } from "vitest";
import { collectRun } from "../../src/feedback/collect-run.js";
import { type FeedbackHarness, feedbackHarness, fixture } from "../support/feedback-harness.js";
import { type GitHubSim, type SimRepoState, startGitHubSim } from "../support/github-sim.js";
import { buildZip } from "../support/zip-writer.js";

const SHA = "c".repeat(40);
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

it("an entry with more bytes than declared is skipped with a reason; the next file is still read", async () => {
  repo.runs.push({
    id: 50,
    name: "CI",
    head_sha: SHA,
    head_branch: "f",
    status: "completed",
    conclusion: "success",
    artifacts: [
      {
        id: 501,
        name: "mixed",
        data: buildZip([
          { name: "lying.xml", data: Buffer.alloc(200_000, 0x41), declaredSize: 100 },
          { name: "coverage.xml", data: fixture("reports/coverage/coverage-py/coverage.xml") },
        ]),
      },
    ],
  });
  const collected = await collectRun(h.deps, {
    installationId: 1,
    owner: "acme",
    repo: "shop",
    runId: 50,
    runName: "CI",
    headSha: SHA,
    headBranch: "f",
    headOwner: "acme",
    htmlUrl: null,
    pullNumbers: [],
  });
  expect(collected.problems).toBe(1);
  expect(collected.reports).toBe(1);
});
