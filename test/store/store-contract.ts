/**
 * The Store contract: the SQLite store runs it now, the PostgreSQL store (scale-out issue) will run
 * it unchanged. `make` returns a fresh, migrated, empty store.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { DeliveryRecord, Store } from "../../src/store/store.js";

export interface StoreHarness {
  store: Store;
  cleanup(): Promise<void>;
}

const received = new Date("2026-03-01T10:00:00.000Z");

function delivery(id: string, overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    id,
    name: "workflow_run",
    action: "completed",
    installationId: 42,
    repo: "octo/app",
    receivedAt: received,
    status: "received",
    ...overrides,
  };
}

export function storeContract(name: string, make: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    const harnesses: StoreHarness[] = [];
    async function setup(): Promise<Store> {
      const h = await make();
      harnesses.push(h);
      return h.store;
    }
    afterEach(async () => {
      for (const h of harnesses.splice(0)) await h.cleanup();
    });

    it("records a delivery once and reads it back", async () => {
      const store = await setup();
      expect(await store.deliveries.record(delivery("d1"))).toEqual({ inserted: true });
      expect(await store.deliveries.record(delivery("d1", { status: "queued", name: "push" }))).toEqual({
        inserted: false,
      });
      const got = await store.deliveries.get("d1");
      expect(got).toMatchObject({
        id: "d1",
        name: "workflow_run",
        action: "completed",
        installationId: 42,
        repo: "octo/app",
        status: "received",
        error: null,
      });
      expect(got?.receivedAt.toISOString()).toBe(received.toISOString());
      expect(got?.updatedAt).toBeInstanceOf(Date);
    });

    it("stores optional fields as null", async () => {
      const store = await setup();
      await store.deliveries.record({ id: "ping-1", name: "ping", receivedAt: received, status: "ignored" });
      expect(await store.deliveries.get("ping-1")).toMatchObject({
        action: null,
        installationId: null,
        repo: null,
        status: "ignored",
      });
    });

    it("marks a delivery's status and error, and clears the error on success", async () => {
      const store = await setup();
      await store.deliveries.record(delivery("d2"));
      expect(await store.deliveries.mark("d2", "failed", "GitHub answered 502")).toEqual({ updated: true });
      expect(await store.deliveries.get("d2")).toMatchObject({
        status: "failed",
        error: "GitHub answered 502",
      });
      await store.deliveries.mark("d2", "done");
      expect(await store.deliveries.get("d2")).toMatchObject({ status: "done", error: null });
    });

    it("answers unknown ids without throwing", async () => {
      const store = await setup();
      expect(await store.deliveries.get("nope")).toBeUndefined();
      expect(await store.deliveries.mark("nope", "done")).toEqual({ updated: false });
    });

    it("lists deliveries newest first, filtered by status and time", async () => {
      const store = await setup();
      for (let i = 0; i < 5; i++) {
        await store.deliveries.record(
          delivery(`l${i}`, {
            receivedAt: new Date(received.getTime() + i * 1000),
            status: i % 2 === 0 ? "dead" : "done",
          }),
        );
      }
      expect((await store.deliveries.list()).map((d) => d.id)).toEqual(["l4", "l3", "l2", "l1", "l0"]);
      expect((await store.deliveries.list({ status: "dead" })).map((d) => d.id)).toEqual(["l4", "l2", "l0"]);
      const since = new Date(received.getTime() + 2000);
      expect((await store.deliveries.list({ since, limit: 2 })).map((d) => d.id)).toEqual(["l4", "l3"]);
    });

    it.each([
      ["a string", "hello"],
      ["a number", 3.5],
      ["null", null],
      ["a nested object", { cursor: "abc", seen: [1, 2, { deep: true }], unicode: "✓ ünï" }],
    ])("round-trips %s through app state", async (_label, value) => {
      const store = await setup();
      await store.state.set("k", value);
      expect(await store.state.get("k")).toEqual(value);
    });

    it("overwrites and deletes app state", async () => {
      const store = await setup();
      expect(await store.state.get("missing")).toBeUndefined();
      await store.state.set("sweep", { at: 1 });
      await store.state.set("sweep", { at: 2 });
      expect(await store.state.get("sweep")).toEqual({ at: 2 });
      expect(await store.state.delete("sweep")).toEqual({ deleted: true });
      expect(await store.state.delete("sweep")).toEqual({ deleted: false });
      expect(await store.state.get("sweep")).toBeUndefined();
    });

    it("pings while open and fails after close", async () => {
      const store = await setup();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
      await store.close(); // idempotent
    });
  });
}
