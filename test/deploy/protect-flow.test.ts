// The protection rule end to end at HTTP level: a real-shaped deployment_protection_rule payload →
// the event mapper's job → decision → GitHub's callback endpoint (nock), including the pending case
// (status report, then the decision after the verdict) and GitHub's 422 for a second answer.
import nock from "nock";
import pino from "pino";
import { Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEPLOY_JOBS, followUpRequest, mapDeployEvents, protectionJob } from "../../src/deploy/events.js";
import { onProtectionRequested, type ProtectionJob, protectionFollowUp } from "../../src/deploy/protect.js";
import { isPermanent } from "../../src/queue/errors.js";
import type { EnqueueRequest } from "../../src/queue/queue.js";
import type { VerdictConclusion } from "../../src/store/reports.js";
import { testPrivateKey } from "../support/app-env.js";
import { type DeployHarness, deployHarness, GITHUB_API } from "../support/deploy-harness.js";
import {
  deploymentPayload,
  deploymentStatusPayload,
  protectionRulePayload,
  SHA,
} from "../support/deploy-payloads.js";

const REPO = "Codertocat/Hello-World";
const CALLBACK = "/repos/Codertocat/Hello-World/actions/runs/1234/deployment_protection_rule";

let h: DeployHarness;
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  h = await deployHarness();
});
afterEach(() => {
  h.close();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function job(environment = "production"): ProtectionJob {
  const j = protectionJob(protectionRulePayload({ environment }) as never);
  if (!j) throw new Error("payload did not map");
  return j;
}

async function verdict(conclusion: VerdictConclusion) {
  await h.reports.saveVerdict({
    repo: REPO,
    sha: SHA,
    conclusion,
    summary: `gate ${conclusion}`,
    coveragePct: null,
    decidedAt: new Date(h.clock.now),
  });
}

async function deployed(environment: string, state: "success" | "failure", id = 1) {
  await h.deps.history.recordCreated({
    repo: REPO,
    deploymentId: id,
    environment,
    sha: SHA,
    ref: "master",
    creator: "Codertocat",
    createdAt: new Date(h.clock.now),
  });
  await h.deps.history.recordStatus({
    repo: REPO,
    deploymentId: id,
    state,
    at: new Date(h.clock.now),
    logUrl: null,
    environmentUrl: null,
  });
}

function expectCallback(check: (body: Record<string, unknown>) => boolean, status = 204) {
  const bodies: Record<string, unknown>[] = [];
  const scope = nock(GITHUB_API)
    .post(CALLBACK, (body: Record<string, unknown>) => {
      bodies.push(body);
      return check(body);
    })
    .reply(
      status,
      status === 422
        ? { message: "No pending deployment requests to approve or reject", status: "422" }
        : undefined,
    );
  return { scope, bodies };
}

describe("deployment_protection_rule: the event mapper", () => {
  it("turns the delivery into a protection job keyed by the deployment's sha", async () => {
    const enqueued: EnqueueRequest[] = [];
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      secret: "s",
      log: pino({ level: "silent" }),
    });
    mapDeployEvents(probot, async (r) => {
      enqueued.push(r);
      return { id: r.id ?? "x", deduped: false, merged: false };
    });
    const payload = protectionRulePayload();
    const installationId = (payload.installation as { id: number }).id;
    await probot.receive({ id: "d-77", name: "deployment_protection_rule", payload: payload as never });
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]).toMatchObject({
      kind: DEPLOY_JOBS.protection,
      id: "deploy.protection:d-77",
      key: `protect:${REPO}@${SHA}`,
      payload: { environment: "production", sha: SHA, runId: 1234, installationId },
    });
  });

  it("deployment and its statuses share one key, so they run in order", async () => {
    const enqueued: EnqueueRequest[] = [];
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      secret: "s",
      log: pino({ level: "silent" }),
    });
    mapDeployEvents(probot, async (r) => {
      enqueued.push(r);
      return { id: r.id ?? "x", deduped: false, merged: false };
    });
    await probot.receive({ id: "d-1", name: "deployment", payload: deploymentPayload() as never });
    await probot.receive({
      id: "d-2",
      name: "deployment_status",
      payload: deploymentStatusPayload("success") as never,
    });
    expect(enqueued.map((r) => [r.kind, r.id])).toEqual([
      [DEPLOY_JOBS.deployment, "deploy.deployment:d-1"],
      [DEPLOY_JOBS.status, "deploy.status:d-2"],
    ]);
    expect(new Set(enqueued.map((r) => r.key))).toEqual(new Set([`deploy:${REPO}#145988746`]));
    expect(enqueued[1]?.payload).toMatchObject({
      status: { state: "success", logUrl: "https://github.com/Codertocat/Hello-World/actions/runs/42" },
    });
  });

  it("a payload without a callback URL is ignored", () => {
    const p = protectionRulePayload();
    delete p.deployment_callback_url;
    expect(protectionJob(p as never)).toBeNull();
  });
});

describe("deployment_protection_rule over HTTP: gate × staging", () => {
  type Gate = "passed" | "failed" | "overridden" | "missing";
  type Prev = "succeeded" | "failed" | "never";
  it.each<[Gate, Prev, "approved" | "rejected" | "status report"]>([
    ["passed", "succeeded", "approved"],
    ["passed", "failed", "rejected"],
    ["passed", "never", "rejected"],
    ["failed", "succeeded", "rejected"],
    ["failed", "failed", "rejected"],
    ["failed", "never", "rejected"],
    ["overridden", "succeeded", "approved"],
    ["overridden", "failed", "rejected"],
    ["overridden", "never", "rejected"],
    ["missing", "succeeded", "status report"],
    ["missing", "failed", "rejected"],
    ["missing", "never", "rejected"],
  ])("gate %s, staging %s → %s", async (gate, prev, expected) => {
    if (gate === "passed") await verdict("success");
    if (gate === "failed" || gate === "overridden") await verdict("failure");
    if (gate === "overridden")
      await h.reports.setOverride(REPO, SHA, {
        by: "maintainer",
        reason: "known flaky",
        at: new Date(h.clock.now),
      });
    if (prev !== "never") await deployed("staging", prev === "succeeded" ? "success" : "failure");
    const { bodies } = expectCallback(() => true);
    await onProtectionRequested(h.deps, job());
    const body = bodies[0] ?? {};
    expect(body.environment_name).toBe("production");
    expect(body.state ?? "status report").toBe(expected);
    expect(String(body.comment).length).toBeLessThanOrEqual(1024);
  });
});

describe("deployment_protection_rule: answers through the callback URL", () => {
  it("approves when the gate passed and staging succeeded", async () => {
    await verdict("success");
    await deployed("staging", "success");
    const { bodies } = expectCallback((b) => b.state === "approved");
    const out = await onProtectionRequested(h.deps, job());
    expect(out.answer).toBe("sent");
    expect(bodies[0]).toEqual({
      environment_name: "production",
      state: "approved",
      comment:
        "Tollgate approved f95f852 for production: gate passed: gate success; deployed successfully to staging.",
    });
  });

  it("rejects, naming what is missing, when the gate failed and staging never saw the sha", async () => {
    await verdict("failure");
    const { bodies } = expectCallback((b) => b.state === "rejected");
    await onProtectionRequested(h.deps, job());
    expect(String(bodies[0]?.comment)).toContain(
      "f95f852 has not deployed successfully to staging (it was never deployed there)",
    );
    expect(String(bodies[0]?.comment)).toContain("the Tollgate gate of f95f852 failed: gate failure");
  });

  it("approves an environment that is not protected without looking at the gate", async () => {
    expectCallback((b) => b.state === "approved" && b.environment_name === "github-pages");
    expect((await onProtectionRequested(h.deps, job("github-pages"))).decision.state).toBe("approved");
  });

  it("rejects with the config problem when .github/tollgate.yml is invalid (fails closed)", async () => {
    h.config.current = {
      ok: false,
      errors: [{ path: "deployments.protect[0]", message: '"prod" is not in deployments.order' }],
    };
    const { bodies } = expectCallback((b) => b.state === "rejected");
    await onProtectionRequested(h.deps, job());
    expect(String(bodies[0]?.comment)).toContain("deployments.protect[0]");
  });

  it("a second answer (422) counts as already answered", async () => {
    await verdict("success");
    await deployed("staging", "success");
    expectCallback(() => true, 422);
    expect((await onProtectionRequested(h.deps, job())).answer).toBe("already_answered");
  });

  it("a 404 from the callback (run gone) is permanent, not retried", async () => {
    await verdict("success");
    await deployed("staging", "success");
    nock(GITHUB_API).post(CALLBACK).reply(404, { message: "Not Found" });
    const error = await onProtectionRequested(h.deps, job()).catch((e: unknown) => e);
    expect(isPermanent(error)).toBe(true);
  });

  it("a 502 from the callback is thrown for the queue to retry", async () => {
    await verdict("success");
    await deployed("staging", "success");
    nock(GITHUB_API).post(CALLBACK).reply(502, "bad gateway");
    const error = await onProtectionRequested(h.deps, job()).catch((e: unknown) => e);
    expect(isPermanent(error)).toBe(false);
    expect((error as { status?: number }).status).toBe(502);
  });

  it("while the gate is pending: one status report (no state), then the decision when the verdict concludes", async () => {
    await verdict("pending");
    await deployed("staging", "success");
    const report = expectCallback((b) => !("state" in b));
    const first = await onProtectionRequested(h.deps, job());
    expect(first).toMatchObject({ decision: { state: "waiting" }, answer: "status_report" });
    expect(report.bodies[0]).toEqual({
      environment_name: "production",
      comment:
        "Tollgate is waiting: the gate of f95f852 is still pending (CI running). Already deployed successfully to staging. The decision follows when the gate concludes.",
    });
    // A redelivery or a follow-up while still pending says nothing new (no request: nock would fail).
    expect((await onProtectionRequested(h.deps, job())).answer).toBe("no_report");
    expect(
      (await protectionFollowUp(h.deps, { owner: "Codertocat", repo: "Hello-World" }, SHA))[0]?.answer,
    ).toBe("no_report");

    await verdict("success");
    expectCallback((b) => b.state === "approved");
    const later = await protectionFollowUp(h.deps, { owner: "Codertocat", repo: "Hello-World" }, SHA);
    expect(later.map((o) => o.answer)).toEqual(["sent"]);
    expect(await h.deps.pending.forSha(REPO, SHA)).toEqual([]);
  });

  it("a pending request is rejected when the verdict fails", async () => {
    await verdict("pending");
    await deployed("staging", "success");
    expectCallback((b) => !("state" in b));
    await onProtectionRequested(h.deps, job());
    await verdict("failure");
    expectCallback((b) => b.state === "rejected");
    expect(
      (await protectionFollowUp(h.deps, { owner: "Codertocat", repo: "Hello-World" }, SHA))[0]?.decision
        .state,
    ).toBe("rejected");
  });

  it("the follow-up job request is keyed like the protection job and unique per verdict", () => {
    const r = followUpRequest("Codertocat", "Hello-World", SHA, new Date(5));
    expect(r).toMatchObject({
      kind: DEPLOY_JOBS.followUp,
      key: `protect:${REPO}@${SHA}`,
      payload: { sha: SHA },
    });
  });
});
