import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { Metrics } from "../ops/metrics.js";
import type { Json } from "../queue/queue.js";
import { readBody } from "./read-body.js";
import { type RejectReason, verifySignature } from "./verify.js";

/** A delivery whose signature was verified; handed to `persist` before the answer. */
export interface VerifiedDelivery {
  id: string;
  name: string;
  payload: JsonObject;
  /** "owner/name" when the payload carries a repository, for logs. */
  repo: string | undefined;
}

/** Records the delivery and enqueues its job in durable storage. Idempotent by delivery id. */
export type PersistDelivery = (delivery: VerifiedDelivery) => Promise<{ duplicate: boolean }>;

export interface WebhookRouteOptions {
  path: string;
  secret: string;
  maxBytes: number;
  persist: PersistDelivery;
  metrics: Pick<Metrics, "deliveriesReceived" | "deliveriesRejected">;
  log: Logger;
}

/** A node:http handler; resolves false when the request is not for this route. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const STATUS: Record<RejectReason, number> = {
  method_not_allowed: 405,
  unsupported_media_type: 415,
  payload_too_large: 413,
  signature_missing: 401,
  signature_malformed: 400,
  signature_mismatch: 401,
  headers_missing: 400,
  body_empty: 400,
  body_not_json: 400,
};

/**
 * POST $WEBHOOK_PATH: verify, record, enqueue, answer. It never calls GitHub
 * and never runs a handler: the job runs later in a worker, so the answer takes
 * milliseconds and a crash after the answer loses nothing.
 */
export function createWebhookRoute(options: WebhookRouteOptions): RouteHandler {
  const { metrics, log } = options;

  const reject = (res: ServerResponse, reason: RejectReason, deliveryId: string | undefined): true => {
    metrics.deliveriesRejected.inc({ reason });
    log.warn({ reason, deliveryId }, "webhook rejected");
    sendJson(res, STATUS[reason], { error: reason });
    return true;
  };

  return async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== options.path) return false;
    const deliveryId = header(req, "x-github-delivery");
    if (req.method !== "POST") return reject(res, "method_not_allowed", deliveryId);
    if (!isJsonContentType(req.headers["content-type"])) {
      req.resume();
      return reject(res, "unsupported_media_type", deliveryId);
    }
    const body = await readBody(req, options.maxBytes);
    if (!body.ok) {
      res.setHeader("connection", "close");
      return reject(res, body.reason, deliveryId);
    }
    const signature = await verifySignature(options.secret, body.body, header(req, "x-hub-signature-256"));
    if (!signature.ok) return reject(res, signature.reason, deliveryId);

    const name = header(req, "x-github-event");
    if (name === undefined || deliveryId === undefined) return reject(res, "headers_missing", deliveryId);
    const payload = parseObject(body.body);
    if (payload === undefined) return reject(res, "body_not_json", deliveryId);

    const delivery: VerifiedDelivery = { id: deliveryId, name, payload, repo: repositoryName(payload) };
    let duplicate: boolean;
    try {
      ({ duplicate } = await options.persist(delivery));
    } catch (error) {
      log.error({ err: error, deliveryId, event: name, repo: delivery.repo }, "could not persist delivery");
      sendJson(res, 503, { error: "storage_unavailable" });
      return true;
    }
    if (!duplicate) metrics.deliveriesReceived.inc({ event: name });
    log.info({ deliveryId, event: name, repo: delivery.repo, duplicate }, "delivery accepted");
    sendJson(res, 202, { id: deliveryId, duplicate });
    return true;
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === "" ? undefined : text;
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const mediaType = value.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

type JsonObject = { [key: string]: Json };

function parseObject(body: Buffer): JsonObject | undefined {
  let value: Json;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  return isRecord(value) ? value : undefined;
}

function isRecord(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function repositoryName(payload: JsonObject): string | undefined {
  const repository = payload.repository;
  if (repository === undefined || !isRecord(repository)) return undefined;
  return typeof repository.full_name === "string" ? repository.full_name : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
