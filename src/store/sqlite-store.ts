import type { ReportStore } from "./reports.js";
import { closeSqlite, type SqliteDatabase } from "./sqlite.js";
import { SqliteDeliveryStore } from "./sqlite-deliveries.js";
import { SqliteReportStore } from "./sqlite-reports.js";
import { SqliteStateStore } from "./sqlite-state.js";
import type { DeliveryStore, StateStore, Store } from "./store.js";

export interface SqliteStoreOptions {
  /** Clock for updated_at columns (tests inject one). */
  now?: () => number;
}

/** The embedded store over a database opened (and migrated) by `openSqlite`. */
export class SqliteStore implements Store {
  readonly deliveries: DeliveryStore;
  readonly state: StateStore;
  readonly reports: ReportStore;

  constructor(
    private readonly db: SqliteDatabase,
    options: SqliteStoreOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.deliveries = new SqliteDeliveryStore(db, now);
    this.state = new SqliteStateStore(db, now);
    this.reports = new SqliteReportStore(db);
  }

  async ping(): Promise<void> {
    this.db.prepare("SELECT 1").get();
  }

  async close(): Promise<void> {
    await closeSqlite(this.db);
  }
}
