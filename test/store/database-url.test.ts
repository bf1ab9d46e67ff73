import { describe, expect, it } from "vitest";
import {
  DatabaseUrlError,
  DEFAULT_DATABASE_URL,
  parseDatabaseUrl,
  redactDatabaseUrl,
} from "../../src/store/database-url.js";

describe("parseDatabaseUrl", () => {
  it.each([
    [undefined, { kind: "sqlite", path: "./data/tollgate.db" }],
    ["", { kind: "sqlite", path: "./data/tollgate.db" }],
    ["  ", { kind: "sqlite", path: "./data/tollgate.db" }],
    ["sqlite:./data/x.db", { kind: "sqlite", path: "./data/x.db" }],
    ["sqlite:/var/lib/tollgate/x.db", { kind: "sqlite", path: "/var/lib/tollgate/x.db" }],
    ["sqlite:///var/lib/x.db", { kind: "sqlite", path: "/var/lib/x.db" }],
    ["sqlite://rel/x.db", { kind: "sqlite", path: "rel/x.db" }],
    ["sqlite::memory:", { kind: "sqlite", path: ":memory:" }],
    ["SQLite:x.db", { kind: "sqlite", path: "x.db" }],
    ["postgres://u:p@db:5432/tollgate", { kind: "postgres", url: "postgres://u:p@db:5432/tollgate" }],
    ["postgresql://db/tollgate", { kind: "postgres", url: "postgresql://db/tollgate" }],
  ])("%s → %o", (raw, expected) => {
    expect(parseDatabaseUrl(raw)).toEqual(expected);
  });

  it.each([["mysql://db/x"], ["./data/x.db"], ["sqlite:"], ["sqlite://"]])(
    "rejects %s with a hint",
    (raw) => {
      expect(() => parseDatabaseUrl(raw)).toThrow(DatabaseUrlError);
    },
  );

  it("names the default in the hint", () => {
    expect(() => parseDatabaseUrl("mysql://db/x")).toThrow(DEFAULT_DATABASE_URL);
  });
});

describe("redactDatabaseUrl", () => {
  it.each([
    ["postgres://user:secret@db:5432/t", "postgres://user:***@db:5432/t"],
    ["postgres://db/t", "postgres://db/t"],
    ["sqlite:./data/x.db", "sqlite:./data/x.db"],
  ])("%s → %s", (raw, expected) => {
    expect(redactDatabaseUrl(raw)).toBe(expected);
  });
});
