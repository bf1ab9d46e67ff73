// Conditional GETs against the simulated GitHub, which answers like GitHub: a 200 carries an ETag,
// If-None-Match with the current one gets 304 (which GitHub does not count against the rate limit).
import { ProbotOctokit } from "probot";
import { Registry } from "prom-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { conditionalRequestCounter, createEtagCache } from "../../src/app/etag-cache.js";
import { type GitHubSim, type SimRepoState, startGitHubSim } from "../support/github-sim.js";

let sim: GitHubSim;
let repo: SimRepoState;
beforeEach(async () => {
  sim = await startGitHubSim();
  repo = sim.addRepo("acme", "shop");
});
afterEach(() => sim.close());

function client(cache = createEtagCache()) {
  return new (ProbotOctokit.plugin(cache.plugin))({
    auth: { token: "ghs_test" },
    baseUrl: `${sim.origin}/api/v3`,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
}
const list = (o: ProbotOctokit) =>
  o.rest.issues.listComments({ owner: "acme", repo: "shop", issue_number: 7 });
const statuses = () => sim.requests.filter((r) => r.path.includes("/comments")).map((r) => r.status);

describe("createEtagCache", () => {
  it("answers an unchanged resource from the cache after GitHub's 304, and a changed one from GitHub", async () => {
    const registry = new Registry();
    const cache = createEtagCache({ onLookup: conditionalRequestCounter(registry) });
    const octokit = client(cache);
    await octokit.rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: 7, body: "one" });
    const first = await list(octokit);
    const second = await list(octokit);
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    const [comment] = repo.comments;
    if (comment) comment.body = "edited elsewhere";
    const third = await list(octokit);
    expect(third.data[0]?.body).toBe("edited elsewhere");
    expect(statuses()).toEqual([201, 200, 304, 200]);
    const metric = await registry.getSingleMetricAsString("tollgate_github_conditional_requests_total");
    expect(metric).toContain('outcome="hit"} 1');
    expect(metric).toContain('outcome="miss"} 1');
  });

  it("is shared by every client built with it (one per installation job)", async () => {
    const cache = createEtagCache();
    await list(client(cache));
    await list(client(cache));
    expect(statuses()).toEqual([200, 304]);
  });

  it("keeps at most maxEntries URLs, least recently used out first", async () => {
    const cache = createEtagCache({ maxEntries: 2 });
    const octokit = client(cache);
    for (const n of [1, 2, 3, 1])
      await octokit.rest.issues.listComments({ owner: "acme", repo: "shop", issue_number: n });
    expect(cache.size()).toBe(2);
    // #1 was evicted by #3, so its second read is a full one
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it("never sends If-None-Match on writes, and errors pass through", async () => {
    const octokit = client();
    await expect(
      octokit.rest.issues.listComments({ owner: "acme", repo: "nope", issue_number: 1 }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await octokit.rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: 7, body: "x" });
    expect(sim.requests.map((r) => r.status)).toEqual([404, 201]);
  });

  it("keys by the expanded URL: the same route for two repositories or pages never shares an entry", async () => {
    sim.addRepo("acme", "web").comments.push({
      id: 1,
      issue: 7,
      body: "web's",
      user: { login: "u", type: "User" },
      created_at: "2026-11-01T00:00:00Z",
      updated_at: "2026-11-01T00:00:00Z",
    });
    const octokit = client();
    await list(octokit);
    const web = await octokit.rest.issues.listComments({ owner: "acme", repo: "web", issue_number: 7 });
    expect(web.data.map((c) => c.body)).toEqual(["web's"]);
    const again = await list(octokit);
    expect(again.data).toEqual([]);
    again.data.push({} as (typeof again.data)[number]); // a caller changing its copy
    expect((await list(octokit)).data).toEqual([]);
  });
});
