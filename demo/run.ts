// `npm run demo`: Tollgate on its embedded defaults (SQLite, embedded queue) against a simulated GitHub
// on loopback. It sends signed deliveries shaped like GitHub's, waits for the jobs, and prints — and
// writes to demo-output/ — what the app did on GitHub: the check run, the sticky comment, every request.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import pino from "pino";
import { parseEnv } from "../src/env.js";
import type { RunningServer } from "../src/server.js";
import { startServer } from "../src/server.js";
import { apiCalls, type GitHubSim, startGitHubSim } from "../test/support/github-sim.js";
import { signBody } from "../test/support/webhooks.js";
import {
  finishSecurityRun,
  MAIN_SHA,
  OWNER,
  PR_NUMBER,
  PR_SHA,
  pullRequestOpened,
  REPO,
  seedRepository,
  workflowRunCompleted,
} from "./scenario.js";

const OUT = resolve(import.meta.dirname, "../demo-output");
const SECRET = "demo-webhook-secret";

async function deliver(server: RunningServer, event: string, payload: unknown, id = randomUUID()) {
  const body = JSON.stringify(payload);
  const res = await fetch(server.webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": id,
      "x-hub-signature-256": signBody(SECRET, body),
    },
    body,
  });
  return { id, status: res.status };
}

async function idle(server: RunningServer, quietMs = 1_500, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  let quietSince = Date.now();
  while (Date.now() - started < timeoutMs) {
    const { byState } = await server.queue.stats();
    if (byState.pending + byState.running > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("demo: jobs did not finish in time");
}

function snapshot(sim: GitHubSim, label: string) {
  const repo = sim.repos.get(`${OWNER}/${REPO}`);
  const checks = (repo?.checkRuns ?? []).map((c) => ({
    sha: c.head_sha.slice(0, 7),
    status: c.status,
    conclusion: c.conclusion,
    title: c.output.title,
    annotations: c.output.annotations_count,
  }));
  const comments = (repo?.comments ?? []).map((c) => ({ id: c.id, pr: c.issue, chars: c.body.length }));
  console.log(`\n▶ ${label}`);
  for (const c of checks)
    console.log(
      `  check run  ${c.sha}  ${c.status}${c.conclusion ? `/${c.conclusion}` : ""}  “${c.title}”  (${c.annotations} annotations)`,
    );
  for (const c of comments) console.log(`  comment    #${c.pr}  id ${c.id}  ${c.chars} chars`);
  return { label, checks, comments };
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const sim = await startGitHubSim();
  const repo = seedRepository(sim);
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const parsed = parseEnv({
    APP_ID: "1",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: "http",
    PORT: "0",
    DATABASE_URL: `sqlite:${resolve(OUT, "tollgate.db")}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    JUDGE_DEBOUNCE_MS: "300",
    REDELIVERY_SWEEP_MINUTES: "0",
  });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const server = await startServer({
    env: parsed.env,
    log: pino({ level: parsed.env.logLevel }),
    processMetrics: false,
  });
  console.log(`Tollgate demo: app at ${server.url}, simulated GitHub at ${sim.origin}`);
  const steps = [];
  try {
    // 1. main's CI finishes: its reports become the baseline for PRs based on main.
    await deliver(
      server,
      "workflow_run",
      workflowRunCompleted({
        id: 9001,
        name: "CI",
        sha: MAIN_SHA,
        branch: "main",
        conclusion: "success",
        pulls: [],
      }),
    );
    await idle(server);
    steps.push(snapshot(sim, "main's CI finished: baseline stored, check run on main"));

    // 2. A PR is opened: the Tollgate check appears at once, queued.
    await deliver(server, "pull_request", pullRequestOpened());
    await idle(server);
    steps.push(snapshot(sim, `PR #${PR_NUMBER} opened: Tollgate check queued`));

    // 3. The PR's CI finishes while its Security workflow is still running. The same delivery arrives
    //    twice (GitHub redelivers): it runs once.
    const ci = workflowRunCompleted({
      id: 9002,
      name: "CI",
      sha: PR_SHA,
      branch: "feature/discounts",
      conclusion: "failure",
      pulls: [PR_NUMBER],
    });
    const first = await deliver(server, "workflow_run", ci);
    await deliver(server, "workflow_run", ci, first.id);
    await idle(server);
    steps.push(
      snapshot(
        sim,
        "PR's CI finished (delivered twice), Security still running: check in progress, comment posted",
      ),
    );

    // 4. Security finishes: the verdict completes, the same comment is edited.
    finishSecurityRun(repo);
    await deliver(
      server,
      "workflow_run",
      workflowRunCompleted({
        id: 9003,
        name: "Security",
        sha: PR_SHA,
        branch: "feature/discounts",
        conclusion: "success",
        pulls: [PR_NUMBER],
      }),
    );
    await idle(server);
    steps.push(snapshot(sim, "PR's Security finished: check run completed, comment edited in place"));

    // 5. A forged delivery (wrong signature) is refused and changes nothing.
    const forged = await fetch(server.webhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "workflow_run",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": signBody("wrong", "{}"),
      },
      body: "{}",
    });
    console.log(`\n▶ forged delivery answered ${forged.status}; nothing stored, no GitHub call`);
  } finally {
    await server.close(5_000);
    await sim.close();
  }

  const comment = repo.comments.find((c) => c.issue === PR_NUMBER)?.body ?? "(no comment)";
  const check = repo.checkRuns.find((c) => c.head_sha === PR_SHA);
  const calls = apiCalls(sim).map((r) => ({ method: r.method, path: r.path, status: r.status }));
  writeFileSync(resolve(OUT, "pr-comment.md"), comment);
  writeFileSync(resolve(OUT, "check-run.json"), JSON.stringify(check, null, 2));
  writeFileSync(
    resolve(OUT, "check-run-summary.md"),
    `${check?.output.summary ?? ""}\n\n${check?.output.text ?? ""}`,
  );
  writeFileSync(resolve(OUT, "github-requests.json"), JSON.stringify(calls, null, 2));
  writeFileSync(resolve(OUT, "steps.json"), JSON.stringify(steps, null, 2));

  console.log(`\n── The PR comment (demo-output/pr-comment.md) ──\n\n${comment}\n`);
  console.log(`GitHub API requests made by the app: ${calls.length} (demo-output/github-requests.json)`);
  console.log(`Tokens sent to the artifact blob host: ${sim.leakedTokens.length}`);
  const ok = check?.status === "completed" && repo.comments.filter((c) => c.issue === PR_NUMBER).length === 1;
  if (!ok) {
    console.error("demo: the app did not reach the expected end state");
    process.exitCode = 1;
  }
}

await main();
