import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Env, parseEnv } from "../../src/env.js";
import { TEST_SECRET } from "./webhooks.js";

let key: string | undefined;

/** A throwaway RSA key: Probot needs one to construct; no test signs a token with it. */
export function testPrivateKey(): string {
  key ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs1",
    format: "pem",
  }) as string;
  return key;
}

export function tempDir(prefix = "tollgate-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Environment variables for a test server: loopback, random port, a fresh SQLite file. */
export function testEnvVars(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ID: "12345",
    PRIVATE_KEY: testPrivateKey(),
    WEBHOOK_SECRET: TEST_SECRET,
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: `sqlite:${join(tempDir(), "tollgate.db")}`,
    LOG_LEVEL: "silent",
    // No sweep of GitHub's delivery log: tests assert the exact requests made (test/redelivery covers it).
    REDELIVERY_SWEEP_MINUTES: "0",
    ...overrides,
  };
}

export function testEnv(overrides: Record<string, string> = {}): Env {
  const result = parseEnv(testEnvVars(overrides));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.env;
}
