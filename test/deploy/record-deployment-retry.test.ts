// A GitHub failure while reading the repo's config must not lose the deployment's Slack message: the
// job fails before the history changes, so the queue's retry still sees something new and tells Slack.
// (Found by test/chaos/slack-faults.test.ts: the config was read after recording, and the retry,
// finding the deployment already recorded, sent nothing.)
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LoadResult } from "../../src/config/load.js";
import type { DeployDeps } from "../../src/deploy/deps.js";
import { deploymentJob, deploymentStatusJob } from "../../src/deploy/events.js";
import { onDeploymentCreated, onDeploymentStatus } from "../../src/deploy/record-deployment.js";
import { configWith, type DeployHarness, deployHarness } from "../support/deploy-harness.js";
import { deploymentPayload, deploymentStatusPayload } from "../support/deploy-payloads.js";

let h: DeployHarness;
let failReads: number;
let deps: DeployDeps;

beforeEach(async () => {
  h = await deployHarness();
  h.config.current = { ok: true, config: configWith({ slack: { channel: "#deploys" } }), files: [] };
  failReads = 0;
});
afterEach(() => h.close());

function withSlack(mode: "web_api" | "webhook"): void {
  h.withSlack(mode);
  deps = {
    ...h.deps,
    slack: h.deps.slack,
    loadConfig: async (): Promise<LoadResult> => {
      if (failReads > 0) {
        failReads--;
        throw Object.assign(new Error("Bad Gateway"), { status: 502 });
      }
      return h.config.current;
    },
  };
}

const created = () => {
  const job = deploymentJob(deploymentPayload() as never);
  if (!job) throw new Error("no job");
  return job;
};
const status = (state: string) => {
  const job = deploymentStatusJob(deploymentStatusPayload(state, { at: "2019-05-15T15:24:00Z" }) as never);
  if (!job) throw new Error("no job");
  return job;
};

const pendingOps = async () => {
  const heads = await h.outbox.heads();
  return { pending: (await h.outbox.counts()).pending, first: heads[0]?.op };
};

describe("deployment messages survive a failed config read (the job's retry sends them)", () => {
  it("deployment created: the retry posts the message", async () => {
    withSlack("web_api");
    failReads = 1;
    await expect(onDeploymentCreated(deps, created())).rejects.toThrow("Bad Gateway");
    expect((await h.outbox.counts()).pending).toBe(0);
    await expect(onDeploymentCreated(deps, created())).resolves.toEqual({ notified: true });
    expect(await pendingOps()).toEqual({ pending: 1, first: "post" });
    // A redelivery after that sends nothing more.
    await expect(onDeploymentCreated(deps, created())).resolves.toEqual({ notified: false });
  });

  it("deployment status (Web API): the retry queues the update and the failure's thread reply", async () => {
    withSlack("web_api");
    await onDeploymentCreated(deps, created());
    failReads = 1;
    await expect(onDeploymentStatus(deps, status("failure"))).rejects.toThrow("Bad Gateway");
    const retried = await onDeploymentStatus(deps, status("failure"));
    expect(retried.notified).toBe(2);
    expect(retried.record?.status).toBe("failure");
  });

  it("deployment status (webhook, terminal): the retry posts it", async () => {
    withSlack("webhook");
    failReads = 1;
    await expect(onDeploymentStatus(deps, status("success"))).rejects.toThrow("Bad Gateway");
    expect((await onDeploymentStatus(deps, status("success"))).notified).toBe(1);
  });

  it("no config read when nothing could be told (webhook, non-terminal state)", async () => {
    withSlack("webhook");
    failReads = 1;
    await expect(onDeploymentStatus(deps, status("in_progress"))).resolves.toMatchObject({ notified: 0 });
    expect(failReads).toBe(1);
  });
});
