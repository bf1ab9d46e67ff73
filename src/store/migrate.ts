/**
 * A tiny migration runner, the same for every SQL backend: a `schema_migrations` table records
 * (version, name, checksum, applied_at); each pending migration runs once, in version order, in its
 * own transaction together with its bookkeeping row. A backend supplies a `MigrationDriver`.
 */
import { createHash } from "node:crypto";

export interface Migration {
  /** Positive integer, strictly increasing; never renumber a released migration. */
  version: number;
  name: string;
  /** One or more statements. */
  sql: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

export interface MigrationDriver {
  /** Create `schema_migrations` if missing. */
  ensureTable(): Promise<void>;
  applied(): Promise<AppliedMigration[]>;
  /**
   * In one transaction that excludes other migrators: if `version` is still not recorded, run `sql`
   * and record it. Answers whether it ran (false when a concurrent process got there first).
   */
  apply(migration: Migration, checksum: string, appliedAt: Date): Promise<boolean>;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function checksum(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n").trim()).digest("hex");
}

function validate(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version <= 0) {
      throw new MigrationError(`migration "${m.name}" has invalid version ${m.version}`);
    }
    const previous = sorted[i - 1];
    if (previous && previous.version === m.version) {
      throw new MigrationError(`migrations "${previous.name}" and "${m.name}" share version ${m.version}`);
    }
  });
  return sorted;
}

/** Applies what is missing; answers the versions applied now. */
export async function migrate(
  driver: MigrationDriver,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): Promise<number[]> {
  const sorted = validate(migrations);
  await driver.ensureTable();
  const applied = new Map((await driver.applied()).map((a) => [a.version, a]));
  const known = new Set(sorted.map((m) => m.version));
  for (const a of applied.values()) {
    if (!known.has(a.version)) {
      throw new MigrationError(
        `the database has migration ${a.version} ("${a.name}") that this version of Tollgate does not know: it was written by a newer release`,
      );
    }
  }
  const ran: number[] = [];
  for (const m of sorted) {
    const sum = checksum(m.sql);
    const done = applied.get(m.version);
    if (done) {
      if (done.checksum !== sum) {
        throw new MigrationError(
          `migration ${m.version} ("${m.name}") was changed after it was applied; add a new migration instead`,
        );
      }
      continue;
    }
    if (await driver.apply(m, sum, now())) ran.push(m.version);
  }
  return ran;
}
