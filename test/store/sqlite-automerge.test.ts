import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AutomergeRecord } from "../../src/store/automerge.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";
import { SqliteAutomergeStore } from "../../src/store/sqlite-automerge.js";

const record = (over: Partial<AutomergeRecord> = {}): AutomergeRecord => ({
  repo: "acme/api",
  number: 7,
  headSha: "a".repeat(40),
  action: "wait",
  outcome: "none",
  summary: "waiting for the Tollgate gate on the head commit",
  reasons: ["waiting for the Tollgate gate on the head commit"],
  dependencies: ["lodash (patch, direct:production)"],
  decidedAt: new Date("2026-11-01T10:00:00Z"),
  ...over,
});

describe("SqliteAutomergeStore", () => {
  let db: SqliteDatabase;
  let store: SqliteAutomergeStore;
  beforeEach(async () => {
    db = await openSqlite("sqlite::memory:");
    store = new SqliteAutomergeStore(db);
  });
  afterEach(() => db.close());

  it("keeps every decision; latest is the newest, history newest first", async () => {
    await store.record(record());
    await store.record(record({ action: "merge", outcome: "auto-merge enabled", summary: "patch update" }));
    await store.record(record({ number: 8, action: "refuse" }));
    expect(await store.latest("acme/api", 7)).toEqual(
      record({ action: "merge", outcome: "auto-merge enabled", summary: "patch update" }),
    );
    expect((await store.history("acme/api", 7)).map((r) => r.action)).toEqual(["merge", "wait"]);
    expect(await store.history("acme/api", 7, 1)).toHaveLength(1);
  });

  it("an unknown PR has no decision", async () => {
    expect(await store.latest("acme/api", 99)).toBeUndefined();
    expect(await store.history("other/repo", 7)).toEqual([]);
  });
});
