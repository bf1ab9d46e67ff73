// The check run's buttons: the event mapper with GitHub's real check_run.requested_action payload, and
// the button job against GitHub at HTTP level (nock, strict), under the commands' permission table.
import nock from "nock";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CommandsDeps } from "../../src/commands/deps.js";
import { BUTTON_JOB, mapCommandEvents } from "../../src/commands/events.js";
import { cachedRoleLookup } from "../../src/commands/permission-cache.js";
import { type ButtonJob, runButton } from "../../src/commands/run-button.js";
import { SqliteCommandLog } from "../../src/commands/sqlite-command-log.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import type { EnqueueRequest } from "../../src/queue/queue.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";
import { SqliteStateStore } from "../../src/store/sqlite-state.js";
import { testPrivateKey } from "../support/app-env.js";
import { exampleEvent } from "../support/webhooks.js";

const API = "https://api.github.com";
const REPO = "/repos/acme/api";
const SHA = "5bd5f196a46b8222fb7484f05faba41a73cf34bd";

async function deliver(payload: Record<string, unknown>) {
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: "s",
    log: pino({ level: "silent" }),
  });
  const enqueued: EnqueueRequest[] = [];
  await probot.load((app) =>
    mapCommandEvents(app, async (r) => {
      enqueued.push(r);
      return { id: "1", deduped: false, merged: false };
    }),
  );
  await probot.receive({ id: "d-9", name: "check_run", payload } as Parameters<Probot["receive"]>[0]);
  return enqueued;
}

function buttonEvent(identifier: string, name = "Tollgate") {
  const e = exampleEvent("check_run", "requested_action");
  (e.check_run as { name: string }).name = name;
  e.requested_action = { identifier };
  return e;
}

describe("mapCommandEvents", () => {
  it("a button on the Tollgate check run → one command_button job with the sender and the PRs", async () => {
    const enqueued = await deliver(buttonEvent("rerun_failed"));
    expect(enqueued).toEqual([
      {
        kind: BUTTON_JOB,
        id: `${BUTTON_JOB}:d-9`,
        key: `electron/electron@${SHA}`,
        payload: expect.objectContaining({
          owner: "electron",
          repo: "electron",
          sha: SHA,
          identifier: "rerun_failed",
          sender: "codebytere",
          senderType: "User",
          deliveryId: "d-9",
          pullNumbers: [26764],
        }),
      },
    ]);
  });

  it("another app's check run is not ours", async () => {
    expect(await deliver(buttonEvent("rerun_failed", "API Review"))).toEqual([]);
  });
});

let db: SqliteDatabase;
let deps: CommandsDeps;
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  db = await openSqlite("sqlite::memory:");
  const octokit = new ProbotOctokit({
    auth: { token: "t" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const now = () => new Date("2026-11-03T10:00:00Z");
  deps = {
    octokitFor: async () => octokit,
    loadConfig: async () => ({ ok: true, config: DEFAULT_CONFIG, files: [] }),
    reports: {
      setOverride: async () => {},
      getOverride: async () => undefined,
      getVerdict: async () => undefined,
    },
    history: { forEnvironment: async () => [], forSha: async () => [] },
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

const job = (identifier: string, over: Partial<ButtonJob> = {}): ButtonJob => ({
  installationId: 1,
  owner: "acme",
  repo: "api",
  sha: SHA,
  identifier,
  sender: "jane",
  senderType: "User",
  deliveryId: "d-1",
  pullNumbers: [7],
  ...over,
});

const permission = (permission: string, roleName: string) =>
  nock(API)
    .get(`${REPO}/collaborators/jane/permission`)
    .reply(200, { permission, role_name: roleName, user: { login: "jane" } });

function replyCapture(): { body: string } {
  const captured = { body: "" };
  nock(API)
    .post(`${REPO}/issues/7/comments`, (b: { body: string }) => {
      captured.body = b.body;
      return true;
    })
    .reply(201, { id: 1 });
  return captured;
}

describe("runButton", () => {
  it("Re-run failed jobs by a writer re-runs the failed runs, silently", async () => {
    permission("write", "write");
    nock(API)
      .get(`${REPO}/actions/runs`)
      .query({ head_sha: SHA, per_page: "100" })
      .reply(200, {
        total_count: 1,
        workflow_runs: [{ id: 5, name: "CI", status: "completed", conclusion: "timed_out", html_url: "h" }],
      })
      .post(`${REPO}/actions/runs/5/rerun-failed-jobs`)
      .reply(201, {});
    expect(await runButton(deps, job("rerun_failed"))).toMatchObject({ result: "done" });
    expect(await deps.commandLog.forPull("acme/api", 7, 5)).toEqual([
      expect.objectContaining({ source: "button:d-1", actor: "jane", result: "done" }),
    ]);
  });

  it("Re-run failed jobs by a triager is refused with a reply; nothing re-run", async () => {
    permission("read", "triage");
    const reply = replyCapture();
    expect(await runButton(deps, job("rerun_failed"))).toMatchObject({ result: "refused" });
    expect(reply.body).toContain("needs write");
  });

  it("Override… by a maintainer asks for the command with a reason; no override stored", async () => {
    let stored = false;
    deps.reports.setOverride = async () => {
      stored = true;
    };
    permission("write", "maintain");
    const reply = replyCapture();
    expect(await runButton(deps, job("override"))).toMatchObject({ result: "done" });
    expect(reply.body).toContain("`/gate override <reason>`");
    expect(stored).toBe(false);
  });

  it("Override… by a writer is refused", async () => {
    permission("write", "write");
    const reply = replyCapture();
    expect(await runButton(deps, job("override"))).toMatchObject({ result: "refused" });
    expect(reply.body).toContain("needs maintain or admin");
  });

  it("the same delivery twice acts once", async () => {
    permission("write", "maintain");
    replyCapture();
    await runButton(deps, job("override"));
    expect(await runButton(deps, job("override"))).toBeUndefined();
  });

  it("an unknown action or a bot sender is ignored without a request", async () => {
    expect(await runButton(deps, job("lgtm|26764"))).toBeUndefined();
    expect(await runButton(deps, job("rerun_failed", { senderType: "Bot" }))).toBeUndefined();
  });
});
