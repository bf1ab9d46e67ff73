// The event mapper with real payloads (@octokit/webhooks-examples), re-authored as Dependabot's where needed.
import pino from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { mapAutomergeEvents } from "../../src/automerge/events.js";
import type { EnqueueRequest } from "../../src/queue/queue.js";
import { testPrivateKey } from "../support/app-env.js";
import { exampleEvent } from "../support/webhooks.js";

const DEPENDABOT = { login: "dependabot[bot]", id: 49699333, type: "Bot" };

async function deliver(name: string, payload: Record<string, unknown>, id = "delivery-1") {
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: "s",
    log: pino({ level: "silent" }),
  });
  const enqueued: EnqueueRequest[] = [];
  await probot.load((app) =>
    mapAutomergeEvents(app, async (r) => {
      enqueued.push(r);
      return { id: "1", deduped: false, merged: false };
    }),
  );
  await probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
  return enqueued;
}

function pullEvent(action: string, user: Record<string, unknown>) {
  const example = structuredClone(exampleEvent("pull_request", action));
  const pr = example.pull_request as Record<string, unknown>;
  pr.user = { ...(pr.user as object), ...user };
  example.installation = { id: 77, node_id: "x" };
  return example;
}

describe("mapAutomergeEvents", () => {
  it.each(["opened", "synchronize", "labeled", "unlabeled", "reopened"])(
    "pull_request.%s by Dependabot → one automerge job keyed per PR, id from the delivery",
    async (action) => {
      const payload = pullEvent(action, DEPENDABOT);
      const enqueued = await deliver("pull_request", payload, "d-42");
      const pr = payload.pull_request as { number: number };
      const repo = payload.repository as { name: string; owner: { login: string } };
      expect(enqueued).toHaveLength(1);
      expect(enqueued[0]).toMatchObject({
        kind: "automerge",
        id: "automerge:d-42",
        key: `automerge:${repo.owner.login}/${repo.name}#${pr.number}`.toLowerCase(),
        payload: { installationId: 77, owner: repo.owner.login, repo: repo.name, number: pr.number },
      });
    },
  );

  it("a human's PR is ignored", async () => {
    expect(
      await deliver("pull_request", pullEvent("opened", { login: "jane", id: 5, type: "User" })),
    ).toEqual([]);
  });

  it("check_suite.completed → one job per Dependabot PR of the suite", async () => {
    const payload = structuredClone(exampleEvent("check_suite", "completed"));
    const suite = payload.check_suite as { pull_requests: unknown[] };
    suite.pull_requests = [
      {
        number: 3,
        head: { ref: "dependabot/npm_and_yarn/lodash-4.17.21", sha: "a" },
        base: { ref: "main", sha: "b" },
      },
      { number: 4, head: { ref: "feature/x", sha: "c" }, base: { ref: "main", sha: "b" } },
    ];
    payload.installation = { id: 77, node_id: "x" };
    const enqueued = await deliver("check_suite", payload, "cs-1");
    expect(enqueued.map((r) => [r.id, (r.payload as { number: number }).number])).toEqual([
      ["automerge:cs-1:3", 3],
    ]);
  });
});
