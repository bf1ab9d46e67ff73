// The token refresh through Probot's real installation authentication (auth-app behind ProbotOctokit)
// against the simulated GitHub, which issues a new token per exchange and answers 401 to revoked or
// expired ones. The token cache starts with a token issued ten minutes ago, as in a long-running
// process: auth-app itself re-sends a 401 for 6 s while a token is under 5 s old (GitHub's replication
// delay), which is not what these cases are about.
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  dropTokensIssuedBefore,
  refreshTokenOn401,
  type TokenCache,
} from "../../src/app/refresh-token-on-401.js";
import { testPrivateKey } from "../support/app-env.js";
import { type GitHubSim, startGitHubSim } from "../support/github-sim.js";

let sim: GitHubSim;
beforeEach(async () => {
  sim = await startGitHubSim();
  sim.addRepo("acme", "shop");
});
afterEach(() => sim.close());

/** auth-app's cache contract: get/set of "token|createdAt|expiresAt|selection|permissions|file". */
class MapCache implements TokenCache {
  readonly map = new Map<string, string>();
  get = (key: string) => this.map.get(key);
  set = (key: string, value: string) => void this.map.set(key, value);
  delete = (key: string) => void this.map.delete(key);
  keys = () => this.map.keys();
}

async function octokitWithAgedToken(): Promise<ProbotOctokit> {
  const res = await fetch(`${sim.origin}/api/v3/app/installations/1/access_tokens`, { method: "POST" });
  const { token, expires_at } = (await res.json()) as { token: string; expires_at: string };
  const cache = new MapCache();
  const tenMinutesAgo = new Date(Date.now() - 600_000).toISOString();
  cache.set("1", `${token}|${tenMinutesAgo}|${expires_at}|all|checks!,pull_requests!|`);
  return new (ProbotOctokit.plugin(refreshTokenOn401))({
    auth: { appId: 1, privateKey: testPrivateKey(), installationId: 1, cache },
    baseUrl: `${sim.origin}/api/v3`,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
}

const exchanges = () => sim.requests.filter((r) => r.path.endsWith("/access_tokens")).length;
const refused = () => sim.requests.filter((r) => r.status === 401).length;
const read = (o: ProbotOctokit) =>
  o.rest.issues.listComments({ owner: "acme", repo: "shop", issue_number: 1 });

describe("refreshTokenOn401", () => {
  it("a revoked token is replaced and the read re-sent once", async () => {
    const octokit = await octokitWithAgedToken();
    await read(octokit);
    sim.revokeTokens();
    const { status } = await read(octokit);
    expect(status).toBe(200);
    expect([exchanges(), refused()]).toEqual([2, 1]);
    await read(octokit); // the new token is cached
    expect(exchanges()).toBe(2);
  });

  it("a POST refused with 401 is re-sent (GitHub did nothing) and creates exactly one comment", async () => {
    const octokit = await octokitWithAgedToken();
    sim.revokeTokens();
    await octokit.rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: 1, body: "x" });
    expect(sim.repos.get("acme/shop")?.comments).toHaveLength(1);
    expect(refused()).toBe(1);
  });

  it("an expired token is replaced too", async () => {
    sim.tokenTtlMs = 0;
    const octokit = await octokitWithAgedToken();
    sim.tokenTtlMs = 3_600_000;
    const { status } = await read(octokit);
    expect(status).toBe(200);
    expect([exchanges(), refused()]).toEqual([2, 1]);
  });

  it("other errors pass through untouched, the token stays", async () => {
    const octokit = await octokitWithAgedToken();
    sim.fault = (req) => (req.path.startsWith("/api/v3/repos/") ? { status: 403 } : undefined);
    await expect(read(octokit)).rejects.toMatchObject({ status: 403 });
    expect(exchanges()).toBe(1);
  });

  // Slow (6 s) by nature: the fresh token is under 5 s old, so auth-app retries its 401 first.
  it("a 401 that persists with a fresh token goes to the caller after one re-send", {
    timeout: 15_000,
  }, async () => {
    const octokit = await octokitWithAgedToken();
    sim.fault = (req) =>
      req.path.startsWith("/api/v3/repos/")
        ? { status: 401, body: { message: "Bad credentials" } }
        : undefined;
    await expect(read(octokit)).rejects.toMatchObject({ status: 401 });
    expect(exchanges()).toBe(2); // one refresh, not a loop
  });
});

describe("dropTokensIssuedBefore", () => {
  const at = Date.parse("2026-11-22T10:00:00Z");
  it.each<[string, Record<string, string>, string[]]>([
    ["drops the installation's token issued before the request", { "1": "t1|2026-11-22T09:00:00Z|x" }, []],
    ["keeps a token another request fetched since", { "1": "t2|2026-11-22T10:00:01Z|x" }, ["1"]],
    ["keeps other installations' tokens", { "12": "t3|2026-11-22T09:00:00Z|x" }, ["12"]],
    [
      "drops every permission-scoped entry of the installation",
      { "1|||checks!": "t4|2026-11-22T09:00:00Z|x", "1": "t5|2026-11-22T09:30:00Z|x" },
      [],
    ],
    ["drops an entry it cannot read", { "1": "garbage" }, []],
  ])("%s", (_name, entries, kept) => {
    const cache = new MapCache();
    for (const [k, v] of Object.entries(entries)) cache.set(k, v);
    dropTokensIssuedBefore(cache, 1, at);
    expect([...cache.keys()]).toEqual(kept);
  });
});
