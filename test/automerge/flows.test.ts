// End-to-end flows of the automerge use-case against GitHub at HTTP level (nock, strict: every mock
// must be used, nothing unmocked may be called), with GitHub's documented response shapes. Each flow
// asserts the number of requests it makes.
import nock from "nock";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AutomergeDeps } from "../../src/automerge/deps.js";
import { evaluateAutomerge } from "../../src/automerge/evaluate.js";
import { automergeFollowUp } from "../../src/automerge/events.js";
import type { AutomergeEvent } from "../../src/automerge/note.js";
import { DEFAULT_CONFIG, type TollgateConfig } from "../../src/config/schema.js";
import type { PullInfo } from "../../src/github/pulls.js";
import type { EnqueueRequest } from "../../src/queue/queue.js";
import type { StoredVerdict } from "../../src/store/reports.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";
import { SqliteAutomergeStore } from "../../src/store/sqlite-automerge.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/api";
const HEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const MOVED = "ffffffffffffffffffffffffffffffffffffffff";
const DEPENDABOT = { login: "dependabot[bot]", id: 49699333, type: "Bot" };

const patchDevMessage = [
  "Bump eslint from 10.9.0 to 10.9.1",
  "",
  "Bumps [eslint](https://github.com/eslint/eslint) from 10.9.0 to 10.9.1.",
  "",
  "---",
  "updated-dependencies:",
  "- dependency-name: eslint",
  "  dependency-version: 10.9.1",
  "  dependency-type: direct:development",
  "  update-type: version-update:semver-patch",
  "...",
  "",
  "Signed-off-by: dependabot[bot] <support@github.com>",
].join("\n");

const majorMessage = patchDevMessage
  .replace(/eslint/g, "react")
  .replace("direct:development", "direct:production")
  .replace("semver-patch", "semver-major");

function pullJson(over: Record<string, unknown> = {}) {
  return {
    url: `${API}${REPO}/pulls/42`,
    id: 1,
    node_id: "PR_kwDOAbc42",
    number: 42,
    state: "open",
    title: "Bump eslint from 10.9.0 to 10.9.1",
    body: "Bumps [eslint](https://github.com/eslint/eslint) from 10.9.0 to 10.9.1.",
    html_url: "https://github.com/acme/api/pull/42",
    user: DEPENDABOT,
    labels: [{ id: 1, name: "dependencies" }],
    draft: false,
    merged: false,
    mergeable: true,
    mergeable_state: "clean",
    auto_merge: null,
    head: { ref: "dependabot/npm_and_yarn/eslint-10.9.1", sha: HEAD, repo: { full_name: "acme/api" } },
    base: { ref: "main", sha: "0".repeat(40), repo: { full_name: "acme/api" } },
    ...over,
  };
}

function commitJson(message: string, over: { login?: string | null; verified?: boolean; sha?: string } = {}) {
  const login = over.login === undefined ? "dependabot[bot]" : over.login;
  return {
    sha: over.sha ?? HEAD,
    commit: {
      author: { name: login ?? "someone", email: "x@example.com", date: "2026-11-03T09:00:00Z" },
      committer: { name: "GitHub", email: "noreply@github.com", date: "2026-11-03T09:00:00Z" },
      message,
      verification: {
        verified: over.verified ?? true,
        reason: over.verified === false ? "unsigned" : "valid",
        signature: null,
        payload: null,
      },
    },
    author: login
      ? {
          login,
          id: login === "dependabot[bot]" ? 49699333 : 5,
          type: login.endsWith("[bot]") ? "Bot" : "User",
        }
      : null,
    committer: { login: "web-flow", id: 19864447, type: "User" },
  };
}

const repoJson = (allowAutoMerge: boolean) => ({
  id: 9,
  full_name: "acme/api",
  default_branch: "main",
  allow_auto_merge: allowAutoMerge,
});

const gqlError = (field: string, message: string) => ({
  data: { [field]: null },
  errors: [{ type: "UNPROCESSABLE", path: [field], locations: [{ line: 2, column: 3 }], message }],
});

const isQuery = (needle: string) => (body: { query?: string }) => String(body.query).includes(needle);

interface Harness {
  deps: AutomergeDeps;
  verdicts: Map<string, StoredVerdict>;
  enqueued: EnqueueRequest[];
  events: AutomergeEvent[];
  rerendered: string[];
  store: SqliteAutomergeStore;
  db: SqliteDatabase;
}

function configWith(over: Partial<TollgateConfig["automerge"]["dependabot"]> = {}): TollgateConfig {
  return {
    ...DEFAULT_CONFIG,
    automerge: { dependabot: { ...DEFAULT_CONFIG.automerge.dependabot, enabled: true, ...over } },
  };
}

async function harness(config = configWith()): Promise<Harness> {
  const db = await openSqlite("sqlite::memory:");
  const store = new SqliteAutomergeStore(db);
  const verdicts = new Map<string, StoredVerdict>();
  const enqueued: EnqueueRequest[] = [];
  const events: AutomergeEvent[] = [];
  const rerendered: string[] = [];
  const octokit = new ProbotOctokit({
    auth: { token: "t" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const deps: AutomergeDeps = {
    octokitFor: async () => octokit,
    loadConfig: async () => ({ ok: true, config, files: [] }),
    reports: { getVerdict: async (repo, sha) => verdicts.get(`${repo}@${sha}`) },
    automerge: store,
    enqueue: async (r) => {
      enqueued.push(r);
      return { id: String(enqueued.length), deduped: false, merged: false };
    },
    notify: async (e) => {
      events.push(e);
    },
    rerender: async (t) => {
      rerendered.push(`${t.owner}/${t.repo}#${t.number}@${t.sha.slice(0, 7)}`);
    },
    recheckDelayMs: 30_000,
    maxRechecks: 3,
    now: () => new Date("2026-11-03T10:00:00Z"),
    log: pino({ level: "silent" }),
  };
  return { deps, verdicts, enqueued, events, rerendered, store, db };
}

function verdict(h: Harness, conclusion: StoredVerdict["conclusion"], sha = HEAD) {
  h.verdicts.set(`acme/api@${sha}`, {
    repo: "acme/api",
    sha,
    conclusion,
    summary: conclusion === "failure" ? "1 of 5 gates failed: tests" : "all 5 gates passed",
    coveragePct: null,
    decidedAt: new Date(),
  });
}

function snapshotMocks(
  opts: { pull?: Record<string, unknown>; commits?: unknown[]; allowAutoMerge?: boolean } = {},
) {
  nock(API)
    .get(`${REPO}/pulls/42`)
    .reply(200, pullJson(opts.pull))
    .get(`${REPO}/pulls/42/commits`)
    .query({ per_page: "100" })
    .reply(200, opts.commits ?? [commitJson(patchDevMessage)])
    .get(REPO)
    .reply(200, repoJson(opts.allowAutoMerge ?? true));
}

const reviewDecision = (decision: string | null) =>
  nock(API)
    .post("/graphql", isQuery("reviewDecision"))
    .reply(200, { data: { repository: { pullRequest: { reviewDecision: decision } } } });

const job = { installationId: 1, owner: "acme", repo: "api", number: 42 };

let h: Harness;
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  h = await harness();
});
afterEach(() => {
  h.db.close();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("automerge flows", () => {
  it("patch of a dev dependency: approved (review required) and native auto-merge enabled on the head sha", async () => {
    verdict(h, "success");
    snapshotMocks();
    reviewDecision("REVIEW_REQUIRED");
    let review: unknown;
    let enable: { variables?: Record<string, unknown> } = {};
    nock(API)
      .post(`${REPO}/pulls/42/reviews`, (body) => {
        review = body;
        return true;
      })
      .reply(200, { id: 80, state: "APPROVED", commit_id: HEAD })
      .post("/graphql", (body) => {
        enable = body;
        return isQuery("enablePullRequestAutoMerge")(body);
      })
      .reply(200, {
        data: {
          enablePullRequestAutoMerge: {
            pullRequest: { autoMergeRequest: { enabledAt: "2026-11-03T10:00:01Z" } },
          },
        },
      });

    const out = await evaluateAutomerge(h.deps, job);

    expect(out.decision?.action).toBe("merge");
    expect(out.outcome).toBe("auto-merge enabled");
    expect(out.requests).toBe(6);
    expect(review).toMatchObject({ event: "APPROVE", commit_id: HEAD });
    expect(enable.variables).toEqual({
      pullRequestId: "PR_kwDOAbc42",
      mergeMethod: "SQUASH",
      expectedHeadOid: HEAD,
    });
    const stored = await h.store.latest("acme/api", 42);
    expect(stored).toMatchObject({ action: "merge", outcome: "auto-merge enabled", headSha: HEAD });
    expect(stored?.summary).toBe("patch update of a development dependency");
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ kind: "automerge", number: 42, outcome: "auto-merge enabled" });
  });

  it("major update: nothing is touched, the reason is recorded", async () => {
    verdict(h, "success");
    snapshotMocks({
      pull: { title: "Bump react from 17.0.2 to 18.0.0" },
      commits: [commitJson(majorMessage)],
    });

    const out = await evaluateAutomerge(h.deps, job);

    expect(out.decision?.action).toBe("refuse");
    expect(out.decision?.summary).toBe("major update of react");
    expect(out.requests).toBe(3);
    expect(await h.store.latest("acme/api", 42)).toMatchObject({ action: "refuse", outcome: "none" });
  });

  it("a human commit on the PR: refused, naming the commit and its author", async () => {
    verdict(h, "success");
    snapshotMocks({
      commits: [commitJson(patchDevMessage), commitJson("tweak", { login: "jane", sha: "c".repeat(40) })],
    });

    const out = await evaluateAutomerge(h.deps, job);

    expect(out.decision?.action).toBe("refuse");
    expect(out.decision?.summary).toBe("commit ccccccc was authored by jane, not Dependabot");
    expect(out.requests).toBe(3);
  });

  it("a human push after the app enabled auto-merge: auto-merge disabled, and why", async () => {
    verdict(h, "success");
    await h.store.record({
      repo: "acme/api",
      number: 42,
      headSha: HEAD,
      action: "merge",
      outcome: "auto-merge enabled",
      summary: "patch update of a development dependency",
      reasons: [],
      dependencies: [],
      decidedAt: new Date("2026-11-03T09:00:00Z"),
    });
    snapshotMocks({
      pull: { auto_merge: { enabled_by: { login: "tollgate[bot]", type: "Bot" }, merge_method: "squash" } },
      commits: [commitJson(patchDevMessage), commitJson("tweak", { login: "mallory", sha: "e".repeat(40) })],
    });
    nock(API)
      .post("/graphql", isQuery("disablePullRequestAutoMerge"))
      .reply(200, { data: { disablePullRequestAutoMerge: { pullRequest: { number: 42 } } } });

    const out = await evaluateAutomerge(h.deps, job);

    expect(out.decision?.action).toBe("disable");
    expect(out.outcome).toBe("auto-merge disabled");
    expect(out.requests).toBe(4);
    expect(h.events[0]?.summary).toMatch(/authored by mallory/);
  });

  it("repository does not allow auto-merge: waits for the gate, then merges itself with the sha guard", async () => {
    h.verdicts.clear();
    snapshotMocks({ allowAutoMerge: false });
    const first = await evaluateAutomerge(h.deps, job);
    expect(first.decision?.action).toBe("wait");
    expect(first.requests).toBe(3);

    // The judge step saves a passing verdict and asks for a follow-up.
    verdict(h, "success");
    const pulls: PullInfo[] = [
      {
        number: 42,
        title: "Bump eslint from 10.9.0 to 10.9.1",
        headSha: HEAD,
        headRef: "dependabot/npm_and_yarn/eslint-10.9.1",
        headRepo: "acme/api",
        baseRef: "main",
        baseSha: "0".repeat(40),
        baseRepo: "acme/api",
        draft: false,
        state: "open",
        author: DEPENDABOT,
        htmlUrl: "https://github.com/acme/api/pull/42",
      },
    ];
    const follow = automergeFollowUp({ installationId: 1, owner: "acme", repo: "api", sha: HEAD }, pulls);
    expect(follow).toHaveLength(1);
    expect(follow[0]?.payload).toEqual(job);

    snapshotMocks({ allowAutoMerge: false });
    reviewDecision(null);
    let merge: unknown;
    nock(API)
      .put(`${REPO}/pulls/42/merge`, (body) => {
        merge = body;
        return true;
      })
      .reply(200, { sha: "9".repeat(40), merged: true, message: "Pull Request successfully merged" });

    const second = await evaluateAutomerge(h.deps, job);
    expect(second.outcome).toBe("merged");
    expect(second.requests).toBe(5);
    expect(merge).toEqual({ sha: HEAD, merge_method: "squash" });
    expect((await h.store.history("acme/api", 42)).map((r) => r.action)).toEqual(["merge", "wait"]);
    expect(h.events.map((e) => e.outcome)).toEqual(["none", "merged"]);
    // Each changed comment line asks the judge step to re-render the sticky comment once.
    expect(h.rerendered).toEqual(["acme/api#42@a1b2c3d", "acme/api#42@a1b2c3d"]);
  });

  it("gate failing: waits (not refuses); once it passes, GitHub says 'clean status' and the app merges directly", async () => {
    verdict(h, "failure");
    snapshotMocks();
    const first = await evaluateAutomerge(h.deps, job);
    expect(first.decision?.action).toBe("wait");
    expect(first.decision?.summary).toMatch(/gate failed/);
    expect(first.requests).toBe(3);

    verdict(h, "success");
    snapshotMocks();
    reviewDecision("APPROVED");
    nock(API)
      .post("/graphql", isQuery("enablePullRequestAutoMerge"))
      .reply(200, gqlError("enablePullRequestAutoMerge", "Pull request Pull request is in clean status"))
      .put(`${REPO}/pulls/42/merge`, { sha: HEAD, merge_method: "squash" })
      .reply(200, { sha: "9".repeat(40), merged: true, message: "Pull Request successfully merged" });

    const second = await evaluateAutomerge(h.deps, job);
    expect(second.outcome).toBe("merged");
    expect(second.requests).toBe(6);
  });

  it("head moved between decision and merge: GitHub refuses the old sha (409), nothing wrong is merged, evaluated again", async () => {
    verdict(h, "success");
    snapshotMocks({ allowAutoMerge: false });
    reviewDecision(null);
    nock(API)
      .put(`${REPO}/pulls/42/merge`, (body) => body.sha === HEAD)
      .reply(409, {
        message: "Head branch was modified. Review and try the merge again.",
        documentation_url: "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request",
      });

    const out = await evaluateAutomerge(h.deps, job);

    expect(out.outcome).toBe("head moved");
    expect(out.requests).toBe(5);
    expect(h.enqueued).toHaveLength(1);
    expect(h.enqueued[0]).toMatchObject({
      kind: "automerge",
      delayMs: 30_000,
      payload: { ...job, recheck: 1 },
    });
    // The new head has no verdict of its own: the next evaluation waits for the gate on it.
    snapshotMocks({
      pull: { head: { ref: "dependabot/npm_and_yarn/eslint-10.9.1", sha: MOVED } },
      allowAutoMerge: false,
    });
    const again = await evaluateAutomerge(h.deps, { ...job, recheck: 1 });
    expect(again.decision?.action).toBe("wait");
    expect(again.requests).toBe(3);
  });

  it("not mergeable yet (405): recorded, re-checked later, a bounded number of times", async () => {
    verdict(h, "success");
    snapshotMocks({ allowAutoMerge: false });
    reviewDecision(null);
    nock(API).put(`${REPO}/pulls/42/merge`).reply(405, {
      message: "Pull Request is not mergeable",
      documentation_url: "https://docs.github.com/rest",
    });

    const out = await evaluateAutomerge(h.deps, { ...job, recheck: 3 });
    expect(out.outcome).toBe("not mergeable yet");
    expect(h.rerendered).toHaveLength(1);

    // Evaluated again with the same result: recorded again, but no second re-render or Slack message.
    snapshotMocks({ allowAutoMerge: false });
    reviewDecision(null);
    nock(API).put(`${REPO}/pulls/42/merge`).reply(405, {
      message: "Pull Request is not mergeable",
      documentation_url: "https://docs.github.com/rest",
    });
    await evaluateAutomerge(h.deps, { ...job, recheck: 3 });
    expect(h.rerendered).toHaveLength(1);
    expect(h.events).toHaveLength(1);
    expect(await h.store.history("acme/api", 42)).toHaveLength(2);
    expect(out.requests).toBe(5);
    expect(h.enqueued).toEqual([]); // recheck budget spent: the next check_suite event evaluates again
  });

  it("merge method not allowed by the repository (405): recorded as refused by GitHub, not retried", async () => {
    verdict(h, "success");
    snapshotMocks({ allowAutoMerge: false });
    reviewDecision(null);
    nock(API).put(`${REPO}/pulls/42/merge`).reply(405, {
      message: "Squash merges are not allowed on this repository.",
      documentation_url: "https://docs.github.com/rest",
    });

    const out = await evaluateAutomerge(h.deps, job);
    expect(out.outcome).toBe("refused by GitHub");
    expect(h.enqueued).toEqual([]);
    expect((await h.store.latest("acme/api", 42))?.reasons[0]).toBe(
      "not merged: Squash merges are not allowed on this repository.",
    );
  });

  it("auto-merge allowed but no protection rule: says so and merges directly", async () => {
    verdict(h, "success");
    snapshotMocks();
    reviewDecision(null);
    nock(API)
      .post("/graphql", isQuery("enablePullRequestAutoMerge"))
      .reply(
        200,
        gqlError(
          "enablePullRequestAutoMerge",
          "Pull request Protected branch rules not configured for this branch",
        ),
      )
      .put(`${REPO}/pulls/42/merge`)
      .reply(200, { sha: "9".repeat(40), merged: true, message: "Pull Request successfully merged" });

    const out = await evaluateAutomerge(h.deps, job);
    expect(out.outcome).toBe("merged");
    const stored = await h.store.latest("acme/api", 42);
    expect(stored?.reasons[0]).toMatch(
      /main has no branch protection rule with a requirement: merged directly/,
    );
  });

  it("repository setting turned off after the snapshot: 'Auto merge is not allowed' → merges directly, naming the setting", async () => {
    verdict(h, "success");
    snapshotMocks();
    reviewDecision(null);
    nock(API)
      .post("/graphql", isQuery("enablePullRequestAutoMerge"))
      .reply(
        200,
        gqlError("enablePullRequestAutoMerge", "Pull request Auto merge is not allowed for this repository"),
      )
      .put(`${REPO}/pulls/42/merge`)
      .reply(200, { sha: "9".repeat(40), merged: true, message: "Pull Request successfully merged" });

    const out = await evaluateAutomerge(h.deps, job);
    expect(out.outcome).toBe("merged");
    expect((await h.store.latest("acme/api", 42))?.reasons[0]).toMatch(/does not allow auto-merge/);
  });

  it("auto-merge already on: idempotent, no second mutation", async () => {
    verdict(h, "success");
    snapshotMocks({
      pull: { auto_merge: { enabled_by: { login: "tollgate[bot]", type: "Bot" }, merge_method: "squash" } },
    });
    reviewDecision("APPROVED");
    const out = await evaluateAutomerge(h.deps, job);
    expect(out.outcome).toBe("auto-merge already enabled");
    expect(out.requests).toBe(4);
  });

  it("auto-merge not enabled in the config: no GitHub call at all", async () => {
    h.deps.loadConfig = async () => ({ ok: true, config: configWith({ enabled: false }), files: [] });
    const out = await evaluateAutomerge(h.deps, job);
    expect(out).toEqual({ status: "disabled", requests: 0 });
  });
});
