// A post whose answer was lost (connection reset after Slack may have applied it) is looked up
// before it is posted again: every Web API post carries message metadata with its outbox key, and
// the retry reads conversations.history for it. Slack mocked with nock at HTTP level, with the
// response shapes Slack documents (conversations.history: {ok, messages: [{ts, text, metadata}],
// has_more, response_metadata: {next_cursor}}; conversations.list: {ok, channels: [{id, name}]}).
import nock from "nock";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/slack/blocks/message.js";
import { maybePostedSince, OutboxSender } from "../../src/slack/sender.js";
import { createWebApiClient } from "../../src/slack/web-client.js";
import { type DeployHarness, deployHarness, SLACK_API } from "../support/deploy-harness.js";

const api = () => nock(SLACK_API.replace(/\/api\/$/, ""));
type Body = Record<string, unknown>;
const RESET = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
const message = (text: string): SlackMessage => ({
  text,
  blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
});

let h: DeployHarness;
let logs: { level: number; msg: string; code?: string }[];
let sender: OutboxSender;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  h = await deployHarness();
  logs = [];
  const log = pino({ level: "info" }, { write: (line: string) => logs.push(JSON.parse(line)) });
  sender = new OutboxSender({
    outbox: h.outbox,
    client: createWebApiClient({ token: "xoxb-test", apiUrl: SLACK_API }),
    now: () => new Date(h.clock.now),
    log,
  });
});
afterEach(() => {
  h.close();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

/** Queues a post remembered under `deploy:<n>`; returns the outbox id. */
const queue = (channel: string, n = 1) =>
  h.outbox.add(
    { channel, op: "post", messageKey: `deploy:${n}`, message: message(`deploy ${n}`) },
    new Date(h.clock.now),
  );

const metadataOf = (b: Body) =>
  JSON.parse(String(b.metadata)) as { event_type: string; event_payload: { outbox_id: string } };

/** The first attempt: Slack takes the post, the answer is lost. Returns the key the post carried. */
async function lostAnswer(): Promise<string> {
  let key = "";
  api()
    .post("/api/chat.postMessage", (b: Body) => {
      key = metadataOf(b).event_payload.outbox_id;
      return metadataOf(b).event_type === "tollgate_message";
    })
    .replyWithError(RESET());
  const r = await sender.drainOnce();
  expect(r.retried).toBe(1);
  h.clock.now = r.nextDueAt?.getTime() ?? h.clock.now;
  return key;
}

const history = (messages: Body[], more?: string) => ({
  ok: true,
  messages,
  has_more: more !== undefined,
  pin_count: 0,
  response_metadata: { next_cursor: more ?? "" },
});
const ours = (ts: string, key: string) => ({
  type: "message",
  ts,
  text: "deploy 1",
  bot_id: "B0TOLLGATE",
  metadata: { event_type: "tollgate_message", event_payload: { outbox_id: key } },
});

describe("a post whose answer was lost", () => {
  it("found in the channel's history: not posted again; its ts is remembered for the update", async () => {
    const id = await queue("#deploys");
    const firstAttempt = h.clock.now;
    const key = await lostAnswer();
    expect(key).toMatch(new RegExp(`^${id}-`));
    let query: Body = {};
    api()
      .post("/api/conversations.list")
      .reply(200, {
        ok: true,
        channels: [
          { id: "C0OTHER", name: "other" },
          { id: "C0DEPLOYS", name: "deploys" },
        ],
        response_metadata: { next_cursor: "" },
      })
      .post("/api/conversations.history", (b: Body) => {
        query = b;
        return true;
      })
      .reply(200, history([{ type: "message", ts: "1700000000.000300", text: "someone else" }], "c2"))
      .post("/api/conversations.history", (b: Body) => b.cursor === "c2")
      .reply(200, history([ours("1700000000.000200", "999-1"), ours("1700000000.000100", key)]));

    const r = await sender.drainOnce();
    expect(r.sent).toBe(1);
    expect(query).toMatchObject({ channel: "C0DEPLOYS", include_all_metadata: "true" });
    // From a little before the first attempt (clock skew), in Slack's seconds.
    expect(Number(query.oldest) * 1000).toBeLessThan(firstAttempt);
    expect(Number(query.oldest) * 1000).toBeGreaterThan(firstAttempt - 10 * 60_000);
    expect(await h.outbox.messageTs("deploy:1")).toEqual({ channel: "C0DEPLOYS", ts: "1700000000.000100" });
    expect(logs.some((l) => l.msg.startsWith("Slack had posted the message"))).toBe(true);
  });

  it("not in the history: posted again, once", async () => {
    await queue("C0DEPLOYS");
    const key = await lostAnswer();
    let posts = 0;
    api()
      .post("/api/conversations.history")
      .reply(200, history([ours("1700000000.000200", "999-1"), { type: "message", ts: "1", text: "hi" }]))
      .post(
        "/api/chat.postMessage",
        (b: Body) => metadataOf(b).event_payload.outbox_id === key && ++posts > 0,
      )
      .reply(200, { ok: true, channel: "C0DEPLOYS", ts: "1700000000.000400", message: { ts: "1" } });
    const r = await sender.drainOnce();
    expect(r.sent).toBe(1);
    expect(posts).toBe(1);
    expect(await h.outbox.messageTs("deploy:1")).toEqual({ channel: "C0DEPLOYS", ts: "1700000000.000400" });
  });

  it("missing_scope: posted again (at-least-once), and the info log says which scope would help, once", async () => {
    await queue("C0DEPLOYS", 1);
    await queue("C0WEB", 2);
    api().post("/api/chat.postMessage").times(2).replyWithError(RESET());
    let r = await sender.drainOnce();
    expect(r.retried).toBe(2);
    h.clock.now = r.nextDueAt?.getTime() ?? h.clock.now;
    api()
      .post("/api/conversations.history")
      .times(2)
      .reply(200, { ok: false, error: "missing_scope", needed: "channels:history", provided: "chat:write" })
      .post("/api/chat.postMessage")
      .times(2)
      .reply(200, { ok: true, channel: "C0DEPLOYS", ts: "1700000000.000500", message: { ts: "1" } });
    r = await sender.drainOnce();
    expect(r.sent).toBe(2);
    const told = logs.filter((l) => l.msg.includes("channels:history"));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ level: 30, code: "missing_scope" });
  });

  it("a lookup that fails transiently is retried (Retry-After kept); nothing is posted meanwhile", async () => {
    const id = await queue("C0DEPLOYS");
    const key = await lostAnswer();
    api()
      .post("/api/conversations.history")
      .reply(429, { ok: false, error: "ratelimited" }, { "retry-after": "7" })
      .post("/api/conversations.history")
      .replyWithError(RESET());
    const before = h.clock.now;
    let r = await sender.drainOnce();
    expect(r).toMatchObject({ sent: 0, retried: 1 });
    expect(r.nextDueAt?.getTime()).toBe(before + 7000);
    h.clock.now = r.nextDueAt?.getTime() ?? h.clock.now;
    r = await sender.drainOnce();
    expect(r).toMatchObject({ sent: 0, retried: 1 });
    // Still known as possibly posted, from the first attempt on.
    const entry = await h.outbox.get(id);
    expect(maybePostedSince(entry?.lastError ?? null)).not.toBeNull();
    h.clock.now = r.nextDueAt?.getTime() ?? h.clock.now;
    api()
      .post("/api/conversations.history")
      .reply(200, history([ours("1700000000.000600", key)]));
    r = await sender.drainOnce();
    expect(r.sent).toBe(1);
    expect(await h.outbox.messageTs("deploy:1")).toMatchObject({ ts: "1700000000.000600" });
  });

  it("once possibly posted, a later refusal (429) does not forget it: the next try still looks first", async () => {
    await queue("C0DEPLOYS");
    const key = await lostAnswer();
    api()
      .post("/api/conversations.history")
      .reply(200, history([]))
      .post("/api/chat.postMessage")
      .reply(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
    let r = await sender.drainOnce();
    expect(r.retried).toBe(1);
    h.clock.now = r.nextDueAt?.getTime() ?? h.clock.now;
    api()
      .post("/api/conversations.history")
      .reply(200, history([ours("1700000000.000700", key)]));
    r = await sender.drainOnce();
    expect(r.sent).toBe(1);
  });

  it("a refusal alone (429, ok:false) means it was not posted: the retry posts without a lookup", async () => {
    await queue("C0DEPLOYS");
    api()
      .post("/api/chat.postMessage")
      .reply(200, { ok: false, error: "ratelimited" })
      .post("/api/chat.postMessage")
      .reply(200, { ok: true, channel: "C0DEPLOYS", ts: "1700000000.000800", message: { ts: "1" } });
    let r = await sender.drainOnce();
    expect(r.retried).toBe(1);
    h.clock.now = r.nextDueAt?.getTime() ?? h.clock.now;
    r = await sender.drainOnce();
    expect(r.sent).toBe(1);
  });
});
