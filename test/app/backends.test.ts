import pino from "pino";
import { describe, expect, it } from "vitest";
import { openBackends } from "../../src/app/backends.js";
import { BullmqQueue } from "../../src/queue/bullmq-queue.js";
import { SqliteQueue } from "../../src/queue/sqlite-queue.js";
import { PostgresStore } from "../../src/store/postgres-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { TEST_REDIS_URL } from "../queue/bullmq-queue-harness.js";
import { TEST_DATABASE_URL } from "../store/postgres-harness.js";
import { testEnv } from "../support/app-env.js";

const log = pino({ level: "silent" });

describe("openBackends", () => {
  it("defaults to one SQLite file for the store and the embedded queue", async () => {
    const backends = await openBackends(testEnv(), log);
    expect(backends.store).toBeInstanceOf(SqliteStore);
    expect(backends.queue).toBeInstanceOf(SqliteQueue);
    expect(await backends.lease("sweep", 1000)).toBe(true);
    await backends.close();
  });

  it.each([
    [{ REDIS_URL: "redis://127.0.0.1:1" }, /needs? a shared database/],
    [{ DATABASE_URL: "postgres://u:p@127.0.0.1:1/x" }, /REDIS_URL is unset/],
  ])("refuses a half scale-out setup %o", async (vars, message) => {
    await expect(openBackends(testEnv(vars), log)).rejects.toThrow(message);
  });

  const both = TEST_DATABASE_URL !== undefined && TEST_REDIS_URL !== undefined;
  it.skipIf(!both)("opens PostgreSQL and BullMQ when both URLs are set", async () => {
    const backends = await openBackends(
      testEnv({ DATABASE_URL: TEST_DATABASE_URL ?? "", REDIS_URL: TEST_REDIS_URL ?? "" }),
      log,
    );
    expect(backends.store).toBeInstanceOf(PostgresStore);
    expect(backends.queue).toBeInstanceOf(BullmqQueue);
    await backends.store.ping();
    await backends.queue.ping();
    const name = `sweep-${Date.now()}`;
    expect(await backends.lease(name, 60_000)).toBe(true);
    expect(await backends.lease(name, 60_000)).toBe(false);
    await backends.close();
    await expect(backends.store.ping()).rejects.toThrow();
  });
});
