// The `command` job end to end against GitHub at HTTP level (nock, strict: every mock must be used,
// nothing unmocked may be called), with GitHub's documented response shapes. Each flow counts its requests.
import nock from "nock";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CommandsDeps } from "../../src/commands/deps.js";
import { MERGE_FOLLOW_UP_JOB, mergeFollowUp, mergeWaiting } from "../../src/commands/merge-waiting.js";
import { cachedRoleLookup } from "../../src/commands/permission-cache.js";
import { runComment } from "../../src/commands/run-comment.js";
import { SqliteCommandLog } from "../../src/commands/sqlite-command-log.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { SqliteDeploymentHistory } from "../../src/deploy/sqlite-history.js";
import type { EnqueueRequest } from "../../src/queue/queue.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";
import { SqliteReportStore } from "../../src/store/sqlite-reports.js";
import { SqliteStateStore } from "../../src/store/sqlite-state.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/api";
const HEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
const COMMENT_AT = "2026-11-03T10:00:00Z";
const job = { installationId: 1, owner: "acme", repo: "api", number: 7, commentId: 101 };

function commentJson(body: string, user = { login: "octocat", id: 1, type: "User" }) {
  return {
    id: 101,
    node_id: "IC_kwDO101",
    url: `${API}${REPO}/issues/comments/101`,
    html_url: "https://github.com/acme/api/pull/7#issuecomment-101",
    issue_url: `${API}${REPO}/issues/7`,
    body,
    user,
    created_at: COMMENT_AT,
    updated_at: COMMENT_AT,
    author_association: "MEMBER",
  };
}

function pullJson(over: { fork?: boolean; state?: string; head?: string } = {}) {
  const headRepo = over.fork ? "mallory/api" : "acme/api";
  return {
    url: `${API}${REPO}/pulls/7`,
    id: 7007,
    node_id: "PR_kwDO7",
    number: 7,
    state: over.state ?? "open",
    title: "Add billing export",
    html_url: "https://github.com/acme/api/pull/7",
    user: { login: over.fork ? "mallory" : "octocat", id: 2, type: "User" },
    labels: [],
    draft: false,
    merged: false,
    mergeable: true,
    mergeable_state: "clean",
    auto_merge: null,
    body: null,
    head: { ref: "feature", sha: over.head ?? HEAD, repo: { full_name: headRepo } },
    base: { ref: "main", sha: "0".repeat(40), repo: { full_name: "acme/api" } },
  };
}

const permissionJson = (permission: string, roleName: string) => ({
  permission,
  role_name: roleName,
  user: { login: "octocat", id: 1, type: "User" },
});

const commitJson = (date: string) => ({
  sha: HEAD,
  commit: {
    author: { name: "Octo", email: "o@example.com", date },
    committer: { name: "Octo", email: "o@example.com", date },
    message: "feature",
  },
  author: { login: "octocat", id: 1, type: "User" },
  committer: { login: "octocat", id: 1, type: "User" },
});

const reaction = (content: string) => ({
  id: 1,
  content,
  user: { login: "tollgate[bot]" },
  created_at: COMMENT_AT,
});

interface Harness {
  deps: CommandsDeps;
  enqueued: EnqueueRequest[];
  db: SqliteDatabase;
  reports: SqliteReportStore;
  history: SqliteDeploymentHistory;
  log: SqliteCommandLog;
  requests: string[];
  sent: string[];
}

async function harness(): Promise<Harness> {
  const db = await openSqlite("sqlite::memory:");
  const reports = new SqliteReportStore(db);
  const history = new SqliteDeploymentHistory(db);
  const log = new SqliteCommandLog(db);
  const enqueued: EnqueueRequest[] = [];
  const octokit = new ProbotOctokit({
    auth: { token: "t" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const sent: string[] = [];
  octokit.hook.before("request", (options) => {
    sent.push(`${options.method} ${options.url}`);
  });
  const now = () => new Date("2026-11-03T10:00:05Z");
  const deps: CommandsDeps = {
    octokitFor: async () => octokit,
    loadConfig: async () => ({ ok: true, config: DEFAULT_CONFIG, files: [] }),
    reports,
    history,
    commandLog: log,
    state: new SqliteStateStore(db, () => 0),
    roleOf: cachedRoleLookup(now),
    enqueue: async (r) => {
      enqueued.push(r);
      return { id: String(enqueued.length), deduped: false, merged: false };
    },
    now,
    log: pino({ level: process.env.DBG ? "error" : "silent" }),
  };
  return { deps, enqueued, db, reports, history, log, requests: [], sent };
}

let h: Harness;
const onRequest = (req: { method: string; path: string }) =>
  h.requests.push(`${req.method} ${req.path.split("?")[0]}`);
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  h = await harness();
  nock.emitter.on("no match", onRequest);
});
afterEach(() => {
  nock.emitter.removeListener("no match", onRequest);
  h.db.close();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

/** The requests every acted-on comment starts with: read it, 👀, read the PR, read the permission. */
function start(body: string, role: [string, string], pull = pullJson()) {
  return nock(API)
    .get(`${REPO}/issues/comments/101`)
    .reply(200, commentJson(body))
    .post(`${REPO}/issues/comments/101/reactions`, { content: "eyes" })
    .reply(201, reaction("eyes"))
    .get(`${REPO}/pulls/7`)
    .reply(200, pull)
    .get(`${REPO}/collaborators/octocat/permission`)
    .reply(200, permissionJson(role[0], role[1]));
}

const react = (content: string) =>
  nock(API).post(`${REPO}/issues/comments/101/reactions`, { content }).reply(201, reaction(content));

function replyCapture(): { body: string } {
  const captured = { body: "" };
  nock(API)
    .post(`${REPO}/issues/7/comments`, (b: { body: string }) => {
      captured.body = b.body;
      return true;
    })
    .reply(201, { id: 202, body: "…" });
  return captured;
}

const headDate = (date: string) => nock(API).get(`${REPO}/commits/${HEAD}`).reply(200, commitJson(date));

/** Requests the job's Octokit makes from now on. */
function countingScopes(): () => number {
  const before = h.sent.length;
  return () => h.sent.length - before;
}

describe("command flows", () => {
  it("/help by a read-only user: 👀, the list as a reply, 🚀", async () => {
    const count = countingScopes();
    start("/help", ["read", "read"]);
    const reply = replyCapture();
    react("rocket");
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["done"]);
    expect(reply.body).toContain("`/deploy <env>`");
    expect(reply.body).toContain("`staging`, `production`");
    expect(count()).toBe(6);
  });

  it("/deploy staging by a writer: a deployment of the head sha, auto_merge off, Tollgate required, who asked", async () => {
    const count = countingScopes();
    start("please\r\n/deploy staging", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    let sent: Record<string, unknown> = {};
    nock(API)
      .post(`${REPO}/deployments`, (b: Record<string, unknown>) => {
        sent = b;
        return true;
      })
      .reply(201, {
        id: 555,
        sha: HEAD,
        ref: HEAD,
        environment: "staging",
        url: `${API}${REPO}/deployments/555`,
      });
    react("rocket");
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["done"]);
    expect(sent).toMatchObject({
      ref: HEAD,
      environment: "staging",
      auto_merge: false,
      required_contexts: ["Tollgate"],
      payload: { requested_by: "octocat", command: "/deploy staging", pull_request: 7 },
    });
    expect(count()).toBe(7);
    const [logged] = await h.log.forPull("acme/api", 7, 10);
    expect(logged).toMatchObject({ actor: "octocat", command: "/deploy staging", result: "done", line: 2 });
  });

  it("a retried job never deploys twice for one comment", async () => {
    start("/deploy staging", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    nock(API).post(`${REPO}/deployments`).reply(201, { id: 555, sha: HEAD, environment: "staging" });
    react("rocket");
    await runComment(h.deps, job);
    // Second attempt: the permission is cached; the command line is already in the log.
    const count = countingScopes();
    nock(API)
      .get(`${REPO}/issues/comments/101`)
      .reply(200, commentJson("/deploy staging"))
      .post(`${REPO}/issues/comments/101/reactions`, { content: "eyes" })
      .reply(200, reaction("eyes"))
      .get(`${REPO}/pulls/7`)
      .reply(200, pullJson());
    headDate("2026-11-03T09:00:00Z");
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["skipped"]);
    expect(count()).toBe(4);
  });

  it("/deploy production before the sha succeeded in staging: refused early with the way forward", async () => {
    start("/deploy production", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    react("confused");
    const reply = replyCapture();
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["failed"]);
    expect(reply.body).toContain("must deploy successfully to staging first (`/deploy staging`)");
  });

  it("/deploy production after the sha succeeded in staging: deployed", async () => {
    await h.history.recordCreated({
      repo: "acme/api",
      deploymentId: 9,
      environment: "staging",
      sha: HEAD,
      ref: HEAD,
      creator: "x",
      createdAt: new Date(1),
    });
    await h.history.recordStatus({
      repo: "acme/api",
      deploymentId: 9,
      state: "success",
      at: new Date(2),
      logUrl: null,
      environmentUrl: null,
    });
    start("/deploy production", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    nock(API)
      .post(
        `${REPO}/deployments`,
        (b: { environment: string; ref: string }) => b.environment === "production" && b.ref === HEAD,
      )
      .reply(201, { id: 557, sha: HEAD, environment: "production" });
    react("rocket");
    expect((await runComment(h.deps, job)).outcomes.map((o) => o.result)).toEqual(["done"]);
  });

  it("/deploy when the head moved after the comment: refused, nothing created", async () => {
    start("/deploy staging", ["admin", "admin"]);
    headDate("2026-11-03T10:00:01Z");
    react("confused");
    const reply = replyCapture();
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["refused"]);
    expect(reply.body).toMatch(/head moved to a1b2c3d after this comment/);
  });

  it("fork PR, read-only commenter, /deploy production: nothing created, 😕 and a reply", async () => {
    const count = countingScopes();
    start("/deploy production", ["read", "read"], pullJson({ fork: true }));
    headDate("2026-11-03T09:00:00Z");
    react("confused");
    const reply = replyCapture();
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["refused"]);
    expect(reply.body).toContain("needs write");
    expect(h.requests).toEqual([]);
    expect(count()).toBe(7);
  });

  it("fork PR, admin, /deploy production: refused all the same (fork code is never deployed)", async () => {
    start("/deploy production", ["admin", "admin"], pullJson({ fork: true }));
    headDate("2026-11-03T09:00:00Z");
    react("confused");
    const reply = replyCapture();
    await runComment(h.deps, job);
    expect(reply.body).toMatch(/fork/);
  });

  it("/deploy refused by GitHub (409: Tollgate not passed): 😕 and the reason", async () => {
    start("/deploy staging", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    nock(API).post(`${REPO}/deployments`).reply(409, {
      message: "Conflict: Commit status checks failed for a1b2c3d.",
      documentation_url: "https://docs.github.com",
    });
    react("confused");
    const reply = replyCapture();
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["failed"]);
    expect(reply.body).toMatch(/Tollgate check has not passed/);
  });

  it("/rerun: re-runs the failed runs of the head sha only", async () => {
    const count = countingScopes();
    start("/rerun", ["write", "write"]);
    nock(API)
      .get(`${REPO}/actions/runs`)
      .query({ head_sha: HEAD, per_page: "100" })
      .reply(200, {
        total_count: 3,
        workflow_runs: [
          { id: 11, name: "CI", status: "completed", conclusion: "failure", html_url: "h" },
          { id: 12, name: "Lint", status: "completed", conclusion: "success", html_url: "h" },
          { id: 13, name: "E2E", status: "in_progress", conclusion: null, html_url: "h" },
        ],
      })
      .post(`${REPO}/actions/runs/11/rerun-failed-jobs`)
      .reply(201, {});
    react("rocket");
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["done"]);
    expect(count()).toBe(7);
  });

  it("/report: every finished run of the head is collected again", async () => {
    start("/report", ["maintain", "write"]);
    nock(API)
      .get(`${REPO}/actions/runs`)
      .query({ head_sha: HEAD, per_page: "100" })
      .reply(200, {
        total_count: 2,
        workflow_runs: [
          { id: 11, name: "CI", status: "completed", conclusion: "failure", html_url: "h11" },
          { id: 13, name: "E2E", status: "in_progress", conclusion: null, html_url: "h13" },
        ],
      });
    react("rocket");
    await runComment(h.deps, job);
    expect(h.enqueued).toEqual([
      expect.objectContaining({
        kind: "collect",
        id: "collect:comment:101:11",
        payload: expect.objectContaining({ runId: 11, headSha: HEAD, pullNumbers: [7] }),
      }),
    ]);
  });

  it("/gate override by a maintainer: stored with who and why, judged again at once", async () => {
    start("/gate override perf runner is flaky, see INFRA-12", ["write", "maintain"]);
    headDate("2026-11-03T09:00:00Z");
    react("rocket");
    await runComment(h.deps, job);
    expect(await h.reports.getOverride("acme/api", HEAD)).toMatchObject({
      by: "octocat",
      reason: "perf runner is flaky, see INFRA-12",
    });
    expect(h.enqueued).toEqual([
      expect.objectContaining({
        kind: "judge",
        debounceMs: 0,
        payload: expect.objectContaining({ sha: HEAD, pullNumbers: [7] }),
      }),
    ]);
  });

  it("/gate override by a writer: refused, nothing stored", async () => {
    start("/gate override because", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    react("confused");
    const reply = replyCapture();
    await runComment(h.deps, job);
    expect(await h.reports.getOverride("acme/api", HEAD)).toBeUndefined();
    expect(reply.body).toContain("needs maintain or admin permission");
  });

  it("/merge after the gate passed: auto-merge enabled on the head, no approval", async () => {
    await h.reports.saveVerdict({
      repo: "acme/api",
      sha: HEAD,
      conclusion: "success",
      summary: "all gates passed",
      coveragePct: null,
      decidedAt: new Date(),
    });
    const count = countingScopes();
    start("/merge", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    let variables: Record<string, unknown> = {};
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullJson())
      .get(REPO)
      .reply(200, { id: 9, full_name: "acme/api", default_branch: "main", allow_auto_merge: true })
      .post("/graphql", (b: { query: string; variables: Record<string, unknown> }) => {
        variables = b.variables;
        return b.query.includes("enablePullRequestAutoMerge");
      })
      .reply(200, {
        data: {
          enablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: { enabledAt: COMMENT_AT } } },
        },
      });
    react("rocket");
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["done"]);
    expect(variables).toMatchObject({
      pullRequestId: "PR_kwDO7",
      expectedHeadOid: HEAD,
      mergeMethod: "SQUASH",
    });
    expect(count()).toBe(9);
  });

  it("/merge before the gate passed: waits (👀 only, a reply); the verdict that passes that sha enables it, 🚀", async () => {
    start("/merge", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    const reply = replyCapture();
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["waiting"]);
    expect(reply.body).toMatch(/once the gate passes on a1b2c3d \(now: not judged yet\)/);
    expect((await h.log.forPull("acme/api", 7, 1))[0]).toMatchObject({ result: "waiting" });

    // A failed verdict does not fire; a success on the sha does.
    const event = { installationId: 1, owner: "acme", repo: "api", sha: HEAD };
    expect(mergeFollowUp({ ...event, conclusion: "failure" })).toBeUndefined();
    expect(mergeFollowUp({ ...event, conclusion: "success" })).toMatchObject({
      kind: MERGE_FOLLOW_UP_JOB,
      payload: event,
    });
    await h.reports.saveVerdict({
      repo: "acme/api",
      sha: HEAD,
      conclusion: "success",
      summary: "ok",
      coveragePct: null,
      decidedAt: new Date(),
    });
    const count = countingScopes();
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullJson())
      .get(REPO)
      .reply(200, { id: 9, full_name: "acme/api", default_branch: "main", allow_auto_merge: true })
      .post("/graphql", (b: { query: string }) => b.query.includes("enablePullRequestAutoMerge"))
      .reply(200, {
        data: {
          enablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: { enabledAt: COMMENT_AT } } },
        },
      });
    react("rocket");
    expect(await mergeWaiting(h.deps, event)).toBe(1);
    expect(count()).toBe(4);
    expect((await h.log.forPull("acme/api", 7, 1))[0]).toMatchObject({ result: "done" });
    // Handled once: a second passing verdict finds nothing waiting and calls nothing.
    expect(await mergeWaiting(h.deps, event)).toBe(0);
  });

  it("a waiting /merge whose PR head moved is not enabled: 😕 and a reply", async () => {
    start("/merge", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    replyCapture();
    await runComment(h.deps, job);
    await h.reports.saveVerdict({
      repo: "acme/api",
      sha: HEAD,
      conclusion: "success",
      summary: "ok",
      coveragePct: null,
      decidedAt: new Date(),
    });
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullJson({ head: "f".repeat(40) }));
    react("confused");
    const reply = replyCapture();
    await mergeWaiting(h.deps, { installationId: 1, owner: "acme", repo: "api", sha: HEAD });
    expect(reply.body).toMatch(/head moved from a1b2c3d to fffffff/);
  });

  it("/rollback production: deploys the previous successful sha of the environment", async () => {
    const OLD = "b".repeat(40);
    const CUR = "c".repeat(40);
    for (const [id, sha, at] of [
      [1, OLD, "2026-11-01T10:00:00Z"],
      [2, CUR, "2026-11-02T10:00:00Z"],
    ] as const) {
      await h.history.recordCreated({
        repo: "acme/api",
        deploymentId: id,
        environment: "production",
        sha,
        ref: "main",
        creator: "x",
        createdAt: new Date(at),
      });
      await h.history.recordStatus({
        repo: "acme/api",
        deploymentId: id,
        state: "success",
        at: new Date(at),
        logUrl: null,
        environmentUrl: null,
      });
    }
    start("/rollback production", ["write", "write"]);
    let sent: Record<string, unknown> = {};
    nock(API)
      .post(`${REPO}/deployments`, (b: Record<string, unknown>) => {
        sent = b;
        return true;
      })
      .reply(201, { id: 556, sha: OLD, environment: "production" });
    react("rocket");
    const reply = replyCapture();
    await runComment(h.deps, job);
    expect(sent).toMatchObject({
      ref: OLD,
      environment: "production",
      auto_merge: false,
      required_contexts: [],
    });
    expect(reply.body).toContain("back from ccccccc to bbbbbbb");
  });

  it("several commands run in order; one refused: 🚀 and 😕, one reply about the refusal", async () => {
    start("/report\n> /deploy production\n```\n/merge\n```\n/gate override x", ["write", "write"]);
    headDate("2026-11-03T09:00:00Z");
    nock(API)
      .get(`${REPO}/actions/runs`)
      .query({ head_sha: HEAD, per_page: "100" })
      .reply(200, { total_count: 0, workflow_runs: [] });
    react("rocket");
    react("confused");
    const reply = replyCapture();
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => [o.text, o.result])).toEqual([
      ["/report", "done"],
      ["/gate override x", "refused"],
    ]);
    expect(reply.body).not.toContain("/report");
    expect(h.enqueued.map((r) => r.kind)).toEqual(["judge"]);
  });

  it("an unknown command gets a reply naming the closest one; its text is escaped", async () => {
    start("/deplyo <script>@team", ["write", "write"]);
    react("confused");
    const reply = replyCapture();
    await runComment(h.deps, job);
    expect(reply.body).toContain("did you mean /deploy?");
    // The line is quoted in a code span (inert); everything outside code is escaped.
    expect(reply.body.replace(/`[^`]*`/g, "")).not.toMatch(/<script>|@team/);
  });

  it("a bot's comment (even our own) is read and nothing else", async () => {
    const count = countingScopes();
    nock(API)
      .get(`${REPO}/issues/comments/101`)
      .reply(200, commentJson("/merge", { login: "tollgate[bot]", id: 9, type: "Bot" }));
    const out = await runComment(h.deps, job);
    expect(out.ignored).toMatch(/bots/);
    expect(count()).toBe(1);
  });

  it("a comment without a command: read, no reaction", async () => {
    nock(API).get(`${REPO}/issues/comments/101`).reply(200, commentJson("LGTM, see `/deploy`"));
    expect((await runComment(h.deps, job)).ignored).toBe("no command in the comment");
  });

  it("a deleted comment is ignored", async () => {
    nock(API).get(`${REPO}/issues/comments/101`).reply(404, { message: "Not Found" });
    expect((await runComment(h.deps, job)).ignored).toBe("the comment was deleted");
  });
});

// Every command asked by every role below its minimum, over HTTP: 😕, one reply naming the permission,
// and no request that changes anything (strict nock: a deployment, re-run, merge or reply beyond the
// one mocked would fail the test).
const BELOW: [string, boolean, string[]][] = [
  ["/report", false, ["none", "read", "triage"]],
  ["/rerun", false, ["none", "read", "triage"]],
  ["/deploy staging", true, ["none", "read", "triage"]],
  ["/rollback staging", false, ["none", "read", "triage"]],
  ["/merge", true, ["none", "read", "triage"]],
  ["/gate override x", true, ["none", "read", "triage", "write"]],
];
const refusals = BELOW.flatMap(([body, headBound, roles]) =>
  roles.map((role) => [body, role, headBound] as const),
);

describe("permission matrix over HTTP (refusals)", () => {
  it.each(refusals)("%s by %s: refused, nothing changed", async (body, role, headBound) => {
    const count = countingScopes();
    start(body, [role === "triage" ? "read" : role === "maintain" ? "write" : role, role]);
    if (headBound) headDate("2026-11-03T09:00:00Z");
    react("confused");
    const reply = replyCapture();
    const out = await runComment(h.deps, job);
    expect(out.outcomes.map((o) => o.result)).toEqual(["refused"]);
    expect(reply.body).toMatch(
      /needs (write|maintain or admin)\b.* permission; @\u200Boctocat has (none|read|triage|write)\b/,
    );
    expect(h.enqueued).toEqual([]);
    expect(await h.reports.getOverride("acme/api", HEAD)).toBeUndefined();
    expect(count()).toBe(headBound ? 7 : 6);
  });
});
