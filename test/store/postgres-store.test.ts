import { describe, expect, it } from "vitest";
import { migrate } from "../../src/store/migrate.js";
import { postgresMigrations } from "../../src/store/migrations/postgres/index.js";
import { openPostgres, postgresMigrationDriver } from "../../src/store/postgres.js";
import {
  dropSchema,
  freshSchema,
  POSTGRES_SKIP_MESSAGE,
  postgresStoreHarness,
  TEST_DATABASE_URL,
} from "./postgres-harness.js";
import { reportStoreContract } from "./report-store-contract.js";
import { storeContract } from "./store-contract.js";

const url = TEST_DATABASE_URL;

if (url === undefined) {
  describe("PostgreSQL store", () => {
    it.skip(POSTGRES_SKIP_MESSAGE, () => {});
  });
  console.warn(POSTGRES_SKIP_MESSAGE);
} else {
  storeContract("PostgreSQL", () => postgresStoreHarness(url));
  reportStoreContract("PostgreSQL", async () => {
    const h = await postgresStoreHarness(url);
    return { reports: h.store.reports, cleanup: h.cleanup };
  });

  describe("openPostgres", () => {
    it("migrates once when five replicas start at the same time", async () => {
      const schema = freshSchema();
      try {
        const pools = await Promise.all(
          Array.from({ length: 5 }, () => openPostgres(url, { schema, max: 2 })),
        );
        const pool = pools[0];
        if (!pool) throw new Error("no pool");
        const { rows } = await pool.query<{ version: number }>(
          "SELECT version FROM schema_migrations ORDER BY 1",
        );
        expect(rows.map((r) => r.version)).toEqual(postgresMigrations.map((m) => m.version));
        expect(await migrate(postgresMigrationDriver(pool), postgresMigrations)).toEqual([]);
        await Promise.all(pools.map((p) => p.end()));
      } finally {
        await dropSchema(url, schema);
      }
    });

    it("refuses a database migrated by a newer release", async () => {
      const schema = freshSchema();
      try {
        const pool = await openPostgres(url, { schema, max: 1 });
        await pool.query(
          "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'future', 'x', now())",
        );
        await pool.end();
        await expect(openPostgres(url, { schema, max: 1 })).rejects.toThrow(/newer release/);
      } finally {
        await dropSchema(url, schema);
      }
    });
  });
}
