import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import { sendJson } from "../intake/webhook-route.js";
import { withTimeout } from "./with-timeout.js";

/** A dependency /ready asks; `ping` resolves when it answers and rejects (or times out) when not. */
export interface ReadinessCheck {
  name: string;
  ping: () => Promise<unknown>;
}

export interface OpsRouteOptions {
  registry: Registry;
  checks: ReadinessCheck[];
  /** False once shutdown began: /ready answers 503 so a load balancer stops sending work. */
  accepting: () => boolean;
  pingTimeoutMs?: number;
}

/** GET /health, /ready and /metrics. Resolves false for any other request. */
export function createOpsRoutes(options: OpsRouteOptions) {
  const timeoutMs = options.pingTimeoutMs ?? 2_000;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = (req.url ?? "").split("?")[0];
    if (path === "/health") {
      sendJson(res, 200, { status: "ok" });
      return true;
    }
    if (path === "/ready") {
      if (!options.accepting()) {
        sendJson(res, 503, { status: "not_ready", reasons: ["shutting down"] });
        return true;
      }
      const reasons = await failingChecks(options.checks, timeoutMs);
      if (reasons.length === 0) sendJson(res, 200, { status: "ready" });
      else sendJson(res, 503, { status: "not_ready", reasons });
      return true;
    }
    if (path === "/metrics") {
      const text = await options.registry.metrics();
      res.writeHead(200, { "content-type": options.registry.contentType });
      res.end(text);
      return true;
    }
    return false;
  };
}

async function failingChecks(checks: ReadinessCheck[], timeoutMs: number): Promise<string[]> {
  const results = await Promise.all(
    checks.map(async (check) => {
      try {
        await withTimeout(check.ping(), timeoutMs);
        return undefined;
      } catch (error) {
        return `${check.name}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }),
  );
  return results.filter((reason): reason is string => reason !== undefined);
}
