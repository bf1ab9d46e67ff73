// GitHub faults end to end: the real server against the simulated GitHub, the demo's story replayed under
// each fault. The end state on GitHub must equal a fault-free run's: one check run per sha with the same
// conclusion and output, one comment per PR with the same body, nothing posted twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitHubSim, startGitHubSim } from "../support/github-sim.js";
import { deliver, idle, startApp } from "./support/app.js";
import { type FaultRule, injectFaults, status } from "./support/faults.js";
import { emptyFigures, saveFigures } from "./support/figures.js";
import {
  duplicates,
  type EndState,
  effectsLost,
  endState,
  PR_SHA,
  seedRepository,
  storySteps,
} from "./support/story.js";

const figures = emptyFigures();
let expected: EndState;

interface Run {
  state: EndState;
  injected: number;
  deliveries: number;
}

async function runStory(
  rules: FaultRule[],
  options: {
    redeliver?: number;
    deleteCommentBeforeLast?: boolean;
    /** Faults the rules cannot express; returns a counter of the ones injected. */
    setup?: (sim: GitHubSim) => () => number;
  } = {},
): Promise<Run> {
  const sim = await startGitHubSim();
  const repo = seedRepository(sim);
  const faults = injectFaults(sim, rules);
  const extra = options.setup?.(sim);
  const app = await startApp(sim);
  let deliveries = 0;
  try {
    const steps = storySteps();
    for (const [i, step] of steps.entries()) {
      step.before?.(repo);
      if (options.deleteCommentBeforeLast && i === steps.length - 1) repo.comments.length = 0;
      const id = crypto.randomUUID();
      for (let n = 0; n <= (options.redeliver ?? 0); n++) {
        const code = await deliver(app.webhookUrl, step.event, step.payload, id);
        expect(code).toBe(202);
        deliveries++;
      }
      await idle(app);
    }
    const dead = (await app.queue.stats()).byState.dead;
    expect(dead, "no job may end dead").toBe(0);
    return { state: endState(sim), injected: faults.injected() + (extra?.() ?? 0), deliveries };
  } finally {
    await app.close(2_000);
    await sim.close();
  }
}

function tally(run: Run): { lost: string[]; dupes: number } {
  const lost = effectsLost(expected, run.state);
  const dupes = duplicates(run.state);
  figures.scenarios++;
  figures.faultsInjected += run.injected;
  figures.deliveriesSent += run.deliveries;
  figures.effectsLost += lost.length;
  figures.duplicates += dupes;
  return { lost, dupes };
}

const API = (p: string) => new RegExp(`^/api/v3/repos/acme/shop${p}$`);
const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

describe("GitHub faults: the end state equals a fault-free run's", () => {
  beforeAll(async () => {
    const clean = await runStory([]);
    expected = clean.state;
    figures.scenarios++;
    figures.deliveriesSent += clean.deliveries;
    expect(expected.checks.map((c) => [c.sha.slice(0, 7), c.status, c.conclusion])).toEqual([
      ["5a1e0c3", "completed", "success"],
      ["9f8e7d6", "completed", "failure"],
    ]);
    expect(expected.comments).toHaveLength(1);
  });
  afterAll(() => saveFigures("github-faults", figures));

  it.each<[string, FaultRule[]]>([
    [
      "500 burst on check-run writes",
      [{ path: /\/check-runs/, method: "PATCH", fault: status(500), times: 2 }],
    ],
    [
      "502 burst on listing artifacts, longer than octokit's retries (the queue retries the job)",
      [{ path: API("/actions/runs/\\d+/artifacts"), fault: status(502), times: 4 }],
    ],
    [
      "503 on the first 5 API requests, whatever they are",
      [{ path: /^\/api\/v3\/repos\//, fault: status(503), times: 5 }],
    ],
    [
      "connection reset before GitHub handles the comment POST",
      [{ path: API("/issues/7/comments"), method: "POST", fault: "reset", times: 2 }],
    ],
    [
      "connection reset after GitHub created the check run and the comment (answers lost)",
      [
        { path: API("/check-runs"), method: "POST", fault: "reset-after", times: 1 },
        { path: API("/issues/7/comments"), method: "POST", fault: "reset-after", times: 1 },
      ],
    ],
    [
      "GitHub hangs (no answer) on reading the PR and on the check-run update",
      [
        { path: API("/pulls/7"), fault: "hang", times: 1 },
        { path: /\/check-runs\/\d+$/, method: "PATCH", fault: "hang", times: 1 },
      ],
    ],
    ["reset of artifact blob downloads", [{ path: /^\/blob\//, fault: "reset", times: 3 }]],
    [
      "403 secondary rate limit with Retry-After on check-run and comment writes",
      [
        { path: /\/check-runs/, fault: status(403, { "retry-after": "1" }, SECONDARY), times: 2 },
        {
          path: /\/issues\/(7\/)?comments/,
          method: "PATCH",
          fault: status(403, { "retry-after": "1" }, SECONDARY),
          times: 1,
        },
      ],
    ],
    [
      "installation token exchange fails (500, then reset)",
      [
        { path: /^\/api\/v3\/app\/installations\/\d+\/access_tokens$/, fault: status(500), times: 1 },
        { path: /^\/api\/v3\/app\/installations\/\d+\/access_tokens$/, fault: "reset", times: 1, after: 1 },
      ],
    ],
    [
      "installation token rejected mid-job (401 Bad credentials on a read)",
      [{ path: API("/pulls/7"), fault: status(401, {}, "Bad credentials"), times: 1 }],
    ],
    [
      "installation token rejected in the last job, seconds after it was issued (401 Bad credentials)",
      [{ path: API("/pulls/7"), fault: status(401, {}, "Bad credentials"), times: 1, after: 1 }],
    ],
  ])("%s", async (_name, rules) => {
    const run = await runStory(rules);
    const { lost, dupes } = tally(run);
    if (process.env.CHAOS_DEBUG) console.log(JSON.stringify({ expected, actual: run.state }, null, 1));
    expect(run.injected).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(dupes).toBe(0);
  });

  // A token GitHub stops accepting before the app's cache (59 minutes) lets it go: revoked (the app's
  // permissions changed, the installation was re-created) or expired (clock skew, a long job). The app
  // must fetch a fresh one and carry on, not dead-letter the job as "Bad credentials".
  const unauthorized = (sim: GitHubSim) => () => sim.requests.filter((r) => r.status === 401).length;
  it.each<[string, (sim: GitHubSim) => () => number]>([
    [
      "installation token revoked mid-job (every request with it gets 401 until a new one is fetched)",
      (sim) => {
        let seen = 0;
        sim.fault = (req) => {
          if (req.path.startsWith("/api/v3/repos/") && ++seen === 12) sim.revokeTokens();
          return undefined;
        };
        return unauthorized(sim);
      },
    ],
    [
      "installation tokens expire mid-story (GitHub issues them for 5.5 s here, the app caches for 59 min)",
      (sim) => {
        sim.tokenTtlMs = 5_500;
        return unauthorized(sim);
      },
    ],
  ])("%s", async (_name, setup) => {
    const run = await runStory([], { setup });
    const { lost, dupes } = tally(run);
    expect(run.injected).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(dupes).toBe(0);
  });

  // 410 cannot end like a fault-free run: the artifact is gone for good. What must hold instead: no
  // retry loop, the other artifacts are still read, and the check run says which one expired.
  it("410 Gone for an artifact that expired between listing and download: told, not retried", async () => {
    const gone = [
      {
        path: API("/actions/artifacts/90022/zip"),
        fault: status(410, {}, "Artifact has expired"),
        times: 99,
      },
    ];
    const sim = await startGitHubSim();
    const repo = seedRepository(sim);
    const faults = injectFaults(sim, gone);
    const app = await startApp(sim);
    try {
      for (const step of storySteps()) {
        step.before?.(repo);
        expect(await deliver(app.webhookUrl, step.event, step.payload)).toBe(202);
        figures.deliveriesSent++;
        await idle(app);
      }
      figures.scenarios++;
      figures.faultsInjected += faults.injected();
      expect((await app.queue.stats()).byState.dead).toBe(0);
      const downloads = sim.requests.filter((r) => r.path.includes("/actions/artifacts/90022/zip")).length;
      expect(downloads, "downloaded once per judged run, not retried").toBeLessThanOrEqual(2);
      const state = endState(sim);
      const dupes = duplicates(state);
      figures.duplicates += dupes;
      expect(dupes).toBe(0);
      const pr = state.checks.find((c) => c.sha === PR_SHA);
      const told = `${pr?.summary ?? ""}\n${repo.checkRuns.find((c) => c.head_sha === PR_SHA)?.output.text ?? ""}`;
      if (!/coverage-report/.test(told) || !/expired/i.test(told)) figures.effectsLost++;
      expect(told).toMatch(/coverage-report[^\n]*expired/i);
      expect(pr?.conclusion).toBe(expected.checks.find((c) => c.sha === PR_SHA)?.conclusion);
      expect(state.comments).toHaveLength(1);
      expect(state.comments[0]?.body).toContain("### Tests"); // the test results artifact was still read
    } finally {
      await app.close(2_000);
      await sim.close();
    }
  });

  it("a redelivered event (each delivery three times) runs once", async () => {
    const run = await runStory([], { redeliver: 2 });
    const { lost, dupes } = tally(run);
    expect(lost).toEqual([]);
    expect(dupes).toBe(0);
  });

  it("404 for a comment deleted by someone: it is re-created, once", async () => {
    const run = await runStory([], { deleteCommentBeforeLast: true });
    const { lost, dupes } = tally(run);
    expect(lost).toEqual([]);
    expect(dupes).toBe(0);
  });
});
