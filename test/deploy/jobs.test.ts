// The registered job kinds accept exactly what the event mappers produce from real payloads, and a
// malformed payload is a bug: dead at once (PermanentError), never retried.
import pino from "pino";
import { describe, expect, it } from "vitest";
import {
  DEPLOY_JOBS,
  deploymentJob,
  deploymentStatusJob,
  followUpRequest,
  protectionJob,
} from "../../src/deploy/events.js";
import { registerDeployJobs } from "../../src/deploy/jobs.js";
import { JobRegistry } from "../../src/jobs/registry.js";
import { isPermanent } from "../../src/queue/errors.js";
import type { Job, Json } from "../../src/queue/queue.js";
import { registerSlackJobs } from "../../src/slack/jobs.js";
import { deployHarness } from "../support/deploy-harness.js";
import { deploymentPayload, deploymentStatusPayload, SHA } from "../support/deploy-payloads.js";

const log = pino({ level: "silent" });
const job = (kind: string, payload: unknown): Job => ({
  id: "j",
  kind,
  payload: payload as Json,
  key: null,
  attempt: 1,
  maxAttempts: 3,
  enqueuedAt: 0,
  signal: new AbortController().signal,
});

describe("deployment job kinds", () => {
  it("registers its kinds once, next to the Slack kind", async () => {
    const h = await deployHarness();
    const jobs = new JobRegistry();
    registerDeployJobs(jobs, () => h.deps);
    registerSlackJobs(jobs, () => h.slackDeps);
    expect(jobs.kinds()).toEqual([
      "deploy.deployment",
      "deploy.follow_up",
      "deploy.protection",
      "deploy.status",
      "slack.workflow_run",
    ]);
    h.close();
  });

  it("runs mapped deployment and status payloads into the history", async () => {
    const h = await deployHarness();
    const jobs = new JobRegistry();
    registerDeployJobs(jobs, () => h.deps);
    await jobs.dispatch(job(DEPLOY_JOBS.deployment, deploymentJob(deploymentPayload() as never)), log);
    await jobs.dispatch(
      job(DEPLOY_JOBS.status, deploymentStatusJob(deploymentStatusPayload("success") as never)),
      log,
    );
    await jobs.dispatch(
      job(DEPLOY_JOBS.followUp, followUpRequest("Codertocat", "Hello-World", SHA, new Date()).payload),
      log,
    );
    const [record] = await h.deps.history.forSha("Codertocat/Hello-World", SHA);
    expect(record).toMatchObject({ environment: "production", status: "success", creator: "Codertocat" });
    h.close();
  });

  it.each([
    [DEPLOY_JOBS.deployment, { owner: "o" }],
    [
      DEPLOY_JOBS.status,
      { ...deploymentStatusJob(deploymentStatusPayload("success") as never), status: { state: "exploded" } },
    ],
    [DEPLOY_JOBS.protection, { ...protectionJob({} as never) }],
    [DEPLOY_JOBS.followUp, { owner: "o", repo: "r", sha: "main" }],
  ])("a malformed %s payload is dead at once", async (kind, payload) => {
    const h = await deployHarness();
    const jobs = new JobRegistry();
    registerDeployJobs(jobs, () => h.deps);
    const error = await jobs.dispatch(job(kind, payload), log).catch((e: unknown) => e);
    expect(isPermanent(error)).toBe(true);
    h.close();
  });
});
