import { describe, expect, it } from "vitest";
import { parseEnv } from "../src/env.js";
import { testPrivateKey } from "./support/app-env.js";

const creds = { APP_ID: "42", PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: "s" };

describe("parseEnv", () => {
  it("applies DESIGN.md defaults", () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env).toMatchObject({
      credentials: null,
      missingCredentials: ["APP_ID", "PRIVATE_KEY or PRIVATE_KEY_PATH", "WEBHOOK_SECRET"],
      githubBaseUrl: undefined,
      port: 3000,
      webhookPath: "/api/github/webhooks",
      databaseUrl: "sqlite:./data/tollgate.db",
      redisUrl: undefined,
      slack: { apiUrl: "https://slack.com/api/" },
      logLevel: "info",
      bounds: { artifactMaxBytes: 500 * 1024 * 1024, unzipMaxEntries: 10_000, unzipMaxRatio: 100 },
    });
  });

  it("builds credentials and the GHE REST base URL", () => {
    const result = parseEnv({ ...creds, GHE_HOST: "ghe.example.com", GHE_PROTOCOL: "http" });
    expect(result.ok && result.env.credentials?.appId).toBe(42);
    expect(result.ok && result.env.githubBaseUrl).toBe("http://ghe.example.com/api/v3");
  });

  it.each([
    ["escaped newlines", testPrivateKey().replace(/\n/g, "\\n")],
    ["base64", Buffer.from(testPrivateKey()).toString("base64")],
  ])("accepts a PRIVATE_KEY given with %s", (_name, key) => {
    const result = parseEnv({ ...creds, PRIVATE_KEY: key });
    expect(result.ok && result.env.credentials?.privateKey).toBe(testPrivateKey());
  });

  it("reads PRIVATE_KEY_PATH through the injected reader", () => {
    const result = parseEnv({ ...creds, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: "/k.pem" }, (path) =>
      path === "/k.pem" ? testPrivateKey() : "",
    );
    expect(result.ok && result.env.credentials?.privateKey).toBe(testPrivateKey());
  });

  it.each<[Record<string, string>, string]>([
    [{ PORT: "http" }, "PORT"],
    [{ APP_ID: "abc" }, "APP_ID: must be the numeric App ID"],
    [{ WEBHOOK_PATH: "hooks" }, "WEBHOOK_PATH: must start with /"],
    [{ GHE_HOST: "https://ghe.example.com" }, "GHE_HOST: must be a host name"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ WORKER_CONCURRENCY: "0" }, "WORKER_CONCURRENCY"],
    [{ REDIS_URL: "not a url" }, "REDIS_URL"],
    [{ PRIVATE_KEY: "hunter2" }, "PRIVATE_KEY: is neither a PEM private key"],
    [{ PRIVATE_KEY_PATH: "/nonexistent/key.pem" }, "PRIVATE_KEY_PATH: cannot read /nonexistent/key.pem"],
  ])("%j → error naming the variable", (vars, message) => {
    const result = parseEnv(vars);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join("\n")).toContain(message);
  });
});
