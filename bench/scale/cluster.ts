/**
 * A cluster of Tollgate replicas for the scale bench: the multi-replica test's replica process
 * (test/replicas/replica-server.ts: real server, stand-in collect → publish jobs) on either the
 * embedded backends or PostgreSQL + Redis, plus the simulated GitHub with a fixed latency.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { type Replica, spawnReplica } from "../../test/replicas/spawn-replica.js";
import { tempDir, testEnvVars } from "../../test/support/app-env.js";
import { type GitHubSim, startGitHubSim } from "../../test/support/github-sim.js";
import { deliveryHeaders, exampleEvent } from "../../test/support/webhooks.js";

export const REPOS = 50;

export interface ScaleOut {
  databaseUrl: string;
  redisUrl: string;
}

export interface Cluster {
  replicas: Replica[];
  sim: GitHubSim;
  /** Marker lines `<kind> <job id> <pid> <epoch ms>` written by the replicas' jobs. */
  events(): string[][];
  close(): Promise<void>;
}

export async function startCluster(
  count: number,
  scaleOut: ScaleOut | undefined,
  latencyMs: number,
): Promise<Cluster> {
  const sim = await startGitHubSim();
  for (let r = 0; r < REPOS; r++) sim.addRepo("org", `repo-${r}`);
  const markers = tempDir("tollgate-bench-scale-");
  let cleanup = async () => {};
  const backends: Record<string, string> = {};
  if (scaleOut) {
    const schema = `bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: scaleOut.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const redisUrl = `${scaleOut.redisUrl}/6`;
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    redis.disconnect();
    backends.DATABASE_URL = `${scaleOut.databaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    backends.REDIS_URL = redisUrl;
    cleanup = async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    };
  }
  const vars = testEnvVars({
    ...backends,
    GHE_HOST: sim.host,
    GHE_PROTOCOL: "http",
    MARKER_DIR: markers,
    SIM_ORIGIN: sim.origin,
    SIM_LATENCY_MS: String(latencyMs),
    WORKER_CONCURRENCY: "8",
    LOG_LEVEL: "error",
  });
  const replicas = await Promise.all(Array.from({ length: count }, () => spawnReplica(vars)));
  return {
    replicas,
    sim,
    events() {
      const file = join(markers, "events");
      return existsSync(file)
        ? readFileSync(file, "utf8")
            .trim()
            .split("\n")
            .map((l) => l.split(" "))
        : [];
    },
    async close() {
      for (const r of replicas) r.child.kill("SIGTERM");
      await Promise.all(replicas.map((r) => r.exited));
      await sim.close();
      await cleanup();
    },
  };
}

/** `n` signed workflow_run.completed deliveries over 200 commits in REPOS repositories. */
export function deliveries(n: number, tag: string): { id: string; body: string }[] {
  const template = exampleEvent("workflow_run", "completed");
  return Array.from({ length: n }, (_, d) => {
    const commit = d % 200;
    const event = structuredClone(template) as {
      workflow_run: Record<string, unknown>;
      repository: Record<string, unknown> & { owner: Record<string, unknown> };
      installation?: Record<string, unknown>;
    };
    event.workflow_run.id = 100_000 + d;
    event.workflow_run.head_sha = commit.toString(16).padStart(40, "c");
    event.workflow_run.pull_requests = [{ number: commit + 1, id: commit + 1, url: "", head: {}, base: {} }];
    event.repository.name = `repo-${commit % REPOS}`;
    event.repository.full_name = `org/repo-${commit % REPOS}`;
    event.repository.owner.login = "org";
    event.installation = { id: 1, node_id: "x" };
    return { id: `${tag}-${d}`, body: JSON.stringify(event) };
  });
}

/** POSTs one delivery; answers the status and the time to answer in ms. */
export async function post(
  url: string,
  d: { id: string; body: string },
): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: deliveryHeaders({ id: d.id, event: "workflow_run", body: d.body }),
      body: d.body,
    });
    await res.text();
    return { status: res.status, ms: performance.now() - t0 };
  } catch {
    return { status: 0, ms: performance.now() - t0 };
  }
}
