import type { CommandLog } from "../commands/command-log.js";
import { PostgresCommandLog } from "../commands/postgres-command-log.js";
import type { DeploymentHistory } from "../deploy/history.js";
import type { PendingProtectionStore } from "../deploy/pending.js";
import type { SlackOutbox } from "../slack/outbox.js";
import type { AutomergeStore } from "./automerge.js";
import type { PostgresPool } from "./postgres.js";
import { PostgresAutomergeStore } from "./postgres-automerge.js";
import { PostgresDeliveryStore } from "./postgres-deliveries.js";
import { PostgresDeploymentHistory } from "./postgres-deployments.js";
import { PostgresPendingProtections } from "./postgres-pending-protections.js";
import { PostgresReportStore } from "./postgres-reports.js";
import { PostgresSlackOutbox } from "./postgres-slack-outbox.js";
import { PostgresStateStore } from "./postgres-state.js";
import type { ReportStore } from "./reports.js";
import type { DeliveryStore, StateStore, Store } from "./store.js";

export interface PostgresStoreOptions {
  /** Clock for updated_at columns (tests inject one). */
  now?: () => number;
}

/** The scale-out store over a pool opened (and migrated) by `openPostgres`; replicas share it. */
export class PostgresStore implements Store {
  readonly deliveries: DeliveryStore;
  readonly state: StateStore;
  readonly reports: ReportStore;
  readonly deployments: DeploymentHistory;
  readonly pendingProtections: PendingProtectionStore;
  readonly slackOutbox: SlackOutbox;
  readonly automerge: AutomergeStore;
  readonly commandLog: CommandLog;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly pool: PostgresPool,
    options: PostgresStoreOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.deliveries = new PostgresDeliveryStore(pool, now);
    this.state = new PostgresStateStore(pool, now);
    this.reports = new PostgresReportStore(pool);
    this.deployments = new PostgresDeploymentHistory(pool);
    this.pendingProtections = new PostgresPendingProtections(pool);
    this.slackOutbox = new PostgresSlackOutbox(pool);
    this.automerge = new PostgresAutomergeStore(pool);
    this.commandLog = new PostgresCommandLog(pool);
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  /** Ends the pool (waits for checked-out connections). Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.pool.end();
    return this.closed;
  }
}
