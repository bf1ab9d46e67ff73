// Slack faults end to end: the real server (embedded SQLite, its Slack outbox and sender) against the
// simulated GitHub and a simulated Slack (support/slack-sim.ts). Each run replays the demo story (a
// gate failure told to #shop) and deployments (acme/infra: posted to #deploys, updated in place, a
// thread reply on failure; acme/web: one "requested" post to #web) while Slack misbehaves. What the
// channels finally show must equal a fault-free run's: every message, its final content and thread,
// in channel order, nothing extra. GitHub's end state (check runs, comment), taken before the Slack
// outbox drained, must equal the fault-free run's too: Slack trouble must not hold back GitHub work.
// Runs overlap (it.concurrent), but Probot's write throttle is process-wide, so the GitHub half of
// each still goes one write a second. The hour-long outage runs the same sender, SQLite outbox and
// Web API client with an injected clock (the server's own sender runs on the wall clock).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentJob, deploymentStatusJob } from "../../src/deploy/events.js";
import { onDeploymentCreated, onDeploymentStatus } from "../../src/deploy/record-deployment.js";
import type { PostResult, SlackClient } from "../../src/slack/client.js";
import { notifyGateFailure } from "../../src/slack/pull-events.js";
import { createWebApiClient } from "../../src/slack/web-client.js";
import { tempDir } from "../support/app-env.js";
import { configWith, deployHarness } from "../support/deploy-harness.js";
import { deploymentPayload, deploymentStatusPayload } from "../support/deploy-payloads.js";
import { type GitHubSim, type SimRepoState, startGitHubSim } from "../support/github-sim.js";
import { deliver, idle, startApp } from "./support/app.js";
import { type FaultRule, status as githubStatus, injectFaults } from "./support/faults.js";
import { emptyFigures, saveFigures } from "./support/figures.js";
import {
  compareSlack,
  injectSlackFaults,
  SLACK_TOKEN,
  type SlackEndState,
  type SlackFault,
  type SlackFaultRule,
  type SlackSim,
  slackEndState,
  startSlackSim,
} from "./support/slack-sim.js";
import {
  duplicates,
  type EndState,
  effectsLost,
  endState,
  seedRepository,
  storySteps,
} from "./support/story.js";

const figures = emptyFigures();
afterAll(() => saveFigures("slack-faults", figures));
type Mode = "web_api" | "webhook";
const expected: Partial<Record<Mode, { slack: SlackEndState; github: EndState }>> = {};

// --- the deliveries -------------------------------------------------------------------------------

type Payload = Record<string, unknown>;
const INFRA = { owner: "acme", name: "infra" };
const WEB = { owner: "acme", name: "web" };

/** A recorded deployment example pointed at acme/infra (or acme/web), installation 4242 (the demo's). */
function atRepo(p: Payload, target = INFRA): Payload {
  const repo = p.repository as Payload;
  p.repository = {
    ...repo,
    name: target.name,
    full_name: `${target.owner}/${target.name}`,
    html_url: `https://github.com/${target.owner}/${target.name}`,
    owner: { ...(repo.owner as Payload), login: target.owner },
  };
  p.installation = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  return p;
}

interface Delivery {
  event: string;
  payload: Payload;
  /** Changes GitHub's state first (a workflow finishing). */
  before?: ((repo: SimRepoState) => void) | undefined;
}

/** One deployment's events: created, then its statuses a few minutes apart (deterministic times). */
function deployment(id: number, environment: string, states: string[]): Delivery[] {
  return [
    { event: "deployment", payload: atRepo(deploymentPayload({ id, environment })) },
    ...states.map((state, i) => ({
      event: "deployment_status",
      payload: atRepo(
        deploymentStatusPayload(state, { id, environment, at: `2019-05-15T15:${21 + i * 2}:00Z` }),
      ),
    })),
  ];
}

/** The demo story's steps with the deployments between them; the server is idle after each group. */
function schedule(): Delivery[][] {
  const [main, opened, prCi, security] = storySteps().map((s): Delivery[] => [
    { event: s.event, payload: s.payload as Payload, before: s.before },
  ]);
  return [
    main ?? [],
    deployment(501, "staging", ["in_progress", "failure"]),
    opened ?? [],
    prCi ?? [],
    [
      ...deployment(502, "production", ["queued", "in_progress", "success"]),
      // A deployment waiting for approval: only "requested" is ever told (acme/web, #web).
      {
        event: "deployment",
        payload: atRepo(deploymentPayload({ id: 503, environment: "production" }), WEB),
      },
    ],
    security ?? [],
  ];
}

// --- one run --------------------------------------------------------------------------------------

interface Run {
  slack: SlackEndState;
  github: EndState;
  injected: number;
  deliveries: number;
  calls: SlackSim["calls"];
}

async function slackDrained(
  app: Awaited<ReturnType<typeof startApp>>,
  timeoutMs = 60_000,
): Promise<Record<string, number>> {
  const started = Date.now();
  for (;;) {
    const counts = await app.store.slackOutbox.counts();
    if (counts.pending === 0) return counts;
    if (Date.now() - started > timeoutMs)
      throw new Error(`Slack outbox not drained: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function seed(gh: GitHubSim): void {
  const shop = seedRepository(gh);
  shop.files[".github/tollgate.yml"] += '\nslack:\n  channel: "#shop"\n';
  const infra = gh.addRepo(INFRA.owner, INFRA.name);
  infra.files[".github/tollgate.yml"] = 'slack:\n  channel: "#deploys"\n';
  const web = gh.addRepo(WEB.owner, WEB.name);
  web.files[".github/tollgate.yml"] = 'slack:\n  channel: "#web"\n';
}

async function runAll(mode: Mode, rules: SlackFaultRule[], githubRules: FaultRule[] = []): Promise<Run> {
  const gh = await startGitHubSim();
  seed(gh);
  const githubFaults = injectFaults(gh, githubRules);
  const slack = await startSlackSim();
  const faults = injectSlackFaults(slack, rules);
  const app = await startApp(
    gh,
    mode === "web_api"
      ? { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.apiUrl }
      : { SLACK_WEBHOOK_URL: slack.webhookUrl },
  );
  let deliveries = 0;
  const t0 = Date.now();
  try {
    const shop = gh.repos.get("acme/shop");
    for (const group of schedule()) {
      for (const d of group) {
        if (d.before && shop) d.before(shop);
        expect(await deliver(app.webhookUrl, d.event, d.payload)).toBe(202);
        deliveries++;
      }
      await idle(app, 300);
      if (process.env.CHAOS_DEBUG) console.log("group done", Date.now() - t0);
    }
    // GitHub work finished while Slack may still be failing: the sender is not a job.
    const github = endState(gh);
    const counts = await slackDrained(app);
    if (process.env.CHAOS_DEBUG)
      console.log(
        "drained",
        Date.now() - t0,
        gh.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path} ${r.at - t0}`),
      );
    expect(counts.failed, "no Slack message may fail for good").toBe(0);
    const dead = (await app.queue.stats()).byState.dead;
    expect(dead, "no job may end dead").toBe(0);
    return {
      slack: slackEndState(slack),
      github,
      injected: faults.injected() + githubFaults.injected(),
      deliveries,
      calls: slack.calls,
    };
  } finally {
    await app.close(2_000);
    await slack.close();
    await gh.close();
  }
}

function tally(mode: Mode, run: Run): { lost: string[]; dupes: number } {
  const want = expected[mode];
  if (!want) throw new Error(`no fault-free ${mode} run`);
  const slack = compareSlack(want.slack, run.slack);
  const lost = [...slack.lost, ...effectsLost(want.github, run.github)];
  const dupes = slack.duplicates + duplicates(run.github);
  figures.scenarios++;
  figures.faultsInjected += run.injected;
  figures.deliveriesSent += run.deliveries;
  figures.effectsLost += lost.length;
  figures.duplicates += dupes;
  if (process.env.CHAOS_DEBUG)
    console.log(JSON.stringify({ expected: want.slack, actual: run.slack, calls: run.calls }, null, 1));
  return { lost, dupes };
}

// --- faults ---------------------------------------------------------------------------------------

const status = (code: number, headers?: Record<string, string>, body?: unknown): SlackFault => ({
  status: code,
  ...(headers ? { headers } : {}),
  ...(body !== undefined ? { body } : {}),
});
const RATE_LIMITED = status(429, { "retry-after": "1" }, { ok: false, error: "ratelimited" });
const POST = "chat.postMessage";
const UPDATE = "chat.update";

describe("Slack faults: every channel ends as in a fault-free run", () => {
  beforeAll(async () => {
    await Promise.all(
      (["web_api", "webhook"] as const).map(async (mode) => {
        const clean = await runAll(mode, []);
        expected[mode] = { slack: clean.slack, github: clean.github };
        figures.scenarios++;
        figures.deliveriesSent += clean.deliveries;
      }),
    );
    const web = expected.web_api?.slack ?? {};
    // #shop: the gate failure; #deploys: two deployments, the failed one with its thread reply.
    expect(Object.keys(web).sort()).toEqual(["C0DEPLOYS", "C0SHOP", "C0WEB"]);
    expect(web.C0WEB?.[0]?.content).toContain("production: deploy requested");
    expect(web.C0SHOP?.map((m) => m.replies.length)).toEqual([0]);
    expect(web.C0DEPLOYS?.map((m) => m.replies.length)).toEqual([1, 0]);
    expect(web.C0DEPLOYS?.[0]?.content).toContain("staging: deploy failed");
    expect(web.C0DEPLOYS?.[1]?.content).toContain("production: deploy succeeded");
    // The webhook: no updates or threads, one message per terminal deployment state.
    expect(expected.webhook?.slack.webhook?.length).toBe(3);
    expect(expected.web_api?.github.checks.map((c) => c.conclusion)).toEqual(["success", "failure"]);
  }, 120_000);

  // Faults grouped into few runs (one concurrent wave): see the throttle note at the top.
  it.concurrent.each<[string, Mode, SlackFaultRule[], number, FaultRule[]?]>([
    [
      "rate limits: 429 + Retry-After: 1 on posts and updates, a 429 without Retry-After; an update never answered",
      "web_api",
      [
        { method: POST, fault: RATE_LIMITED, times: 2 },
        { method: UPDATE, fault: RATE_LIMITED, times: 2 },
        { method: POST, channel: "#deploys", fault: status(429, {}, { ok: false }), times: 1, after: 1 },
        // Slack applies an update and never answers: the client times out (10 s), the retry is harmless.
        { method: UPDATE, fault: "hang-after", times: 1, after: 1 },
      ],
      0,
    ],
    [
      "server errors: 500s, ok:false internal_error / ratelimited / service_unavailable, an HTML 200; GitHub 502s on a config read",
      "web_api",
      [
        { method: /^chat\./, fault: status(500, {}, "Internal Server Error"), times: 2 },
        { method: POST, fault: status(200, {}, { ok: false, error: "internal_error" }), times: 1, after: 1 },
        { method: UPDATE, fault: status(200, {}, { ok: false, error: "ratelimited" }), times: 1 },
        {
          method: POST,
          fault: status(200, {}, { ok: false, error: "service_unavailable" }),
          times: 1,
          after: 1,
        },
        // A 200 whose body is not Slack's JSON (a proxy's error page): no answer from Slack at all.
        {
          method: POST,
          channel: "#web",
          fault: status(200, {}, "<html><body>502 Bad Gateway</body></html>"),
          times: 1,
        },
      ],
      0,
      // And GitHub: a 502 burst longer than octokit's own retries on reading acme/web's config as its
      // deployment arrives: the deployment job fails and the queue runs it again.
      [{ path: /^\/api\/v3\/repos\/acme\/web\/contents\//, fault: githubStatus(502), times: 4 }],
    ],
    [
      "connection resets before Slack handles posts and updates, and after it applied updates (idempotent)",
      "web_api",
      [
        { method: POST, fault: "reset", times: 1 },
        { method: POST, fault: "reset", times: 1, after: 1 },
        { method: UPDATE, fault: "reset", times: 1 },
        { method: UPDATE, fault: "reset-after", times: 1, after: 1 },
        { method: UPDATE, fault: "reset-after", times: 1, after: 1 },
      ],
      0,
    ],
    [
      "connection reset after Slack accepted a post, a thread reply, and a lookup (answers lost: found by metadata, not posted again)",
      "web_api",
      [
        { method: POST, channel: "#shop", fault: "reset-after", times: 1 },
        // The deployment's first post: its ts comes from conversations.history, so the updates
        // edit that message.
        { method: POST, channel: "#deploys", fault: "reset-after", times: 1 },
        // The second post to #deploys: the failure's thread reply (found with conversations.replies).
        { method: POST, channel: "#deploys", fault: "reset-after", times: 1 },
        // Slack applies #web's post and never answers: the client's timeout (10 s), then the lookup.
        { method: POST, channel: "#web", fault: "hang-after", times: 1 },
        // The first lookup itself loses its answer: a transient failure, looked up again.
        { method: "conversations.history", fault: "reset", times: 1 },
      ],
      0,
    ],
    [
      "webhook: 429 + Retry-After: 1, a 500, a connection reset",
      "webhook",
      [
        { method: "webhook", fault: status(429, { "retry-after": "1" }, "rate_limited"), times: 2 },
        { method: "webhook", fault: status(500, {}, "internal_error"), times: 1, after: 1 },
        { method: "webhook", fault: "reset", times: 1, after: 1 },
      ],
      0,
    ],
  ])("%s", async (_name, mode, rules, knownDuplicates, githubRules = []) => {
    const run = await runAll(mode, rules, githubRules);
    const { lost, dupes } = tally(mode, run);
    // Every planned fault happened (a rule that never fires would prove nothing).
    expect(run.injected).toBe([...rules, ...githubRules].reduce((n, r) => n + r.times, 0));
    expect(lost).toEqual([]);
    if (mode === "web_api") {
      // Each post Slack applied without answering was looked up (a reply in its thread) before any repeat.
      const unanswered = run.calls.filter((c) => c.method === POST && c.outcome.endsWith("-after"));
      const looked = run.calls.filter((c) => c.method.startsWith("conversations.") && c.outcome === "ok");
      const methods = new Set(looked.map((c) => c.method));
      if (unanswered.length > 0) expect(methods).toContain("conversations.history");
      if (unanswered.some((c) => c.params.thread_ts)) expect(methods).toContain("conversations.replies");
    }
    // Known duplicates: none with the Web API (a post whose answer was lost is found by its metadata
    // before it is posted again); a scenario expecting some must say so. Counted in the figures.
    expect(dupes).toBe(knownDuplicates);
    if (knownDuplicates > 0)
      figures.notes.push(
        `${knownDuplicates} duplicate Slack messages, by design: posts whose answer was lost after Slack ` +
          "accepted them are posted again where no lookup is possible (at-least-once)",
      );
  });

  it.concurrent("Slack down, the server restarted with messages pending: the new process sends each once", async () => {
    const want = expected.web_api;
    if (!want) throw new Error("no fault-free run");
    const gh = await startGitHubSim();
    seed(gh);
    const slack = await startSlackSim();
    const env = {
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `sqlite:${join(tempDir("tollgate-chaos-"), "tollgate.db")}`,
    };
    let failed = 0;
    slack.fault = () => {
      failed++;
      return status(503, {}, "upstream connect error");
    };
    let deliveries = 0;
    try {
      // The deployments only (their channels, #deploys and #web, are compared).
      const first = await startApp(gh, env);
      try {
        for (const group of schedule())
          for (const d of group.filter((x) => x.event.startsWith("deployment"))) {
            expect(await deliver(first.webhookUrl, d.event, d.payload)).toBe(202);
            deliveries++;
            await idle(first, 200); // one deployment's events in order across the two deployments
          }
        expect((await first.store.slackOutbox.counts()).pending).toBeGreaterThan(0);
      } finally {
        await first.close(2_000);
      }
      const refusedBeforeRestart = failed;
      slack.fault = undefined;
      const second = await startApp(gh, env);
      try {
        const counts = await slackDrained(second);
        expect(counts.failed).toBe(0);
      } finally {
        await second.close(2_000);
      }
      const actual = slackEndState(slack);
      const wanted: SlackEndState = { C0DEPLOYS: want.slack.C0DEPLOYS ?? [], C0WEB: want.slack.C0WEB ?? [] };
      const { lost, duplicates: dupes } = compareSlack(wanted, actual);
      figures.scenarios++;
      figures.faultsInjected += refusedBeforeRestart + 1; // the 503s, and the restart
      figures.deliveriesSent += deliveries;
      figures.effectsLost += lost.length;
      figures.duplicates += dupes;
      expect(refusedBeforeRestart).toBeGreaterThan(0);
      expect(lost).toEqual([]);
      expect(dupes).toBe(0);
      expect(Object.keys(actual).sort()).toEqual(["C0DEPLOYS", "C0WEB"]);
    } finally {
      await slack.close();
      await gh.close();
    }
  });
});

// --- an hour-long outage, simulated time ---------------------------------------------------------

const MIN = 60_000;

interface OutageRun {
  slack: SlackEndState;
  /** Client calls (posts and updates tried) while Slack was down. */
  attemptsDuringOutage: number;
  byChannel: Record<string, number>;
  /** Calls Slack answered 503 or could not take (connection refused). */
  failedCalls: number;
  /** From Slack's return to the last message delivered. */
  recoveryMs: number;
  counts: Record<string, number>;
  updatesApplied: number;
  events: number;
}

/**
 * The sender, the SQLite outbox and the Web API client over real HTTP to the Slack simulator, the
 * clock injected: "waiting" is moving it to the sender's next due time. With `outage`, Slack answers
 * 503 for 30 minutes, then refuses connections for 30 more, while deployments and gate failures keep
 * being queued; then it is back.
 */
async function outageRun(outage: boolean): Promise<OutageRun> {
  const h = await deployHarness();
  const sim = await startSlackSim();
  h.withSlack("web_api");
  const deploys = configWith({ slack: { channel: "#deploys" } });
  const shop = configWith({ slack: { channel: "#shop" } });
  h.config.current = { ok: true, config: deploys, files: [] };
  const t0 = h.clock.now;
  const start = t0 + MIN;
  const refusedFrom = start + 30 * MIN;
  const end = start + 60 * MIN;
  const down = () => outage && h.clock.now >= start && h.clock.now < end;
  sim.fault = () =>
    outage && h.clock.now >= start && h.clock.now < refusedFrom
      ? { status: 503, body: "upstream connect error" }
      : undefined;

  let attemptsDuringOutage = 0;
  let failedCalls = 0;
  let lastDelivered = 0;
  const web = createWebApiClient({ token: SLACK_TOKEN, apiUrl: sim.apiUrl });
  const byChannel: Record<string, number> = {};
  const counted = async <T>(channel: string, call: () => Promise<T>): Promise<T> => {
    if (down()) {
      attemptsDuringOutage++;
      byChannel[channel] = (byChannel[channel] ?? 0) + 1;
    }
    try {
      const res = await call();
      lastDelivered = h.clock.now;
      return res;
    } catch (error) {
      failedCalls++;
      throw error;
    }
  };
  const client: SlackClient = {
    mode: web.mode,
    post: (channel, message, threadTs, key): Promise<PostResult> =>
      counted(channel, () => web.post(channel, message, threadTs, key)),
    update: (channel, ts, message) => counted(channel, () => web.update(channel, ts, message)),
    // Lookups only follow an attempt Slack may have applied (never a 503 or a refused connection).
    ...(web.findPosted ? { findPosted: web.findPosted } : {}),
  };
  const sender = h.sender(client);

  const deployment = (id: number, environment: string) => async () => {
    const job = deploymentJob(deploymentPayload({ id, environment }) as never);
    if (!job) throw new Error("no deployment job");
    await onDeploymentCreated(h.deps, job);
  };
  const deployStatus = (id: number, environment: string, state: string, minute: number) => async () => {
    const job = deploymentStatusJob(
      deploymentStatusPayload(state, { id, environment, at: `2019-05-15T15:${minute}:00Z` }) as never,
    );
    if (!job) throw new Error("no deployment status job");
    await onDeploymentStatus(h.deps, job);
  };
  const gateFailure = (number: number) => async () => {
    const pull = {
      repo: "acme/shop",
      repoUrl: "https://github.com/acme/shop",
      number,
      title: `PR ${number}`,
      url: `https://github.com/acme/shop/pull/${number}`,
      author: "octocat",
      sha: `${number}`.repeat(40).slice(0, 40),
    };
    await notifyGateFailure(
      { slack: h.deps.slack, state: h.slackDeps.state },
      shop,
      pull,
      "coverage 71% < 80%",
      null,
    );
  };
  const events: { at: number; run: () => Promise<void> }[] = [
    { at: t0, run: deployment(601, "production") },
    { at: start + 5 * MIN, run: deployStatus(601, "production", "in_progress", 22) },
    { at: start + 10 * MIN, run: gateFailure(8) },
    { at: start + 20 * MIN, run: deployStatus(601, "production", "success", 27) },
    { at: start + 25 * MIN, run: deployment(602, "staging") },
    { at: start + 35 * MIN, run: deployStatus(602, "staging", "in_progress", 23) },
    { at: start + 36 * MIN, run: deployStatus(602, "staging", "failure", 25) },
    { at: start + 40 * MIN, run: gateFailure(9) },
    { at: start + 50 * MIN, run: deployment(603, "production") },
    { at: start + 52 * MIN, run: deployStatus(603, "production", "queued", 21) },
    { at: start + 58 * MIN, run: deployStatus(603, "production", "in_progress", 22) },
  ];
  const eventCount = events.length;
  let paused = false;
  try {
    for (let pass = 0; ; pass++) {
      if (pass > 10_000) throw new Error("the sender did not settle");
      while (events[0] && events[0].at <= h.clock.now) await events.shift()?.run();
      if (outage && !paused && h.clock.now >= refusedFrom && h.clock.now < end) {
        await sim.pause();
        paused = true;
      }
      if (paused && h.clock.now >= end) {
        await sim.resume();
        paused = false;
      }
      const r = await sender.drainOnce();
      const boundaries = outage ? [refusedFrom, end].filter((t) => t > h.clock.now) : [];
      const next = Math.min(r.nextDueAt?.getTime() ?? Infinity, events[0]?.at ?? Infinity, ...boundaries);
      if (next === Infinity) break;
      h.clock.now = Math.max(h.clock.now + 1, next);
    }
    const updatesApplied = sim.messages.reduce((n, m) => n + m.edits, 0);
    return {
      slack: slackEndState(sim),
      attemptsDuringOutage,
      byChannel,
      failedCalls,
      recoveryMs: outage ? lastDelivered - end : 0,
      counts: await h.outbox.counts(),
      updatesApplied,
      events: eventCount,
    };
  } finally {
    await sim.close();
    h.close();
  }
}

describe("an hour-long Slack outage (simulated time): real sender, SQLite outbox, Web API client", () => {
  it("every message arrives once, in channel order, updates collapsed; the attempts stay bounded", async () => {
    const clean = await outageRun(false);
    const run = await outageRun(true);
    const { lost, duplicates: dupes } = compareSlack(clean.slack, run.slack);
    figures.scenarios += 2;
    figures.deliveriesSent += clean.events + run.events;
    figures.faultsInjected += run.failedCalls;
    figures.effectsLost += lost.length;
    figures.duplicates += dupes;

    expect(Object.keys(clean.slack).sort()).toEqual(["C0DEPLOYS", "C0SHOP"]);
    expect(clean.slack.C0DEPLOYS?.map((m) => m.replies.length)).toEqual([0, 1, 0]);
    expect(lost).toEqual([]);
    expect(dupes).toBe(0);
    expect(run.counts).toMatchObject({ pending: 0, failed: 0 });
    // Updates queued behind a post that could not go collapse into the newest one.
    expect(run.counts.superseded).toBeGreaterThan(0);
    expect(run.updatesApplied).toBeLessThan(clean.updatesApplied);
    // Backoff 2 s doubling to the 5-minute cap: a channel's head takes 9 tries to reach the cap (510 s),
    // then one per 5 minutes; a superseded update hands over to a fresh head, which ramps again.
    const ramp = 9;
    const bound = 2 * (ramp + (60 * MIN) / (5 * MIN)) + ramp * (run.counts.superseded ?? 0);
    expect(run.attemptsDuringOutage).toBeGreaterThan(10);
    expect(run.attemptsDuringOutage).toBeLessThanOrEqual(bound);
    // Back within one capped backoff, plus a second per message of pacing.
    expect(run.recoveryMs).toBeLessThanOrEqual(5 * MIN + 20_000);
    figures.notes.push(
      `hour-long outage (simulated): ${run.attemptsDuringOutage} Slack attempts in 60 min for 2 channels ` +
        `(bound ${bound}), ${run.counts.superseded} superseded updates, all delivered ` +
        `${Math.round(run.recoveryMs / 1000)} s after Slack returned`,
    );
    if (process.env.CHAOS_DEBUG) console.log(JSON.stringify({ clean, run }, null, 1));
  });
});
