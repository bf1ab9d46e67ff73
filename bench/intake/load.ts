/**
 * Open-loop load generator (its own process, so it does not steal the server's event loop).
 * Fires signed deliveries on a fixed schedule — never waiting for answers before the next send —
 * and measures time-to-answer from each request's *scheduled* send time (no coordinated omission).
 * Each delivery is its own commit (the payload's head_sha replaced, then signed), as when many
 * repositories report at once; one sha for all would serialise every job on one queue key.
 * Env: URL, RATE (/s), DURATION_MS, SECRET, ID_PREFIX, EVENT, BODY_FILE. Prints one JSON line.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";

const url = new URL(required("URL"));
const rate = Number(required("RATE"));
const durationMs = Number(required("DURATION_MS"));
const template = readFileSync(required("BODY_FILE"), "utf8");
const secret = required("SECRET");
const headSha = /"head_sha":"([0-9a-f]{40})"/.exec(template)?.[1];
const prefix = required("ID_PREFIX");
const event = required("EVENT");

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
const total = Math.round((rate * durationMs) / 1000);
const latencies: number[] = [];
const statuses: Record<string, number> = {};
let answered = 0;
let lastAnswerAt = 0;

function signedBody(i: number): { body: Buffer; signature: string } {
  const sha = createHmac("sha1", "sha").update(`${prefix}-${i}`).digest("hex");
  const body = Buffer.from(headSha ? template.replaceAll(headSha, sha) : template);
  return { body, signature: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` };
}

function send(i: number, scheduledAt: number): Promise<void> {
  const { body, signature } = signedBody(i);
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          "user-agent": "GitHub-Hookshot/bench",
          "x-github-event": event,
          "x-github-delivery": `${prefix}-${i}`,
          "x-hub-signature-256": signature,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const now = performance.now();
          latencies.push(now - scheduledAt);
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
          answered++;
          lastAnswerAt = now;
          resolve();
        });
      },
    );
    req.on("error", (error) => {
      statuses[error.message] = (statuses[error.message] ?? 0) + 1;
      resolve();
    });
    req.end(body);
  });
}

const start = performance.now() + 20;
const pending: Promise<void>[] = [];
let next = 0;
await new Promise<void>((done) => {
  const tick = () => {
    const now = performance.now();
    while (next < total && start + (next * 1000) / rate <= now) {
      pending.push(send(next, start + (next * 1000) / rate));
      next++;
    }
    if (next >= total) return done();
    const wait = start + (next * 1000) / rate - performance.now();
    setTimeout(tick, Math.max(0, Math.min(wait, 5)));
  };
  setTimeout(tick, 20);
});
await Promise.all(pending);
agent.destroy();

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
const elapsedS = (lastAnswerAt - start) / 1000;
process.stdout.write(
  `${JSON.stringify({
    rate,
    sent: total,
    answered,
    statuses,
    p50: pct(50),
    p99: pct(99),
    max: latencies.at(-1) ?? 0,
    perSecond: elapsedS > 0 ? answered / elapsedS : 0,
  })}\n`,
);
