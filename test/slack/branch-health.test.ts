// "main is red" then recovered: exactly two Slack messages for one incident, whatever happens between.
import nock from "nock";
import pino from "pino";
import { Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EnqueueRequest } from "../../src/queue/queue.js";
import { onWorkflowRunCompleted } from "../../src/slack/branch-health.js";
import { mapSlackEvents, workflowRunJob } from "../../src/slack/events.js";
import { createWebApiClient } from "../../src/slack/web-client.js";
import { testPrivateKey } from "../support/app-env.js";
import {
  configWith,
  type DeployHarness,
  deployHarness,
  GITHUB_API,
  SLACK_API,
} from "../support/deploy-harness.js";
import { exampleEvent } from "../support/webhooks.js";

type Payload = Record<string, unknown> & { workflow_run: Record<string, unknown> };

/**
 * The recorded workflow_run.completed (Codertocat/Hello-World, default branch main). It was recorded
 * for a run from another repository's main; here it becomes this repository's own push run.
 */
function runPayload(conclusion: string, runNumber: number, over: Record<string, unknown> = {}): Payload {
  const p = structuredClone(exampleEvent("workflow_run", "completed")) as Payload;
  p.workflow_run.head_repository = structuredClone(p.repository);
  p.workflow_run.event = "push";
  p.installation = { id: 99 };
  Object.assign(p.workflow_run, { conclusion, run_number: runNumber, id: 1000 + runNumber, ...over });
  return p;
}

let h: DeployHarness;
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  h = await deployHarness();
  h.config.current = { ok: true, config: configWith({ slack: { channel: "#ci" } }), files: [] };
  h.withSlack("web_api");
});
afterEach(() => {
  h.close();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function job(conclusion: string, runNumber: number, over: Record<string, unknown> = {}) {
  const j = workflowRunJob(runPayload(conclusion, runNumber, over) as never);
  if (!j) throw new Error("not a default-branch run");
  return j;
}

describe("default branch red → green", () => {
  it("red, red again, green, green again: exactly two Slack messages, naming the failing jobs", async () => {
    const first = job("failure", 10);
    nock(GITHUB_API)
      .get(`/repos/${first.owner}/${first.repo}/actions/runs/1010/jobs`)
      .query(true)
      .reply(200, {
        total_count: 2,
        jobs: [
          { id: 1, name: "test (3.12)", conclusion: "failure", status: "completed" },
          { id: 2, name: "lint", conclusion: "success", status: "completed" },
        ],
      });
    const outcomes = [];
    outcomes.push(await onWorkflowRunCompleted(h.slackDeps, first));
    h.clock.now += 600_000;
    outcomes.push(await onWorkflowRunCompleted(h.slackDeps, job("failure", 11)));
    outcomes.push(await onWorkflowRunCompleted(h.slackDeps, job("cancelled", 12)));
    h.clock.now += 600_000;
    outcomes.push(await onWorkflowRunCompleted(h.slackDeps, job("success", 13)));
    outcomes.push(await onWorkflowRunCompleted(h.slackDeps, job("failure", 9))); // older run finishing late
    outcomes.push(await onWorkflowRunCompleted(h.slackDeps, job("success", 14)));
    expect(outcomes).toEqual(["red", "unchanged", "ignored", "green", "ignored", "unchanged"]);

    const texts: string[] = [];
    nock(SLACK_API.replace(/\/api\/$/, ""))
      .post("/api/chat.postMessage", (b: Record<string, unknown>) => texts.push(String(b.attachments)) > 0)
      .times(2)
      .reply(200, { ok: true, channel: "C1", ts: "1.1" });
    const sender = h.sender(createWebApiClient({ token: "xoxb", apiUrl: SLACK_API }));
    for (let i = 0; i < 4; i++) {
      await sender.drainOnce();
      h.clock.now += 1000;
    }
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain("is red");
    expect(texts[0]).toContain("• test (3.12)");
    expect(texts[0]).not.toContain("• lint");
    expect(texts[1]).toContain("is green again");
    expect(texts[1]).toContain("passed after 20m 0s red");
  });

  it("a red message still goes out when the jobs cannot be listed", async () => {
    const j = job("failure", 1);
    nock(GITHUB_API).get(`/repos/${j.owner}/${j.repo}/actions/runs/1001/jobs`).query(true).reply(500, {});
    expect(await onWorkflowRunCompleted(h.slackDeps, j)).toBe("red");
    const [entry] = await h.outbox.heads();
    expect(JSON.stringify(entry?.message)).toContain("(not listed)");
  });

  it.each([
    ["a pull_request run", { event: "pull_request" }],
    ["a fork's run on its own default branch", { head_repository: { full_name: "someone/fork" } }],
  ])("ignores %s", async (_name, over) => {
    expect(await onWorkflowRunCompleted(h.slackDeps, job("failure", 1, over))).toBe("ignored");
    expect(await h.outbox.counts()).toMatchObject({ pending: 0 });
  });

  it("the mapper enqueues only default-branch runs, keyed per workflow", async () => {
    const enqueued: EnqueueRequest[] = [];
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      secret: "s",
      log: pino({ level: "silent" }),
    });
    mapSlackEvents(probot, async (r) => {
      enqueued.push(r);
      return { id: r.id ?? "", deduped: false, merged: false };
    });
    const onMain = runPayload("failure", 3);
    await probot.receive({ id: "d-1", name: "workflow_run", payload: onMain as never });
    const onBranch = runPayload("failure", 4, { head_branch: "feature" });
    await probot.receive({ id: "d-2", name: "workflow_run", payload: onBranch as never });
    expect(enqueued.map((r) => r.id)).toEqual(["slack.workflow_run:d-1"]);
    expect(enqueued[0]?.key).toMatch(/^branch-health:Codertocat\/Hello-World:\d+$/);
  });
});
