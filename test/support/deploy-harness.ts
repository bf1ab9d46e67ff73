// Deps for the deployment and Slack use-cases: a real in-memory SQLite database (every store the
// features use), an Octokit aimed at api.github.com (nock intercepts), the repo config from a stub
// (the loader has its own tests), a mutable clock, and a Slack outbox + sender over a chosen adapter.
import pino from "pino";
import { ProbotOctokit } from "probot";
import type { LoadResult } from "../../src/config/load.js";
import { DEFAULT_CONFIG, type TollgateConfig, tollgateConfigSchema } from "../../src/config/schema.js";
import type { DeployDeps } from "../../src/deploy/deps.js";
import { SqlitePendingProtections } from "../../src/deploy/pending.js";
import { SqliteDeploymentHistory } from "../../src/deploy/sqlite-history.js";
import type { Octokit } from "../../src/github/octokit.js";
import type { SlackClient } from "../../src/slack/client.js";
import type { SlackDeps } from "../../src/slack/deps.js";
import { createSlackNotifier, NO_SLACK, type SlackNotifier } from "../../src/slack/notifier.js";
import { OutboxSender } from "../../src/slack/sender.js";
import { SqliteSlackOutbox } from "../../src/slack/sqlite-outbox.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";
import { SqliteReportStore } from "../../src/store/sqlite-reports.js";
import { SqliteStateStore } from "../../src/store/sqlite-state.js";

export const GITHUB_API = "https://api.github.com";
export const SLACK_API = "https://slack.test/api/";
export const SLACK_HOOK = "https://hooks.slack.test/services/T000/B000/XXXX";

export function nockOctokit(): Octokit {
  return new ProbotOctokit({
    auth: { token: "ghs_test" },
    throttle: { enabled: false },
    retry: { enabled: false },
  });
}

export function configWith(input: Record<string, unknown>): TollgateConfig {
  return tollgateConfigSchema.parse(input);
}

export interface DeployHarness {
  db: SqliteDatabase;
  clock: { now: number };
  config: { current: LoadResult };
  deps: DeployDeps;
  slackDeps: SlackDeps;
  outbox: SqliteSlackOutbox;
  reports: SqliteReportStore;
  sender(client: SlackClient, options?: { onPermanent?: () => void }): OutboxSender;
  withSlack(mode: "web_api" | "webhook" | null): void;
  close(): void;
}

export async function deployHarness(): Promise<DeployHarness> {
  const db = await openSqlite("sqlite::memory:");
  const clock = { now: Date.parse("2026-11-01T10:00:00Z") };
  const now = () => new Date(clock.now);
  const log = pino({ level: "silent" });
  const octokit = nockOctokit();
  const config = { current: { ok: true, config: DEFAULT_CONFIG, files: [] } as LoadResult };
  const outbox = new SqliteSlackOutbox(db);
  const reports = new SqliteReportStore(db);
  const state = new SqliteStateStore(db, () => clock.now);
  let slack: SlackNotifier = NO_SLACK;
  const deps: DeployDeps = {
    octokitFor: async () => octokit,
    loadConfig: async () => config.current,
    history: new SqliteDeploymentHistory(db),
    pending: new SqlitePendingProtections(db),
    reports,
    get slack() {
      return slack;
    },
    now,
    log,
  };
  const slackDeps: SlackDeps = {
    octokitFor: async () => octokit,
    loadConfig: async () => config.current,
    state,
    get slack() {
      return slack;
    },
    now,
    log,
  };
  return {
    db,
    clock,
    config,
    deps,
    slackDeps,
    outbox,
    reports,
    sender: (client, options = {}) =>
      new OutboxSender({
        outbox,
        client,
        now,
        log,
        ...(options.onPermanent ? { onPermanent: options.onPermanent } : {}),
      }),
    withSlack(mode) {
      slack = mode === null ? NO_SLACK : createSlackNotifier({ mode, outbox, now });
    },
    close: () => db.close(),
  };
}
