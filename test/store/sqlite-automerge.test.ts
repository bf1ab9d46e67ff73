import { openSqlite } from "../../src/store/sqlite.js";
import { SqliteAutomergeStore } from "../../src/store/sqlite-automerge.js";
import { automergeStoreContract } from "./automerge-store-contract.js";

automergeStoreContract("SQLite", async () => {
  const db = await openSqlite("sqlite::memory:");
  return {
    store: new SqliteAutomergeStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
