/**
 * The state store port. Grows by concern: each domain gets its own sub-interface (deliveries,
 * state now; reports, verdicts, overrides, comments, deployments with later issues), each in its own
 * file per backend, so no implementation file grows past one concern.
 * Implementations: SQLite (`sqlite-store.ts`, embedded default) and PostgreSQL (scale-out issue).
 * All methods are async so the PostgreSQL store slots in unchanged.
 */

import type { CommandLog } from "../commands/command-log.js";
import type { DeploymentHistory } from "../deploy/history.js";
import type { PendingProtectionStore } from "../deploy/pending.js";
import type { Json } from "../queue/queue.js";
import type { SlackOutbox } from "../slack/outbox.js";
import type { AutomergeStore } from "./automerge.js";
import type { ReportStore } from "./reports.js";

export type { Json };

/** What became of a webhook delivery. */
export type DeliveryStatus =
  /** Verified and recorded; the job may or may not be enqueued yet. */
  | "received"
  /** A job carries it. */
  | "queued"
  /** A handler is working on it. */
  | "processing"
  /** Handled. */
  | "done"
  /** No handler wanted it (event/action not used, app not configured for the repo). */
  | "ignored"
  /** The job failed and will be retried. */
  | "failed"
  /** The job gave up (dead-letter). */
  | "dead";

export interface DeliveryRecord {
  /** X-GitHub-Delivery. */
  id: string;
  /** X-GitHub-Event, e.g. "workflow_run". */
  name: string;
  action?: string | null;
  installationId?: number | null;
  /** "owner/repo" when the payload has a repository. */
  repo?: string | null;
  receivedAt: Date;
  status: DeliveryStatus;
}

export interface Delivery {
  id: string;
  name: string;
  action: string | null;
  installationId: number | null;
  repo: string | null;
  receivedAt: Date;
  updatedAt: Date;
  status: DeliveryStatus;
  /** Last error message (failed, dead). */
  error: string | null;
}

export interface DeliveryQuery {
  status?: DeliveryStatus;
  /** receivedAt >= since. */
  since?: Date;
  /** Default 100. Newest first. */
  limit?: number;
}

/** Audit of what GitHub sent and what became of it. Intake, handlers and the redelivery sweeper use it. */
export interface DeliveryStore {
  /**
   * Insert a delivery. A second record with the same id changes nothing and answers
   * `{ inserted: false }` (GitHub redelivers; the queue's idempotent enqueue decides whether it runs).
   */
  record(delivery: DeliveryRecord): Promise<{ inserted: boolean }>;
  /** Set status (and error, cleared when omitted). Unknown id: `{ updated: false }`, not an error. */
  mark(id: string, status: DeliveryStatus, error?: string): Promise<{ updated: boolean }>;
  get(id: string): Promise<Delivery | undefined>;
  list(query?: DeliveryQuery): Promise<Delivery[]>;
}

/** Small app state (cursors, last sweep time, feature flags): JSON values by string key. */
export interface StateStore {
  get(key: string): Promise<Json | undefined>;
  set(key: string, value: Json): Promise<void>;
  delete(key: string): Promise<{ deleted: boolean }>;
}

export interface Store {
  readonly deliveries: DeliveryStore;
  readonly state: StateStore;
  /** Reports per commit, gate overrides, verdicts (src/store/reports.ts). */
  readonly reports: ReportStore;
  /** Deployments per repo and environment, with their statuses (promotion, rollback). */
  readonly deployments: DeploymentHistory;
  /** Deployment protection requests waiting for a verdict. */
  readonly pendingProtections: PendingProtectionStore;
  /** Slack messages stored before sending (the durable outbox). */
  readonly slackOutbox: SlackOutbox;
  /** Auto-merge decisions per PR. */
  readonly automerge: AutomergeStore;
  /** Slash commands and buttons: who asked what, when, and what came of it. */
  readonly commandLog: CommandLog;
  /** Throws when the database does not answer (GET /ready). */
  ping(): Promise<void>;
  /** Closes the connection (the queue sharing an embedded database must be stopped first). */
  close(): Promise<void>;
}
