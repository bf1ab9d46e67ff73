/**
 * DATABASE_URL, parsed in one place.
 *   sqlite:<path>            relative to the working directory, e.g. sqlite:./data/tollgate.db
 *   sqlite:///abs/path.db    absolute
 *   sqlite::memory:          in-memory (tests)
 *   postgres://… | postgresql://…   the scale-out store
 */
export const DEFAULT_DATABASE_URL = "sqlite:./data/tollgate.db";

export type DatabaseTarget = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

export function parseDatabaseUrl(raw: string | undefined): DatabaseTarget {
  const url = (raw ?? "").trim() || DEFAULT_DATABASE_URL;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "sqlite") {
    let path = url.slice("sqlite:".length);
    if (path.startsWith("//")) path = path.slice(2); // sqlite://./rel or sqlite:///abs
    if (path === "") throw new DatabaseUrlError(`DATABASE_URL "${url}" names no file: use sqlite:<path>`);
    return { kind: "sqlite", path };
  }
  if (scheme === "postgres" || scheme === "postgresql") return { kind: "postgres", url };
  throw new DatabaseUrlError(
    `DATABASE_URL must start with sqlite: or postgres:// (got "${scheme ?? url}:"); e.g. ${DEFAULT_DATABASE_URL}`,
  );
}

/** For logs: the URL without its password. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}
