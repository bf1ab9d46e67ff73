// The PostgreSQL AutomergeStore against a real server (TEST_DATABASE_URL). Its migration is applied here
// by hand until it is registered in src/store/migrations/postgres/index.ts (the lead wires it).
import { describe, it } from "vitest";
import { migration } from "../../src/store/migrations/postgres/003-automerge.js";
import { postgresMigrations } from "../../src/store/migrations/postgres/index.js";
import { openPostgres } from "../../src/store/postgres.js";
import { PostgresAutomergeStore } from "../../src/store/postgres-automerge.js";
import { automergeStoreContract } from "./automerge-store-contract.js";
import { dropSchema, freshSchema, POSTGRES_SKIP_MESSAGE, TEST_DATABASE_URL } from "./postgres-harness.js";

const url = TEST_DATABASE_URL;
if (!url) {
  describe.skip("AutomergeStore contract: PostgreSQL", () => {
    it(POSTGRES_SKIP_MESSAGE, () => {});
  });
} else {
  automergeStoreContract("PostgreSQL", async () => {
    const schema = freshSchema();
    const pool = await openPostgres(url, { schema, max: 2 });
    if (!postgresMigrations.some((m) => m.name === migration.name)) await pool.query(migration.sql);
    return {
      store: new PostgresAutomergeStore(pool),
      async cleanup() {
        await pool.end();
        await dropSchema(url, schema);
      },
    };
  });
}
