import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { noRetryOnCreate } from "../../src/app/no-retry-on-create.js";
import { type GitHubSim, startGitHubSim } from "../support/github-sim.js";

let sim: GitHubSim;
beforeEach(async () => {
  sim = await startGitHubSim();
  sim.addRepo("acme", "shop");
});
afterEach(() => sim.close());

const octokit = () =>
  new (ProbotOctokit.plugin(noRetryOnCreate))({
    auth: { token: "ghs_test" },
    baseUrl: `${sim.origin}/api/v3`,
    throttle: { enabled: false },
    retry: { retryAfterBaseValue: 10 },
  });

describe("noRetryOnCreate", () => {
  it("a POST whose answer is lost is not re-sent (it may have created the comment already)", async () => {
    let faults = 0;
    sim.fault = (req) => (req.method === "POST" && faults++ === 0 ? "reset-after" : undefined);
    await expect(
      octokit().rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: 1, body: "x" }),
    ).rejects.toThrow();
    expect(sim.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(sim.repos.get("acme/shop")?.comments).toHaveLength(1);
  });

  it("reads are still retried on a 5xx", async () => {
    let faults = 0;
    sim.fault = (req) => (req.method === "GET" && faults++ === 0 ? { status: 502 } : undefined);
    const { data } = await octokit().rest.issues.listComments({
      owner: "acme",
      repo: "shop",
      issue_number: 1,
    });
    expect(data).toEqual([]);
    expect(sim.requests.filter((r) => r.method === "GET")).toHaveLength(2);
  });
});
