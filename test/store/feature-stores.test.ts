import { describe, it } from "vitest";
import { SqlitePendingProtections } from "../../src/deploy/pending.js";
import { SqliteDeploymentHistory } from "../../src/deploy/sqlite-history.js";
import { SqliteSlackOutbox } from "../../src/slack/sqlite-outbox.js";
import { openSqlite } from "../../src/store/sqlite.js";
import { featureStoresContract } from "./feature-stores-contract.js";
import { POSTGRES_SKIP_MESSAGE, postgresStoreHarness, TEST_DATABASE_URL } from "./postgres-harness.js";

featureStoresContract("SQLite :memory:", async () => {
  const db = await openSqlite("sqlite::memory:");
  return {
    deployments: new SqliteDeploymentHistory(db),
    pendingProtections: new SqlitePendingProtections(db),
    slackOutbox: new SqliteSlackOutbox(db),
    async cleanup() {
      db.close();
    },
  };
});

const url = TEST_DATABASE_URL;
if (url === undefined) {
  describe("feature stores: PostgreSQL", () => {
    it.skip(POSTGRES_SKIP_MESSAGE, () => {});
  });
} else {
  featureStoresContract("PostgreSQL", async () => {
    const { store, cleanup } = await postgresStoreHarness(url);
    return {
      deployments: store.deployments,
      pendingProtections: store.pendingProtections,
      slackOutbox: store.slackOutbox,
      cleanup,
    };
  });
}
