// WebClient's own log lines: plain text on the console by default, which broke the one-JSON-line-per-
// message logs whenever Slack was unreachable ("[WARN] web-api:WebClient:0 http request failed").
// Found by test/chaos/slack-faults.test.ts. They now go to pino, or nowhere when no logger is given.
import { createServer } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SlackSendError } from "../../src/slack/client.js";
import { createWebApiClient } from "../../src/slack/web-client.js";

/** A loopback URL nothing listens on (connection refused). */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/`;
}

const message = { text: "hello", blocks: [] };

afterEach(() => vi.restoreAllMocks());

function spyConsole() {
  return ["debug", "info", "warn", "error"].map((m) =>
    vi.spyOn(console, m as "warn").mockImplementation(() => {}),
  );
}

describe("the Web API client's own logging", () => {
  it("writes nothing to the console when Slack is unreachable", async () => {
    const spies = spyConsole();
    const client = createWebApiClient({ token: "xoxb-t", apiUrl: await refusedUrl() });
    const error = await client.post("#c", message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackSendError);
    expect((error as SlackSendError).kind).toBe("retry");
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("with a logger, its messages become JSON lines tagged slack-web-api", async () => {
    const spies = spyConsole();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino({ level: "debug" }, sink);
    const client = createWebApiClient({ token: "xoxb-t", apiUrl: await refusedUrl(), log });
    await client.post("#c", message).catch(() => undefined);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    const parsed = lines.map((l) => JSON.parse(l) as { component?: string; msg?: string; level: number });
    expect(parsed.some((p) => p.component === "slack-web-api" && /request failed/.test(p.msg ?? ""))).toBe(
      true,
    );
  });
});
