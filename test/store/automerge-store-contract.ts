// What every AutomergeStore must do; run against SQLite always and PostgreSQL when TEST_DATABASE_URL is set.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AutomergeRecord, AutomergeStore } from "../../src/store/automerge.js";

export const automergeRecord = (over: Partial<AutomergeRecord> = {}): AutomergeRecord => ({
  repo: "acme/api",
  number: 7,
  headSha: "a".repeat(40),
  action: "wait",
  outcome: "none",
  summary: "waiting for the Tollgate gate on the head commit",
  reasons: ["waiting for the Tollgate gate on the head commit", 'quote " and ünïcode'],
  dependencies: ["lodash (patch, direct:production)"],
  decidedAt: new Date("2026-11-01T10:00:00.123Z"),
  ...over,
});

export function automergeStoreContract(
  name: string,
  open: () => Promise<{ store: AutomergeStore; cleanup(): Promise<void> }>,
): void {
  describe(`AutomergeStore contract: ${name}`, () => {
    let store: AutomergeStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => cleanup());

    it("keeps every decision; latest is the newest, history newest first and limited", async () => {
      await store.record(automergeRecord());
      await store.record(
        automergeRecord({ action: "merge", outcome: "auto-merge enabled", summary: "patch update" }),
      );
      await store.record(automergeRecord({ number: 8, action: "refuse" }));
      expect(await store.latest("acme/api", 7)).toEqual(
        automergeRecord({ action: "merge", outcome: "auto-merge enabled", summary: "patch update" }),
      );
      expect((await store.history("acme/api", 7)).map((r) => r.action)).toEqual(["merge", "wait"]);
      expect(await store.history("acme/api", 7, 1)).toHaveLength(1);
    });

    it("an unknown PR has no decision", async () => {
      expect(await store.latest("acme/api", 99)).toBeUndefined();
      expect(await store.history("other/repo", 7)).toEqual([]);
    });
  });
}
