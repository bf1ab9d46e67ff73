import type { CommandLog } from "../commands/command-log.js";
import { SqliteCommandLog } from "../commands/sqlite-command-log.js";
import type { DeploymentHistory } from "../deploy/history.js";
import type { PendingProtectionStore } from "../deploy/pending.js";
import { SqlitePendingProtections } from "../deploy/pending.js";
import { SqliteDeploymentHistory } from "../deploy/sqlite-history.js";
import type { SlackOutbox } from "../slack/outbox.js";
import { SqliteSlackOutbox } from "../slack/sqlite-outbox.js";
import type { AutomergeStore } from "./automerge.js";
import type { ReportStore } from "./reports.js";
import { closeSqlite, type SqliteDatabase } from "./sqlite.js";
import { SqliteAutomergeStore } from "./sqlite-automerge.js";
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
  readonly deployments: DeploymentHistory;
  readonly pendingProtections: PendingProtectionStore;
  readonly slackOutbox: SlackOutbox;
  readonly automerge: AutomergeStore;
  readonly commandLog: CommandLog;

  constructor(
    private readonly db: SqliteDatabase,
    options: SqliteStoreOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.deliveries = new SqliteDeliveryStore(db, now);
    this.state = new SqliteStateStore(db, now);
    this.reports = new SqliteReportStore(db);
    this.deployments = new SqliteDeploymentHistory(db);
    this.pendingProtections = new SqlitePendingProtections(db);
    this.slackOutbox = new SqliteSlackOutbox(db);
    this.automerge = new SqliteAutomergeStore(db);
    this.commandLog = new SqliteCommandLog(db);
  }

  async ping(): Promise<void> {
    this.db.prepare("SELECT 1").get();
  }

  async close(): Promise<void> {
    await closeSqlite(this.db);
  }
}
