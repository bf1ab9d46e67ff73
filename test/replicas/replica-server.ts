/**
 * One replica for the multi-replica test: the real server (env from the process environment, so
 * DATABASE_URL=postgres://… and REDIS_URL pick the scale-out backends) with stand-in feature jobs:
 *   collect  (from workflow_run.completed) appends `collect <job id> <pid>` to $MARKER_DIR/events and
 *            enqueues a `publish` for the commit, debounced and keyed by repo@sha like the real judge job;
 *   publish  makes the commit's two effects on the simulated GitHub ($SIM_ORIGIN) the idempotent way
 *            (find the `Tollgate` check run by name + sha and the comment by its marker; edit, else create).
 * Two publishes of one commit that raced would both find nothing and POST twice: the test counts POSTs.
 * Marker lines: `<kind> <job id> <pid> <epoch ms>`. Prints {"url": …} on stdout once listening.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { loadEnv } from "../../src/env.js";
import { exitOnSignals, startServer } from "../../src/server.js";

const markerDir = process.env.MARKER_DIR;
const sim = process.env.SIM_ORIGIN;
if (!markerDir || !sim) throw new Error("MARKER_DIR and SIM_ORIGIN are required");
const events = join(markerDir, "events");
const MARKER = "<!-- tollgate:report -->";

const collectPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  runId: z.number(),
  headSha: z.string(),
  pullNumbers: z.array(z.number()),
});
const publishPayload = collectPayload.pick({ owner: true, repo: true, headSha: true, pullNumbers: true });

/** The bench's fixed GitHub latency per request (0 in the test). */
const latencyMs = Number(process.env.SIM_LATENCY_MS ?? "0");
/** How long a collect job works (so a kill -9 finds some in flight). */
const collectMs = Number(process.env.COLLECT_MS ?? "0");

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  const res = await fetch(`${sim}/api/v3${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
  return res.json();
}

async function publish(p: z.infer<typeof publishPayload>): Promise<void> {
  const base = `/repos/${p.owner}/${p.repo}`;
  const found = z
    .object({ check_runs: z.array(z.object({ id: z.number() })) })
    .parse(await call("GET", `${base}/commits/${p.headSha}/check-runs?check_name=Tollgate`));
  const output = { title: "Tollgate", summary: `judged ${p.headSha}` };
  const first = found.check_runs[0];
  if (first) await call("PATCH", `${base}/check-runs/${first.id}`, { conclusion: "success", output });
  else
    await call("POST", `${base}/check-runs`, {
      name: "Tollgate",
      head_sha: p.headSha,
      conclusion: "success",
      status: "completed",
      output,
    });
  for (const number of p.pullNumbers) {
    const comments = z
      .array(z.object({ id: z.number(), body: z.string() }))
      .parse(await call("GET", `${base}/issues/${number}/comments?per_page=100`));
    const mine = comments.find((c) => c.body.includes(MARKER));
    const body = `${MARKER}\nverdict for ${p.headSha}`;
    if (mine) await call("PATCH", `${base}/issues/comments/${mine.id}`, { body });
    else await call("POST", `${base}/issues/${number}/comments`, { body });
  }
}

const env = loadEnv();
const server = await startServer({
  env,
  features: false,
  processMetrics: false,
  registerJobs: ({ jobs, queue }) => {
    jobs.register("collect", async (job) => {
      const p = collectPayload.parse(job.payload);
      appendFileSync(events, `collect-start ${job.id} ${process.pid} ${Date.now()}\n`);
      await new Promise((resolve) => setTimeout(resolve, collectMs));
      await queue.enqueue({
        kind: "publish",
        id: `publish:${job.id}`,
        key: `${p.owner}/${p.repo}@${p.headSha}`,
        debounceMs: Number(process.env.PUBLISH_DEBOUNCE_MS ?? "100"),
        debounceMaxWaitMs: 2000,
        payload: { owner: p.owner, repo: p.repo, headSha: p.headSha, pullNumbers: p.pullNumbers },
      });
      appendFileSync(events, `collect ${job.id} ${process.pid} ${Date.now()}\n`);
    });
    jobs.register("publish", async (job) => {
      await publish(publishPayload.parse(job.payload));
      appendFileSync(events, `publish ${job.id} ${process.pid} ${Date.now()}\n`);
    });
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
exitOnSignals(() => server.close(), env.shutdownDeadlineMs, server.log);
