import { describe, expect, it } from "vitest";
import { storeNotYetAvailable, waitForBackends } from "../../src/app/wait-for-backends.js";

const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe("storeNotYetAvailable", () => {
  it.each<[string, unknown, boolean]>([
    ["connection refused", err("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"), true],
    ["every address refused (Node's AggregateError)", new AggregateError([err("x", "ECONNREFUSED")]), true],
    ["the database is starting up", err("the database system is starting up", "57P03"), true],
    ["too many connections", err("sorry, too many clients already", "53300"), true],
    ["pg's handshake cut", err("Connection terminated unexpectedly"), true],
    ["pg's connect timeout", err("timeout expired"), true],
    ["DNS not there yet", err("getaddrinfo EAI_AGAIN db", "EAI_AGAIN"), true],
    ["wrong password", err('password authentication failed for user "x"', "28P01"), false],
    ["no such database", err('database "x" does not exist', "3D000"), false],
    ["SQLite path that cannot be opened", err("unable to open database file", "SQLITE_CANTOPEN"), false],
    ["a mixed-backend configuration", err("REDIS_URL is set but DATABASE_URL is SQLite: …"), false],
  ])("%s → %s", (_name, error, expected) => {
    expect(storeNotYetAvailable(error)).toBe(expected);
  });
});

describe("waitForBackends", () => {
  it("retries with capped doubling waits, reporting each reason, until the store opens", async () => {
    const waits: number[] = [];
    const reasons: string[] = [];
    let calls = 0;
    const value = await waitForBackends(
      async () => {
        calls++;
        if (calls < 7) throw err("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED");
        return "open";
      },
      {
        onWaiting: (reason) => reasons.push(reason),
        sleep: async (ms) => void waits.push(ms),
        baseMs: 1_000,
        maxMs: 8_000,
      },
    );
    expect(value).toBe("open");
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(reasons[0]).toBe("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432");
  });

  it("rethrows at once what waiting cannot fix", async () => {
    let calls = 0;
    await expect(
      waitForBackends(
        async () => {
          calls++;
          throw err('password authentication failed for user "x"', "28P01");
        },
        { onWaiting: () => {}, sleep: async () => {} },
      ),
    ).rejects.toThrow(/password authentication failed/);
    expect(calls).toBe(1);
  });
});
