// "Store unavailable at start (/ready is 503 until it returns)": the real server in scale-out mode
// (PostgreSQL + Redis, as .ci/run starts them) pointed at a PostgreSQL port where nothing answers yet.
// It must listen anyway — /health 200, /ready 503 naming the reason, deliveries refused with 503 (GitHub
// records the failure; nothing is half-stored) — and become ready on its own once the database appears
// (here: a TCP relay to the real server opened on that port), then process deliveries normally. The same
// for Redis (the queue): deliveries are refused with 503 within 5 s (not held past GitHub's 10 s), and
// the delivery GitHub then redelivers runs exactly once.
import { connect, createServer, type Socket } from "node:net";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_REDIS_URL } from "../queue/bullmq-queue-harness.js";
import { dropSchema, freshSchema, TEST_DATABASE_URL } from "../store/postgres-harness.js";
import { startGitHubSim } from "../support/github-sim.js";
import { deliver, idle, startApp } from "./support/app.js";
import { emptyFigures, saveFigures } from "./support/figures.js";
import { endState, seedRepository, storySteps } from "./support/story.js";

const figures = emptyFigures();
afterAll(() => saveFigures("store-unavailable", figures));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A TCP relay on `port` to the real server: the database "comes back" when this starts. */
async function relay(port: number, target: URL): Promise<{ close(): Promise<void> }> {
  const targetPort = Number(target.port || (target.protocol === "redis:" ? 6379 : 5432));
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    // connections the app left open (Probot's throttling keeps its own Redis client) are cut
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      }),
  };
}

const skip = !TEST_DATABASE_URL || !TEST_REDIS_URL;
if (skip)
  console.warn("store-unavailable chaos scenario skipped: TEST_DATABASE_URL and TEST_REDIS_URL are required");

describe.skipIf(skip)("store unavailable at start", () => {
  it("/ready is 503 with the reason until PostgreSQL answers, then the server serves", async () => {
    const pgUrl = new URL(TEST_DATABASE_URL ?? "");
    const schema = freshSchema();
    const admin = new pg.Client({ connectionString: pgUrl.href });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const redisUrl = `${TEST_REDIS_URL}/6`;
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    redis.disconnect();

    const dbPort = await freePort();
    const appPort = await freePort();
    const down = new URL(pgUrl.href);
    down.port = String(dbPort);
    down.searchParams.set("options", `-c search_path=${schema}`);
    const sim = await startGitHubSim();
    seedRepository(sim);
    const origin = `http://127.0.0.1:${appPort}`;
    const starting = startApp(sim, { DATABASE_URL: down.href, REDIS_URL: redisUrl, PORT: String(appPort) });
    let relayServer: { close(): Promise<void> } | undefined;
    try {
      // the server listens although the database does not answer
      let ready: Response | undefined;
      for (let i = 0; i < 100 && !ready; i++) {
        ready = await fetch(`${origin}/ready`).catch(() => undefined);
        if (!ready) await new Promise((r) => setTimeout(r, 50));
      }
      expect(ready?.status).toBe(503);
      await new Promise((r) => setTimeout(r, 1_200)); // past the first failed attempt
      const body = (await (await fetch(`${origin}/ready`)).json()) as { reasons: string[] };
      expect(body.reasons.join(" ")).toMatch(/store: .*(ECONNREFUSED|refused)/i);
      expect((await fetch(`${origin}/health`)).status).toBe(200);
      const step = storySteps()[0];
      if (!step) throw new Error("no story");
      expect(await deliver(`${origin}/api/github/webhooks`, step.event, step.payload)).toBe(503);
      figures.deliveriesSent++;
      figures.faultsInjected++;
      expect(sim.requests).toEqual([]); // nothing reached GitHub

      relayServer = await relay(dbPort, pgUrl);
      const app = await starting;
      try {
        expect((await fetch(`${app.url}/ready`)).status).toBe(200);
        // GitHub redelivers the refused delivery (the sweeper asks for it in production)
        expect(await deliver(app.webhookUrl, step.event, step.payload)).toBe(202);
        figures.deliveriesSent++;
        await idle(app);
        const checks = endState(sim).checks;
        expect(checks.map((c) => c.status)).toEqual(["completed"]);
        figures.scenarios++;
        figures.duplicates += checks.length - 1;
      } finally {
        await app.close(2_000);
      }
    } finally {
      // a failed assertion above must not leave the server waiting forever
      if (!relayServer) relayServer = await relay(dbPort, pgUrl);
      await starting.then((a) => a.close(2_000)).catch(() => undefined);
      await relayServer?.close();
      await sim.close();
      await dropSchema(pgUrl.href, schema);
    }
  });

  it("Redis down at start: /ready names the queue, deliveries get 503 in time, the redelivery runs once", async () => {
    const pgUrl = new URL(TEST_DATABASE_URL ?? "");
    const schema = freshSchema();
    const admin = new pg.Client({ connectionString: pgUrl.href });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = new URL(pgUrl.href);
    db.searchParams.set("options", `-c search_path=${schema}`);
    const realRedis = new URL(`${TEST_REDIS_URL}/7`);
    const flush = new Redis(realRedis.href);
    await flush.flushdb();
    flush.disconnect();
    const redisPort = await freePort();
    const appPort = await freePort();
    const down = new URL(realRedis.href);
    down.port = String(redisPort);
    const sim = await startGitHubSim();
    seedRepository(sim);
    const origin = `http://127.0.0.1:${appPort}`;
    const starting = startApp(sim, { DATABASE_URL: db.href, REDIS_URL: down.href, PORT: String(appPort) });
    let relayServer: { close(): Promise<void> } | undefined;
    try {
      let body: { reasons?: string[] } | undefined;
      for (let i = 0; i < 200 && !body?.reasons?.some((r) => r.startsWith("queue")); i++) {
        const res = await fetch(`${origin}/ready`).catch(() => undefined);
        if (res) {
          expect(res.status).toBe(503);
          body = (await res.json()) as { reasons?: string[] };
        } else await new Promise((r) => setTimeout(r, 50));
      }
      if (process.env.CHAOS_DEBUG) console.log("ready body", body);
      expect(body?.reasons?.join(" ")).toMatch(/queue: /);
      const step = storySteps()[0];
      if (!step) throw new Error("no story");
      const id = crypto.randomUUID();
      const sent = Date.now();
      expect(await deliver(`${origin}/api/github/webhooks`, step.event, step.payload, id)).toBe(503);
      expect(Date.now() - sent, "answered before GitHub's 10 s timeout").toBeLessThan(9_000);
      figures.deliveriesSent++;
      figures.faultsInjected++;

      relayServer = await relay(redisPort, realRedis);
      if (process.env.CHAOS_DEBUG) console.log("relay open", Date.now() - sent);
      const app = await starting;
      if (process.env.CHAOS_DEBUG) console.log("started", Date.now() - sent);
      try {
        for (let i = 0; i < 100 && (await fetch(`${app.url}/ready`)).status !== 200; i++)
          await new Promise((r) => setTimeout(r, 100));
        expect((await fetch(`${app.url}/ready`)).status).toBe(200);
        // GitHub redelivers the refused delivery with the same id; a job ioredis sent late is the same job
        expect(await deliver(app.webhookUrl, step.event, step.payload, id)).toBe(202);
        figures.deliveriesSent++;
        await idle(app);
        const checks = endState(sim).checks;
        expect(checks.map((c) => c.status)).toEqual(["completed"]);
        figures.scenarios++;
        figures.duplicates += checks.length - 1;
      } finally {
        await app.close(2_000);
      }
    } finally {
      if (!relayServer) relayServer = await relay(redisPort, realRedis);
      await starting.then((a) => a.close(2_000)).catch(() => undefined);
      await relayServer?.close();
      await sim.close();
      await dropSchema(pgUrl.href, schema);
    }
  });
});
