// src/index.ts's issue_comment.created → `command` job mapping, with GitHub's real payload (re-authored
// as a PR comment: the example package only has issue comments; a PR comment carries `issue.pull_request`).
import pino from "pino";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { commentDigest } from "../../src/commands/comment-digest.js";
import { createApp } from "../../src/index.js";
import type { EnqueueRequest } from "../../src/queue/queue.js";
import { testPrivateKey } from "../support/app-env.js";
import { exampleEvent } from "../support/webhooks.js";

async function deliver(payload: Record<string, unknown>) {
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: "s",
    log: pino({ level: "silent" }),
  });
  const enqueued: EnqueueRequest[] = [];
  await probot.load(
    createApp({
      handles: (kind) => kind === "command",
      enqueue: async (r) => {
        enqueued.push(r);
        return { id: "1", deduped: false, merged: false };
      },
    }),
  );
  await probot.receive({ id: "d-5", name: "issue_comment", payload } as Parameters<Probot["receive"]>[0]);
  return enqueued.filter((r) => r.kind === "command");
}

function prComment(action = "created", user?: Record<string, unknown>) {
  const e = exampleEvent("issue_comment", "created");
  e.action = action;
  const issue = e.issue as Record<string, unknown>;
  issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
  if (user)
    (e.comment as Record<string, unknown>).user = { ...(e.comment as { user: object }).user, ...user };
  return e;
}

describe("issue_comment.created → command job", () => {
  it("a person's comment on a PR → one job (locator only), keyed per PR, id from the delivery", async () => {
    const e = prComment();
    const issue = e.issue as { number: number };
    const comment = e.comment as { id: number };
    expect(await deliver(e)).toEqual([
      {
        kind: "command",
        id: "command:d-5",
        key: `codertocat/hello-world#${issue.number}#commands`,
        payload: {
          installationId: 1,
          owner: "Codertocat",
          repo: "Hello-World",
          number: issue.number,
          commentId: comment.id,
          bodyDigest: commentDigest((e.comment as { body: string }).body),
        },
      },
    ]);
  });

  it("a comment on an issue is not a command", async () => {
    expect(await deliver(exampleEvent("issue_comment", "created"))).toEqual([]);
  });

  it("a bot's comment (this app's own replies) is not a command", async () => {
    expect(await deliver(prComment("created", { login: "tollgate[bot]", type: "Bot" }))).toEqual([]);
  });

  it("an edited comment is not a new command", async () => {
    expect(await deliver(prComment("edited"))).toEqual([]);
  });
});
