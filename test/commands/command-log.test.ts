import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteCommandLog } from "../../src/commands/sqlite-command-log.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";

let db: SqliteDatabase;
let log: SqliteCommandLog;
beforeEach(async () => {
  db = await openSqlite("sqlite::memory:");
  log = new SqliteCommandLog(db);
});
afterEach(() => db.close());

const entry = (line: number, command = "/deploy staging") => ({
  repo: "acme/api",
  source: "comment:101",
  line,
  number: 7,
  actor: "octocat",
  command,
});

describe("SqliteCommandLog", () => {
  it("starts a command line once; a second start (a retried job) answers false", async () => {
    expect(await log.start(entry(1), new Date(1_000))).toBe(true);
    expect(await log.start(entry(1), new Date(2_000))).toBe(false);
    expect(await log.refused(entry(1), "x", new Date(3_000))).toBe(false);
  });

  it("records who, what, when and the result, newest first", async () => {
    await log.start(entry(1), new Date(1_000));
    await log.finish("acme/api", "comment:101", 1, "done", "deployment 5 created", new Date(1_500));
    await log.refused(entry(2, "/gate override x"), "needs maintain", new Date(2_000));
    expect(await log.forPull("acme/api", 7, 10)).toEqual([
      expect.objectContaining({
        line: 2,
        command: "/gate override x",
        result: "refused",
        detail: "needs maintain",
        finishedAt: new Date(2_000),
      }),
      expect.objectContaining({
        line: 1,
        actor: "octocat",
        result: "done",
        detail: "deployment 5 created",
        createdAt: new Date(1_000),
        finishedAt: new Date(1_500),
      }),
    ]);
  });

  it("keeps other PRs and repositories apart", async () => {
    await log.start(entry(1), new Date(1_000));
    expect(await log.forPull("acme/api", 8, 10)).toEqual([]);
    expect(await log.forPull("acme/web", 7, 10)).toEqual([]);
  });
});
