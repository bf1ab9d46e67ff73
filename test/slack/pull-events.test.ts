import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notifyAutomerge, notifyGateFailure } from "../../src/slack/pull-events.js";
import { SqliteStateStore } from "../../src/store/sqlite-state.js";
import { configWith, type DeployHarness, deployHarness } from "../support/deploy-harness.js";

let h: DeployHarness;
beforeEach(async () => {
  h = await deployHarness();
  h.withSlack("webhook");
});
afterEach(() => h.close());

const pull = {
  repo: "octo/app",
  repoUrl: "https://github.com/octo/app",
  number: 3,
  title: "Add feature",
  url: "https://github.com/octo/app/pull/3",
  author: "mona",
  sha: "0123456789abcdef0123456789abcdef01234567",
};

describe("PR events", () => {
  it("a gate failure is told once per PR head sha", async () => {
    const deps = { slack: h.deps.slack, state: new SqliteStateStore(h.db, () => h.clock.now) };
    const config = configWith({});
    expect(await notifyGateFailure(deps, config, pull, "1 of 5 gates failed", null)).toMatchObject({
      queued: true,
    });
    expect(await notifyGateFailure(deps, config, pull, "1 of 5 gates failed", null)).toEqual({
      queued: false,
      reason: "already_told",
    });
    expect(await notifyGateFailure(deps, config, { ...pull, sha: "f".repeat(40) }, "x", null)).toMatchObject({
      queued: true,
    });
  });

  it("auto-merge decisions follow slack.notify", async () => {
    expect(
      await notifyAutomerge(
        h.deps.slack,
        configWith({ slack: { notify: ["deployment"] } }),
        pull,
        "merged",
        "ok",
      ),
    ).toEqual({ queued: false, reason: "event_disabled" });
    expect(
      await notifyAutomerge(h.deps.slack, configWith({}), pull, "skipped", "major update"),
    ).toMatchObject({ queued: true });
  });
});
