import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cachedRoleLookup } from "../../src/commands/permission-cache.js";

const API = "https://api.github.com";
const PATH = "/repos/acme/api/collaborators/jane/permission";
const octokit = new ProbotOctokit({
  auth: { token: "t" },
  retry: { enabled: false },
  throttle: { enabled: false },
});
const repo = { owner: "acme", repo: "api" };

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("cachedRoleLookup", () => {
  it("asks GitHub once per TTL, then again", async () => {
    let t = 0;
    const lookup = cachedRoleLookup(() => new Date(t), 60_000);
    nock(API).get(PATH).reply(200, { permission: "write", role_name: "maintain" });
    expect(await lookup(octokit, repo, "jane")).toBe("maintain");
    t = 59_999;
    expect(await lookup(octokit, repo, "Jane")).toBe("maintain");
    t = 60_000;
    nock(API).get(PATH).reply(200, { permission: "read", role_name: "read" });
    expect(await lookup(octokit, repo, "jane")).toBe("read");
  });

  it("a 404 (no such user) is no permission", async () => {
    nock(API).get(PATH).reply(404, { message: "Not Found" });
    expect(await cachedRoleLookup(() => new Date(0))(octokit, repo, "jane")).toBe("none");
  });

  it("a custom role counts as its base permission", async () => {
    nock(API).get(PATH).reply(200, { permission: "read", role_name: "security-reviewer" });
    expect(await cachedRoleLookup(() => new Date(0))(octokit, repo, "jane")).toBe("read");
  });

  it("a server error is thrown (the job retries), never cached as a role", async () => {
    const lookup = cachedRoleLookup(() => new Date(0));
    nock(API).get(PATH).reply(502, { message: "Bad Gateway" });
    await expect(lookup(octokit, repo, "jane")).rejects.toMatchObject({ status: 502 });
    nock(API).get(PATH).reply(200, { permission: "admin", role_name: "admin" });
    expect(await lookup(octokit, repo, "jane")).toBe("admin");
  });
});
