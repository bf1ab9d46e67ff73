import { openSqlite } from "../../src/store/sqlite.js";
import { SqliteReportStore } from "../../src/store/sqlite-reports.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { reportStoreContract } from "./report-store-contract.js";

reportStoreContract("SQLite :memory:", async () => {
  const db = await openSqlite("sqlite::memory:");
  const store = new SqliteStore(db);
  return { reports: new SqliteReportStore(db), cleanup: () => store.close() };
});
