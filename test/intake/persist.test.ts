// persistDelivery against the real SQLite store and hand-made queues (edge cases: a queue that never
// answers, one that fails).
import { describe, expect, it } from "vitest";
import { persistDelivery } from "../../src/intake/persist.js";
import type { Queue } from "../../src/queue/queue.js";
import { openSqlite } from "../../src/store/sqlite.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";

const delivery = { id: "d-1", name: "workflow_run", payload: { action: "completed" }, repo: "acme/shop" };

async function deliveries() {
  return new SqliteStore(await openSqlite("sqlite::memory:")).deliveries;
}

describe("persistDelivery", () => {
  it("records the delivery, then enqueues it", async () => {
    const store = await deliveries();
    const enqueued: string[] = [];
    const queue: Pick<Queue, "enqueue"> = {
      enqueue: async (r) => {
        enqueued.push(r.id ?? "");
        return { id: r.id ?? "", deduped: false, merged: false };
      },
    };
    expect(await persistDelivery(store, queue)(delivery)).toEqual({ duplicate: false });
    expect(enqueued).toEqual(["d-1"]);
    expect((await store.get("d-1"))?.status).toBe("received");
  });

  it("gives up on a queue that does not answer (Redis down) in time for GitHub's 10 s, keeping the record", async () => {
    const store = await deliveries();
    const queue: Pick<Queue, "enqueue"> = { enqueue: () => new Promise(() => {}) };
    const started = Date.now();
    await expect(persistDelivery(store, queue, 50)(delivery)).rejects.toThrow(
      /did not accept the delivery within 50 ms/,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    // still `received`: the redelivery sweeper asks GitHub for it again
    expect((await store.get("d-1"))?.status).toBe("received");
  });
});
