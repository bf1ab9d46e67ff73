/**
 * A fresh PostgreSQL store per test: its own schema on TEST_DATABASE_URL, dropped on cleanup.
 * Without TEST_DATABASE_URL the suites skip and say so (`.ci/run` starts a throwaway server).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgres } from "../../src/store/postgres.js";
import { PostgresStore } from "../../src/store/postgres-store.js";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const POSTGRES_SKIP_MESSAGE =
  "PostgreSQL suites skipped: TEST_DATABASE_URL is not set (see scripts/test-services.sh or .ci/run)";

export function freshSchema(): string {
  return `t_${randomBytes(6).toString("hex")}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export async function postgresStoreHarness(
  url: string,
): Promise<{ store: PostgresStore; cleanup(): Promise<void> }> {
  const schema = freshSchema();
  const store = new PostgresStore(await openPostgres(url, { schema, max: 3 }));
  return {
    store,
    async cleanup() {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}
