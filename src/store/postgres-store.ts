import type { PostgresPool } from "./postgres.js";
import { PostgresDeliveryStore } from "./postgres-deliveries.js";
import { PostgresReportStore } from "./postgres-reports.js";
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
  private closed: Promise<void> | undefined;

  constructor(
    private readonly pool: PostgresPool,
    options: PostgresStoreOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.deliveries = new PostgresDeliveryStore(pool, now);
    this.state = new PostgresStateStore(pool, now);
    this.reports = new PostgresReportStore(pool);
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
