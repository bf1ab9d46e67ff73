// A comment edited between posting and the `command` job reading it back is not obeyed: the job carries
// the digest of the body GitHub delivered. Without it, a writer (who may edit anyone's comment) could put
// `/gate override` (maintain) into a maintainer's comment before a queued, retried or redelivered job
// ran (found by test/chaos/command-bypass.test.ts). Against GitHub at HTTP level with nock, strict.
import nock from "nock";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commentDigest } from "../../src/commands/comment-digest.js";
import type { CommandsDeps } from "../../src/commands/deps.js";
import { cachedRoleLookup } from "../../src/commands/permission-cache.js";
import { EDITED_REPLY, runComment } from "../../src/commands/run-comment.js";
import { SqliteCommandLog } from "../../src/commands/sqlite-command-log.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { SqliteDeploymentHistory } from "../../src/deploy/sqlite-history.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";
import { SqliteReportStore } from "../../src/store/sqlite-reports.js";
import { SqliteStateStore } from "../../src/store/sqlite-state.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/api";
const AT = "2026-11-03T10:00:00Z";
const job = { installationId: 1, owner: "acme", repo: "api", number: 7, commentId: 101 };
const maintainer = { login: "mia", id: 1, type: "User" };

const commentJson = (body: string) => ({
  id: 101,
  html_url: "https://github.com/acme/api/pull/7#issuecomment-101",
  body,
  user: maintainer,
  created_at: AT,
  updated_at: "2026-11-03T10:00:03Z",
});

let db: SqliteDatabase;
let deps: CommandsDeps;
let reports: SqliteReportStore;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  db = await openSqlite("sqlite::memory:");
  reports = new SqliteReportStore(db);
  const now = () => new Date("2026-11-03T10:00:05Z");
  deps = {
    octokitFor: async () =>
      new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } }),
    loadConfig: async () => ({ ok: true, config: DEFAULT_CONFIG, files: [] }),
    reports,
    history: new SqliteDeploymentHistory(db),
    commandLog: new SqliteCommandLog(db),
    state: new SqliteStateStore(db, () => 0),
    roleOf: cachedRoleLookup(now),
    enqueue: async () => ({ id: "1", deduped: false, merged: false }),
    now,
    log: pino({ level: "silent" }),
  };
});
afterEach(() => {
  db.close();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("a comment edited before the job read it", () => {
  it("is not obeyed: no permission read, nothing overridden; 😕 and one reply, once", async () => {
    const posted = "Thanks!";
    nock(API)
      .get(`${REPO}/issues/comments/101`)
      .twice()
      .reply(200, commentJson("/gate override slipped in by an edit"))
      .post(`${REPO}/issues/comments/101/reactions`, { content: "confused" })
      .reply(201, { id: 1, content: "confused" })
      .post(`${REPO}/issues/7/comments`, (b: { body: string }) => b.body === EDITED_REPLY)
      .reply(201, { id: 202 });
    const out = await runComment(deps, { ...job, bodyDigest: commentDigest(posted) });
    expect(out).toEqual({ ignored: "the comment was edited after it was posted", outcomes: [] });
    // A retried job reads it again and says nothing more.
    expect(await runComment(deps, { ...job, bodyDigest: commentDigest(posted) })).toMatchObject({
      outcomes: [],
    });
    expect(await reports.getOverride("acme/api", "a".repeat(40))).toBeUndefined();
  });

  it("a comment unchanged but for line endings or Unicode composition is the same comment", () => {
    expect(commentDigest("/deploy staging\r\nthanks é")).toBe(
      commentDigest("/deploy staging\nthanks e\u0301"),
    );
    expect(commentDigest("Thanks!")).not.toBe(commentDigest("Thanks!\n/deploy staging"));
  });

  it("an edit that leaves no command asks nothing (read back, no reaction)", async () => {
    nock(API).get(`${REPO}/issues/comments/101`).reply(200, commentJson("Thanks, fixed the typo"));
    const out = await runComment(deps, { ...job, bodyDigest: commentDigest("Thanks, fixd the typo") });
    expect(out).toEqual({ ignored: "no command in the comment", outcomes: [] });
  });
});
