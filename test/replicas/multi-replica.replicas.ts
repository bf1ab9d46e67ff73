/**
 * Three real app processes on one PostgreSQL and one Redis share 2,000 signed deliveries (10 %
 * duplicated, some duplicates sent to another replica at the same time) across 50 repos and 200
 * commits; one replica is killed with SIGKILL in the middle and restarted. Every commit must end with
 * exactly one check run and one comment, made by exactly one POST each, and no delivery may be lost.
 * Run with `npm run test:replicas` (needs TEST_DATABASE_URL and TEST_REDIS_URL; .ci/run sets them).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_REDIS_URL } from "../queue/bullmq-queue-harness.js";
import { dropSchema, freshSchema, TEST_DATABASE_URL } from "../store/postgres-harness.js";
import { tempDir, testEnvVars } from "../support/app-env.js";
import { type GitHubSim, startGitHubSim } from "../support/github-sim.js";
import { waitFor } from "../support/wait.js";
import { deliveryHeaders, exampleEvent } from "../support/webhooks.js";
import { type Replica, spawnReplica } from "./spawn-replica.js";

const REPLICAS = 3;
const REPOS = 50;
const COMMITS = 200;
const DELIVERIES = 2000;
const UNIQUE = Math.round(DELIVERIES / 1.1); // 1,818 unique + 182 duplicates = 2,000 POSTs, ~10 %
const KILL_AT = 900;
const RESTART_AT = 1300;
const SENDERS = 16;

const pgUrl = TEST_DATABASE_URL;
const redisUrl = TEST_REDIS_URL;

interface Planned {
  id: string;
  body: string;
}

function sha(commit: number): string {
  return commit.toString(16).padStart(40, "c");
}

function plan(): Planned[] {
  const template = exampleEvent("workflow_run", "completed");
  const unique: Planned[] = [];
  for (let d = 0; d < UNIQUE; d++) {
    const commit = d % COMMITS;
    const repo = commit % REPOS;
    const event = structuredClone(template) as {
      workflow_run: Record<string, unknown>;
      repository: Record<string, unknown> & { owner: Record<string, unknown> };
      installation?: Record<string, unknown>;
    };
    event.workflow_run.id = 100_000 + d;
    event.workflow_run.head_sha = sha(commit);
    event.workflow_run.pull_requests = [{ number: commit + 1, id: commit + 1, url: "", head: {}, base: {} }];
    event.repository.name = `repo-${repo}`;
    event.repository.full_name = `org/repo-${repo}`;
    event.repository.owner.login = "org";
    event.installation = { id: 1, node_id: "x" };
    unique.push({ id: `d-${d}-${commit}`, body: JSON.stringify(event) });
  }
  // Every 10th delivery is sent again, some right away (racing on another replica), some much later.
  const all = [...unique];
  for (let i = 0; all.length < DELIVERIES; i += 10) {
    const dup = unique[i % UNIQUE];
    if (!dup) break;
    const at = i % 20 === 0 ? Math.min(all.length, i + 1) : Math.min(all.length, i + 600);
    all.splice(at, 0, dup);
  }
  return all;
}

const run = pgUrl !== undefined && redisUrl !== undefined ? describe : describe.skip;
if (!pgUrl || !redisUrl) {
  console.warn("multi-replica test skipped: TEST_DATABASE_URL and TEST_REDIS_URL are required");
}

run("many replicas on PostgreSQL + Redis", () => {
  const replicas: (Replica | undefined)[] = [];
  let sim: GitHubSim | undefined;
  const schema = freshSchema();

  afterAll(async () => {
    for (const r of replicas) r?.child.kill("SIGKILL");
    await sim?.close();
    if (pgUrl) await dropSchema(pgUrl, schema);
  });

  it("2,000 deliveries, one replica killed and restarted: one check run and one comment per commit, nothing lost", async () => {
    if (!pgUrl || !redisUrl) return;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const redisDbUrl = `${redisUrl}/5`;
    const redis = new Redis(redisDbUrl);
    await redis.flushdb();
    redis.disconnect();

    sim = await startGitHubSim();
    for (let r = 0; r < REPOS; r++) sim.addRepo("org", `repo-${r}`);
    const markers = tempDir("tollgate-replicas-");
    const databaseUrl = `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const vars = testEnvVars({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisDbUrl,
      GHE_HOST: sim.host,
      GHE_PROTOCOL: "http",
      MARKER_DIR: markers,
      SIM_ORIGIN: sim.origin,
      JOB_LEASE_MS: "2000",
      COLLECT_MS: "50",
      SIM_LATENCY_MS: "5",
      WORKER_CONCURRENCY: "8",
      LOG_LEVEL: "error",
    });
    for (let i = 0; i < REPLICAS; i++) replicas.push(await spawnReplica(vars));

    const deliveries = plan();
    let next = 0;
    let sent = 0;
    let retriedOnOtherReplica = 0;
    let victimPid = 0;
    const statuses = new Map<number, number>();
    const started = Date.now();
    const send = async (p: Planned, index: number) => {
      for (let attempt = 0; ; attempt++) {
        const live = replicas.filter((r): r is Replica => r !== undefined);
        const target = live[(index + attempt) % live.length];
        if (!target) throw new Error("no live replica");
        try {
          const res = await fetch(`${target.url}/api/github/webhooks`, {
            method: "POST",
            headers: deliveryHeaders({ id: p.id, event: "workflow_run", body: p.body }),
            body: p.body,
          });
          await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status < 500) return;
        } catch {
          // The replica died mid-request: a load balancer (or GitHub's redelivery) sends it elsewhere.
        }
        retriedOnOtherReplica++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const sender = async () => {
      for (;;) {
        const index = next++;
        const p = deliveries[index];
        if (!p) return;
        if (index === KILL_AT) {
          const victim = replicas[1];
          victimPid = victim?.child.pid ?? 0;
          replicas[1] = undefined;
          victim?.child.kill("SIGKILL");
          if (victim) expect(await victim.exited).toBe("SIGKILL");
        }
        if (index === RESTART_AT) replicas[1] = await spawnReplica(vars);
        await send(p, index);
        sent++;
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    const sendSeconds = (Date.now() - started) / 1000;
    expect(sent).toBe(DELIVERIES);

    const events = () => {
      const file = join(markers, "events");
      return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
    };
    const commitsDone = () => {
      let n = 0;
      for (const repo of sim?.repos.values() ?? []) {
        n += new Set(repo.checkRuns.map((c) => c.head_sha)).size;
      }
      return n;
    };
    const uniqueIds = new Set(deliveries.map((d) => d.id));
    await waitFor(
      () => {
        const collected = new Set(
          events()
            .filter((l) => l.startsWith("collect "))
            .map((l) => l.split(" ")[1]),
        );
        return collected.size === uniqueIds.size && commitsDone() === COMMITS;
      },
      "every delivery collected and every commit published",
      120_000,
      250,
    );
    // Let debounced follow-ups and re-runs of the killed replica's jobs settle.
    await waitFor(
      async () => {
        const { rows } = await admin.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${schema}.deliveries WHERE status <> 'done'`,
        );
        return rows[0]?.n === "0";
      },
      "every delivery marked done",
      60_000,
      250,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const totalSeconds = (Date.now() - started) / 1000;

    const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.deliveries`);
    await admin.end();
    expect(Number(rows[0]?.n)).toBe(uniqueIds.size);

    const lines = events();
    const collects = lines.filter((l) => l.startsWith("collect "));
    const collectIds = new Set(collects.map((l) => l.split(" ")[1]));
    for (const id of uniqueIds) expect(collectIds.has(`collect:${id}`)).toBe(true);

    const posts = (suffix: RegExp) =>
      sim?.requests.filter((r) => r.method === "POST" && suffix.test(r.path)) ?? [];
    expect(posts(/\/check-runs$/)).toHaveLength(COMMITS);
    expect(posts(/\/issues\/\d+\/comments$/)).toHaveLength(COMMITS);
    for (const repo of sim.repos.values()) {
      const shas = repo.checkRuns.map((c) => c.head_sha);
      expect(new Set(shas).size).toBe(shas.length);
      const issues = repo.comments.map((c) => c.issue);
      expect(new Set(issues).size).toBe(issues.length);
    }
    // Collect jobs the kill interrupted: started on the killed process, finished elsewhere.
    const finishedOn = new Map(collects.map((l) => [l.split(" ")[1], l.split(" ")[2]]));
    const interruptedByKill = lines
      .filter((l) => l.startsWith("collect-start ") && l.split(" ")[2] === String(victimPid))
      .filter((l) => finishedOn.get(l.split(" ")[1]) !== String(victimPid)).length;
    const figures = {
      interruptedByKill,
      deliveries: DELIVERIES,
      unique: uniqueIds.size,
      statuses: Object.fromEntries(statuses),
      retriedOnOtherReplica,
      collectRuns: collects.length,
      collectReruns: collects.length - collectIds.size,
      publishRuns: lines.filter((l) => l.startsWith("publish ")).length,
      sendSeconds,
      totalSeconds,
      deliveriesPerSecond: Math.round(DELIVERIES / sendSeconds),
    };
    console.log(`multi-replica figures: ${JSON.stringify(figures)}`);
  }, 300_000);
});
