import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * Process configuration, read once from the environment (DESIGN.md "Environment").
 * Secrets come only from here, never from repository files.
 */

const MiB = 1024 * 1024;

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  APP_ID: optionalText.pipe(z.string().regex(/^\d+$/, "must be the numeric App ID").optional()),
  PRIVATE_KEY: optionalText,
  PRIVATE_KEY_PATH: optionalText,
  WEBHOOK_SECRET: optionalText,
  GHE_HOST: optionalText.pipe(
    z
      .string()
      .regex(/^[^/:\s]+(:\d+)?$/, "must be a host name like github.example.com, without protocol or path")
      .optional(),
  ),
  GHE_PROTOCOL: z.enum(["https", "http"]).default("https"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  WEBHOOK_PATH: z.string().startsWith("/", "must start with /").default("/api/github/webhooks"),
  DATABASE_URL: z.string().min(1).default("sqlite:./data/tollgate.db"),
  REDIS_URL: optionalText.pipe(z.url().optional()),
  SLACK_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_API_URL: z.url().default("https://slack.com/api/"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  // process knobs
  WORKER_CONCURRENCY: positiveInt(4),
  JOB_MAX_ATTEMPTS: positiveInt(8),
  JOB_LEASE_MS: positiveInt(30_000),
  // first retry's delay ceiling; later retries double it (exponential backoff with full jitter)
  JOB_BACKOFF_BASE_MS: positiveInt(1_000),
  // a GitHub API request that has not answered after this long fails and is retried
  GITHUB_TIMEOUT_MS: positiveInt(30_000),
  // ask GitHub to redeliver failed deliveries we never recorded, every N minutes (0 = off)
  REDELIVERY_SWEEP_MINUTES: z.coerce.number().int().min(0).default(10),
  SHUTDOWN_DEADLINE_MS: positiveInt(25_000),
  WEBHOOK_MAX_BYTES: positiveInt(25 * MiB),
  // bounds (DESIGN.md "Bounds")
  ARTIFACT_MAX_BYTES: positiveInt(500 * MiB),
  UNZIP_MAX_BYTES: positiveInt(1024 * MiB),
  UNZIP_MAX_ENTRIES: positiveInt(10_000),
  UNZIP_MAX_RATIO: positiveInt(100),
  REPORT_MAX_BYTES: positiveInt(200 * MiB),
  // feedback: wait this long after a run was collected before judging the commit (bursts render once)
  JUDGE_DEBOUNCE_MS: z.coerce.number().int().min(0).default(3_000),
  // annotations sent per check run at most (GitHub takes 50 per request; each batch is one request)
  ANNOTATIONS_MAX: positiveInt(250),
});

type RawEnv = z.output<typeof envSchema>;

export type LogLevel = RawEnv["LOG_LEVEL"];

export interface AppCredentials {
  appId: number;
  privateKey: string;
  secret: string;
}

export interface Env {
  /** null when APP_ID, the private key or WEBHOOK_SECRET is missing: the server runs Probot's setup. */
  credentials: AppCredentials | null;
  /** The credential variables that are missing (empty when `credentials` is set). */
  missingCredentials: string[];
  /** REST base URL for GitHub Enterprise Server, undefined for github.com. */
  githubBaseUrl: string | undefined;
  port: number;
  host: string;
  webhookPath: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  slack: { webhookUrl: string | undefined; botToken: string | undefined; apiUrl: string };
  logLevel: LogLevel;
  workerConcurrency: number;
  jobMaxAttempts: number;
  jobLeaseMs: number;
  jobBackoffBaseMs: number;
  githubTimeoutMs: number;
  redeliverySweepMinutes: number;
  shutdownDeadlineMs: number;
  webhookMaxBytes: number;
  bounds: {
    artifactMaxBytes: number;
    unzipMaxBytes: number;
    unzipMaxEntries: number;
    unzipMaxRatio: number;
    reportMaxBytes: number;
  };
  judgeDebounceMs: number;
  annotationsMax: number;
}

export type EnvResult = { ok: true; env: Env } | { ok: false; errors: string[] };

export type ReadFile = (path: string) => string;

const readUtf8: ReadFile = (path) => readFileSync(path, "utf8");

/** Parses an environment; every error names the variable and says what to fix. */
export function parseEnv(source: NodeJS.ProcessEnv, readFile: ReadFile = readUtf8): EnvResult {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map(
        (issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`,
      ),
    };
  }
  const raw = parsed.data;
  const key = resolvePrivateKey(raw, readFile);
  if (!key.ok) return { ok: false, errors: [key.error] };

  const missing: string[] = [];
  if (raw.APP_ID === undefined) missing.push("APP_ID");
  if (key.value === undefined) missing.push("PRIVATE_KEY or PRIVATE_KEY_PATH");
  if (raw.WEBHOOK_SECRET === undefined) missing.push("WEBHOOK_SECRET");
  const credentials =
    raw.APP_ID !== undefined && key.value !== undefined && raw.WEBHOOK_SECRET !== undefined
      ? { appId: Number(raw.APP_ID), privateKey: key.value, secret: raw.WEBHOOK_SECRET }
      : null;

  return {
    ok: true,
    env: {
      credentials,
      missingCredentials: missing,
      githubBaseUrl: raw.GHE_HOST ? `${raw.GHE_PROTOCOL}://${raw.GHE_HOST}/api/v3` : undefined,
      port: raw.PORT,
      host: raw.HOST,
      webhookPath: raw.WEBHOOK_PATH,
      databaseUrl: raw.DATABASE_URL,
      redisUrl: raw.REDIS_URL,
      slack: { webhookUrl: raw.SLACK_WEBHOOK_URL, botToken: raw.SLACK_BOT_TOKEN, apiUrl: raw.SLACK_API_URL },
      logLevel: raw.LOG_LEVEL,
      workerConcurrency: raw.WORKER_CONCURRENCY,
      jobMaxAttempts: raw.JOB_MAX_ATTEMPTS,
      jobLeaseMs: raw.JOB_LEASE_MS,
      jobBackoffBaseMs: raw.JOB_BACKOFF_BASE_MS,
      githubTimeoutMs: raw.GITHUB_TIMEOUT_MS,
      redeliverySweepMinutes: raw.REDELIVERY_SWEEP_MINUTES,
      shutdownDeadlineMs: raw.SHUTDOWN_DEADLINE_MS,
      webhookMaxBytes: raw.WEBHOOK_MAX_BYTES,
      bounds: {
        artifactMaxBytes: raw.ARTIFACT_MAX_BYTES,
        unzipMaxBytes: raw.UNZIP_MAX_BYTES,
        unzipMaxEntries: raw.UNZIP_MAX_ENTRIES,
        unzipMaxRatio: raw.UNZIP_MAX_RATIO,
        reportMaxBytes: raw.REPORT_MAX_BYTES,
      },
      judgeDebounceMs: raw.JUDGE_DEBOUNCE_MS,
      annotationsMax: raw.ANNOTATIONS_MAX,
    },
  };
}

/** parseEnv for the process entry: throws one readable error listing every problem. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = parseEnv(source);
  if (!result.ok) {
    throw new Error(`Invalid environment:\n  ${result.errors.join("\n  ")}`);
  }
  return result.env;
}

type KeyResult = { ok: true; value: string | undefined } | { ok: false; error: string };

const PEM_HEADER = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Same inputs Probot accepts: PEM text (with literal "\n" escapes allowed), base64 PEM, or a file path. */
function resolvePrivateKey(raw: RawEnv, readFile: ReadFile): KeyResult {
  if (raw.PRIVATE_KEY !== undefined) {
    const text = raw.PRIVATE_KEY.replace(/\\n/g, "\n");
    if (PEM_HEADER.test(text)) return { ok: true, value: text };
    const decoded = Buffer.from(raw.PRIVATE_KEY, "base64").toString("utf8");
    if (PEM_HEADER.test(decoded)) return { ok: true, value: decoded };
    return {
      ok: false,
      error: "PRIVATE_KEY: is neither a PEM private key nor base64 of one (paste the .pem file's content)",
    };
  }
  if (raw.PRIVATE_KEY_PATH !== undefined) {
    let text: string;
    try {
      text = readFile(raw.PRIVATE_KEY_PATH);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `PRIVATE_KEY_PATH: cannot read ${raw.PRIVATE_KEY_PATH} (${reason})` };
    }
    if (!PEM_HEADER.test(text)) {
      return {
        ok: false,
        error: `PRIVATE_KEY_PATH: ${raw.PRIVATE_KEY_PATH} does not contain a PEM private key`,
      };
    }
    return { ok: true, value: text };
  }
  return { ok: true, value: undefined };
}
