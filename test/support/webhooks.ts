import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * Real webhook payloads from @octokit/webhooks-examples (MIT, octokit/webhooks:
 * examples contributed from real GitHub deliveries), and GitHub-style signing.
 */
interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown>>;
}

let cache: ExampleGroup[] | undefined;

function examples(): ExampleGroup[] {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const path = require.resolve("@octokit/webhooks-examples/api.github.com/index.json");
    cache = JSON.parse(readFileSync(path, "utf8")) as ExampleGroup[];
  }
  return cache;
}

/** The installation test deliveries come from. */
export const TEST_INSTALLATION = { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };

/**
 * The first example of `event` (with `action`, when given), as a fresh copy. Throws when the package
 * has none. GitHub App deliveries always carry `installation`; several examples were recorded from
 * repository webhooks, which do not, so it is added when missing.
 */
export function exampleEvent(event: string, action?: string): Record<string, unknown> {
  const group = examples().find((g) => g.name === event);
  const found = group?.examples.find((e) => action === undefined || e.action === action);
  if (!found)
    throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ""} example`);
  const copy = structuredClone(found);
  if (copy.installation === undefined) copy.installation = { ...TEST_INSTALLATION };
  return copy;
}

export const TEST_SECRET = "tollgate-test-secret";

export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface Delivery {
  id: string;
  event: string;
  body: string;
}

/** Headers GitHub sends with a delivery, signed with `secret` over exactly `body`. */
export function deliveryHeaders(delivery: Delivery, secret = TEST_SECRET): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/test",
    "x-github-event": delivery.event,
    "x-github-delivery": delivery.id,
    "x-hub-signature-256": signBody(secret, delivery.body),
  };
}

export async function postDelivery(
  url: string,
  delivery: Delivery,
  headers: Record<string, string> = deliveryHeaders(delivery),
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: "POST", headers, body: delivery.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body };
}
