import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { HookDeliveriesApi, HookDelivery } from "../../src/github/hook-deliveries.js";
import { groupAttempts, planRedeliveries } from "../../src/redelivery/plan.js";
import { startRedeliverySweeper } from "../../src/redelivery/schedule.js";
import { SWEEP_STATE_KEY, sweepRedeliveries } from "../../src/redelivery/sweeper.js";
import { openSqlite } from "../../src/store/sqlite.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function attempt(id: number, guid: string, status: number, minutesAgo: number): HookDelivery {
  return {
    id,
    guid,
    status_code: status,
    delivered_at: ago(minutesAgo),
    event: "workflow_run",
    action: "completed",
  };
}

describe("planRedeliveries", () => {
  const items = [
    attempt(1, "ok", 202, 50),
    attempt(2, "failed-once", 503, 40),
    attempt(3, "failed-then-ok", 0, 30),
    attempt(4, "failed-then-ok", 202, 20),
    attempt(5, "recorded", 504, 15),
    attempt(6, "hopeless", 500, 14),
    attempt(7, "hopeless", 500, 13),
    attempt(8, "hopeless", 500, 12),
    attempt(9, "failed-twice", 502, 11),
    attempt(10, "failed-twice", 0, 10),
  ];
  const groups = groupAttempts(items);

  it("groups attempts by guid, newest first, keeping the newest attempt id", () => {
    expect(groups.map((g) => [g.guid, g.latestId, g.attempts, g.succeeded])).toEqual([
      ["failed-twice", 10, 2, false],
      ["hopeless", 8, 3, false],
      ["recorded", 5, 1, false],
      ["failed-then-ok", 4, 2, true],
      ["failed-once", 2, 1, false],
      ["ok", 1, 1, true],
    ]);
  });

  it.each([
    [10, ["failed-twice", "failed-once"]],
    [1, ["failed-twice"]],
  ])("with max %i redelivers never-succeeded, unrecorded guids below the attempt cap", (max, expected) => {
    const plan = planRedeliveries(groups, new Set(["recorded"]), { max, maxAttemptsPerGuid: 3 });
    expect(plan.map((g) => g.guid)).toEqual(expected);
  });
});

function fakeApi(pages: HookDelivery[][], failOn: number[] = []) {
  const listed: (string | undefined)[] = [];
  const redelivered: number[] = [];
  const api: HookDeliveriesApi = {
    async listPage(cursor) {
      listed.push(cursor);
      const index = cursor ? Number(cursor) : 0;
      return { items: pages[index] ?? [], next: index + 1 < pages.length ? String(index + 1) : undefined };
    },
    async redeliver(id) {
      if (failOn.includes(id)) throw new Error("GitHub said 422");
      redelivered.push(id);
    },
  };
  return { api, listed, redelivered };
}

describe("sweepRedeliveries", () => {
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });
  async function store() {
    const s = new SqliteStore(await openSqlite("sqlite::memory:"));
    stores.push(s);
    return s;
  }

  it("redelivers failed, unrecorded deliveries, stops at the previous sweep, and saves its cursor", async () => {
    const s = await store();
    await s.deliveries.record({
      id: "seen",
      name: "workflow_run",
      receivedAt: new Date(NOW),
      status: "done",
    });
    await s.state.set(SWEEP_STATE_KEY, { at: NOW - 60 * 60_000 }); // an hour ago
    const { api, listed, redelivered } = fakeApi([
      [attempt(30, "lost", 503, 5), attempt(29, "seen", 0, 6)],
      [attempt(28, "lost-2", 500, 65), attempt(27, "too-old", 500, 200)],
      [attempt(26, "never-read", 500, 300)],
    ]);
    const result = await sweepRedeliveries({
      api,
      deliveries: s.deliveries,
      state: s.state,
      lease: async () => true,
      now: () => NOW,
    });
    expect(listed).toEqual([undefined, "1"]); // the second page reached the previous sweep
    expect(redelivered).toEqual([30, 28]);
    expect(result).toMatchObject({ swept: true, scanned: 3, candidates: 3 });
    expect(await s.state.get(SWEEP_STATE_KEY)).toEqual({ at: NOW });
  });

  it("a delivery recorded but never taken by a worker (`received`: the queue was down) is asked for again", async () => {
    const s = await store();
    for (const [id, status] of [
      ["stuck", "received"],
      ["running", "processing"],
    ] as const)
      await s.deliveries.record({ id, name: "workflow_run", receivedAt: new Date(NOW), status });
    await s.state.set(SWEEP_STATE_KEY, { at: NOW - 60 * 60_000 });
    const { api, redelivered } = fakeApi([[attempt(31, "stuck", 503, 5), attempt(30, "running", 0, 6)]]);
    await sweepRedeliveries({
      api,
      deliveries: s.deliveries,
      state: s.state,
      lease: async () => true,
      now: () => NOW,
    });
    expect(redelivered).toEqual([31]);
  });

  it("first sweep looks back at most ~3 days and a refused redelivery does not stop the others", async () => {
    const s = await store();
    const { api, redelivered } = fakeApi([
      [attempt(3, "a", 500, 10), attempt(2, "b", 500, 20)],
      [attempt(1, "c", 500, 5000)],
    ]);
    const withFailure = {
      ...api,
      redeliver: async (id: number) => (id === 3 ? Promise.reject(new Error("no")) : api.redeliver(id)),
    };
    const result = await sweepRedeliveries({
      api: withFailure,
      deliveries: s.deliveries,
      state: s.state,
      lease: async () => true,
      now: () => NOW,
    });
    expect(redelivered).toEqual([2]);
    expect(result).toMatchObject({ swept: true, failed: [3] });
  });

  it("does nothing without the lease (another replica sweeps)", async () => {
    const s = await store();
    const { api, listed } = fakeApi([[attempt(1, "a", 500, 1)]]);
    const result = await sweepRedeliveries({
      api,
      deliveries: s.deliveries,
      state: s.state,
      lease: async () => false,
      now: () => NOW,
    });
    expect(result).toEqual({ swept: false, reason: "not leader" });
    expect(listed).toEqual([]);
  });

  it("the schedule sweeps at start and keeps going after a failing sweep", async () => {
    const s = await store();
    let calls = 0;
    const api: HookDeliveriesApi = {
      async listPage() {
        calls++;
        throw new Error("GitHub down");
      },
      async redeliver() {},
    };
    const schedule = startRedeliverySweeper(
      { api, deliveries: s.deliveries, state: s.state, lease: async () => true, now: () => NOW },
      pino({ level: "silent" }),
      20,
    );
    await new Promise((resolve) => setTimeout(resolve, 70));
    await schedule.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
