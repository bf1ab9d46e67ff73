// A simulated Slack on loopback (node:http): the Web API's chat.postMessage and chat.update, the
// reads conversations.history / conversations.replies (message metadata with include_all_metadata,
// `oldest`, cursor pages, channel ids only) and conversations.list, and an incoming webhook, with the answer shapes Slack documents ({ok, channel, ts} / {ok: false, error},
// 429 + Retry-After, the webhook's plain "ok"). It records every message Slack accepted, so a test can
// compare what a channel finally shows. A fault hook answers instead (like the GitHub simulator's);
// pause() stops listening, so calls meet "connection refused" until resume().
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const SLACK_TOKEN = "xoxb-chaos-test";
const WEBHOOK_PATH = "/services/T0CHAOS/B0CHAOS/chaoschaoschaos";

export interface SlackSimMessage {
  /** Channel id (Slack answers with ids, e.g. C0DEPLOYS for "#deploys"); "webhook" for the webhook. */
  channel: string;
  ts: string;
  /** The parent's ts for a thread reply. */
  threadTs: string | null;
  /** text + blocks + attachments as Slack shows them now (after updates). */
  content: string;
  edits: number;
  /** Message metadata posted with it ({event_type, event_payload}), if any. */
  metadata: unknown;
}

export interface SlackCall {
  /** "chat.postMessage", "chat.update" or "webhook". */
  method: string;
  /** Request parameters (form fields decoded, JSON fields parsed). */
  params: Record<string, unknown>;
}

/** An injected answer: an HTTP status (with headers/body), "reset" (socket destroyed before Slack
 * handles the call), "reset-after" (Slack handles it, the answer is lost) or "hang-after" (Slack
 * handles it and never answers: the client's timeout ends the call). */
export type SlackFault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | "reset"
  | "reset-after"
  | "hang-after";

export interface SlackSim {
  origin: string;
  /** For SLACK_API_URL. */
  apiUrl: string;
  /** For SLACK_WEBHOOK_URL. */
  webhookUrl: string;
  /** Every message accepted, in the order Slack accepted them. */
  messages: SlackSimMessage[];
  /** Every call that reached the simulator (faulted ones too), with its outcome. */
  calls: (SlackCall & { outcome: string })[];
  fault?: (call: SlackCall) => SlackFault | undefined;
  /** false: the token lacks channels:history / channels:read, the reads answer missing_scope. */
  historyScope: boolean;
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

const channelId = (name: string) =>
  name.startsWith("C") && !name.startsWith("#") ? name : `C0${name.replace(/^#/, "").toUpperCase()}`;

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType.includes("json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // WebClient sends objects (blocks, attachments) as JSON strings inside the form.
    const json = (k === "blocks" || k === "attachments") && v.startsWith("[");
    out[k] = json || (k === "metadata" && v.startsWith("{")) ? JSON.parse(v) : v;
  }
  return out;
}

const contentOf = (p: Record<string, unknown>) =>
  JSON.stringify({ text: p.text ?? null, blocks: p.blocks ?? null, attachments: p.attachments ?? null });

export async function startSlackSim(): Promise<SlackSim> {
  const messages: SlackSimMessage[] = [];
  const calls: SlackSim["calls"] = [];
  let seq = 0;
  /** Channels Slack has seen a chat.* call for (what conversations.list shows). */
  const known = new Set<string>();
  let port = 0;
  let server: Server | undefined;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      "content-type": typeof body === "string" ? "text/plain" : "application/json; charset=utf-8",
      ...headers,
    });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };

  /** Slack's own handling of a call; returns the answer it would give. */
  function handle(call: SlackCall, authorized: boolean): { status: number; body: unknown } {
    const p = call.params;
    if (call.method === "webhook") {
      messages.push({
        channel: "webhook",
        ts: `w${++seq}`,
        threadTs: null,
        content: contentOf(p),
        edits: 0,
        metadata: null,
      });
      return { status: 200, body: "ok" };
    }
    if (!authorized) return { status: 200, body: { ok: false, error: "not_authed" } };
    if (call.method.startsWith("conversations.")) return read(call.method, p);
    const channel = channelId(String(p.channel ?? ""));
    known.add(channel);
    if (call.method === "chat.postMessage") {
      // Slack's ts: its clock's seconds, unique and increasing (the sequence as the fraction).
      const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, "0")}`;
      const threadTs = typeof p.thread_ts === "string" ? p.thread_ts : null;
      if (threadTs && !messages.some((m) => m.channel === channel && m.ts === threadTs))
        return { status: 200, body: { ok: false, error: "thread_not_found" } };
      messages.push({ channel, ts, threadTs, content: contentOf(p), edits: 0, metadata: p.metadata ?? null });
      return { status: 200, body: { ok: true, channel, ts, message: { ts, text: p.text } } };
    }
    if (call.method === "chat.update") {
      const m = messages.find((x) => x.channel === channel && x.ts === p.ts);
      if (!m) return { status: 200, body: { ok: false, error: "message_not_found" } };
      m.content = contentOf(p);
      m.edits++;
      return { status: 200, body: { ok: true, channel, ts: m.ts, text: p.text } };
    }
    return { status: 200, body: { ok: false, error: "unknown_method" } };
  }

  /** conversations.list / history / replies, as Slack answers them. */
  function read(method: string, p: Record<string, unknown>): { status: number; body: unknown } {
    if (!sim.historyScope)
      return {
        status: 200,
        body: { ok: false, error: "missing_scope", needed: "channels:history", provided: "chat:write" },
      };
    if (method === "conversations.list") {
      const ids = [...known];
      const channels = ids.map((id) => ({ id, name: id.slice(2).toLowerCase(), is_channel: true }));
      return { status: 200, body: { ok: true, channels, response_metadata: { next_cursor: "" } } };
    }
    const channel = String(p.channel ?? "");
    // The conversations.* reads take channel ids only, unlike chat.postMessage.
    if (!/^C[A-Z0-9]+$/.test(channel))
      return { status: 200, body: { ok: false, error: "channel_not_found" } };
    const oldest = Number(p.oldest ?? 0);
    const limit = Math.min(Number(p.limit ?? 100) || 100, 1000);
    const from = Number(p.cursor ?? 0) || 0;
    const thread = method === "conversations.replies" ? String(p.ts ?? "") : null;
    if (method !== "conversations.history" && method !== "conversations.replies")
      return { status: 200, body: { ok: false, error: "unknown_method" } };
    const all = messages
      .filter((m) => m.channel === channel && Number(m.ts) >= oldest)
      .filter((m) => (thread === null ? m.threadTs === null : m.ts === thread || m.threadTs === thread));
    // history: newest first; replies: the parent, then the thread in order.
    if (thread === null) all.reverse();
    const page = all.slice(from, from + limit);
    const more = from + limit < all.length;
    const withMetadata = p.include_all_metadata === true || p.include_all_metadata === "true";
    return {
      status: 200,
      body: {
        ok: true,
        messages: page.map((m) => ({
          type: "message",
          ts: m.ts,
          text: (JSON.parse(m.content) as { text: unknown }).text,
          ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
          ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
        })),
        has_more: more,
        response_metadata: { next_cursor: more ? String(from + limit) : "" },
      },
    };
  }

  const sim: SlackSim = {
    historyScope: true,
    origin: "",
    apiUrl: "",
    webhookUrl: "",
    messages,
    calls,
    pause: () => stop(),
    resume: async () => {
      await listen(port);
    },
    close: () => stop(),
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://slack").pathname;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method =
      path === WEBHOOK_PATH ? "webhook" : path.startsWith("/api/") ? path.slice("/api/".length) : path;
    const call: SlackCall = {
      method,
      params: parseParams(Buffer.concat(chunks).toString("utf8"), req.headers["content-type"] ?? ""),
    };
    const record = { ...call, outcome: "" };
    calls.push(record);
    const injected = sim.fault?.(call);
    if (injected === "reset") {
      record.outcome = "reset";
      req.socket.destroy();
      return;
    }
    if (injected && typeof injected === "object") {
      record.outcome = `fault ${injected.status}`;
      json(res, injected.status, injected.body ?? "injected fault", injected.headers);
      return;
    }
    const answer = handle(call, req.headers.authorization === `Bearer ${SLACK_TOKEN}`);
    if (injected === "reset-after") {
      record.outcome = "reset-after";
      req.socket.destroy();
      return;
    }
    if (injected === "hang-after") {
      record.outcome = "hang-after";
      return; // stop() closes the socket
    }
    const ok = typeof answer.body === "string" || (answer.body as { ok?: boolean }).ok === true;
    record.outcome = ok ? "ok" : `error ${(answer.body as { error?: string }).error}`;
    json(res, answer.status, answer.body);
  };

  function stop(): Promise<void> {
    const s = server;
    if (!s?.listening) return Promise.resolve();
    return new Promise((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections(); // keep-alive sockets would otherwise still reach the old server
    });
  }

  function listen(at: number): Promise<number> {
    const s = createServer((req, res) => {
      onRequest(req, res).catch((err: unknown) => json(res, 500, { ok: false, error: String(err) }));
    });
    server = s;
    return new Promise((resolve) =>
      s.listen(at, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)),
    );
  }
  port = await listen(0);
  sim.origin = `http://127.0.0.1:${port}`;
  sim.apiUrl = `${sim.origin}/api/`;
  sim.webhookUrl = `${sim.origin}${WEBHOOK_PATH}`;
  return sim;
}

/** A fault for some calls: which calls (method, optional channel name), how many, after how many of
 * the matching calls that no earlier rule answered. */
export interface SlackFaultRule {
  method: string | RegExp;
  channel?: string;
  fault: SlackFault;
  times: number;
  after?: number;
}

/** Installs `rules` on the simulator; returns a counter of the faults actually injected. */
export function injectSlackFaults(sim: SlackSim, rules: SlackFaultRule[]): { injected: () => number } {
  let injected = 0;
  const seen = rules.map(() => 0);
  sim.fault = (call) => {
    // A rule sees the calls no earlier rule answered: rules listed in turn take turns.
    for (const [i, rule] of rules.entries()) {
      const methodOk =
        typeof rule.method === "string" ? rule.method === call.method : rule.method.test(call.method);
      if (!methodOk || (rule.channel !== undefined && rule.channel !== call.params.channel)) continue;
      const n = seen[i] ?? 0;
      seen[i] = n + 1;
      const after = rule.after ?? 0;
      if (n >= after && n < after + rule.times) {
        injected++;
        return rule.fault;
      }
    }
    return undefined;
  };
  return { injected: () => injected };
}

/** What the channels finally show: per channel, top-level messages in order, each with its thread. */
export interface SlackEndState {
  [channel: string]: { content: string; replies: string[] }[];
}

export function slackEndState(sim: SlackSim): SlackEndState {
  const out: SlackEndState = {};
  for (const m of sim.messages) {
    if (m.threadTs !== null) continue;
    const replies = sim.messages
      .filter((r) => r.channel === m.channel && r.threadTs === m.ts)
      .map((r) => r.content);
    const list = out[m.channel] ?? [];
    list.push({ content: m.content, replies });
    out[m.channel] = list;
  }
  return out;
}

/**
 * Compares a run's Slack with a fault-free run's. `lost`: expected messages (final content, thread
 * replies) missing, different or out of order in their channel. `duplicates`: messages (top-level
 * and replies) beyond the ones matched to an expected message.
 */
export function compareSlack(
  expected: SlackEndState,
  actual: SlackEndState,
): { lost: string[]; duplicates: number } {
  const lost: string[] = [];
  let matched = 0;
  for (const [channel, list] of Object.entries(expected)) {
    const got = actual[channel] ?? [];
    let from = 0;
    for (const [i, m] of list.entries()) {
      // In order: each expected message must appear after the previous one's match.
      const at = got.findIndex((g, j) => j >= from && g.content === m.content);
      if (at < 0) {
        const anywhere = got.some((g) => g.content === m.content);
        lost.push(`${channel} message #${i} ${anywhere ? "out of order" : "missing or different"}`);
        continue;
      }
      matched++;
      from = at + 1;
      const replies = [...(got[at]?.replies ?? [])];
      for (const r of m.replies) {
        const k = replies.indexOf(r);
        if (k < 0) lost.push(`${channel} message #${i}: a thread reply is missing`);
        else {
          replies.splice(k, 1);
          matched++;
        }
      }
    }
  }
  const total = Object.values(actual)
    .flat()
    .reduce((n, m) => n + 1 + m.replies.length, 0);
  return { lost, duplicates: total - matched };
}
