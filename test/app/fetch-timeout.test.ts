import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { fetchWithTimeout } from "../../src/app/fetch-timeout.js";

describe("fetchWithTimeout", () => {
  it("gives up on a server that never answers, and passes answers through", async () => {
    const server = createServer((req, res) => {
      if (req.url === "/ok") res.end("fine");
      // else: never answer
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const f = fetchWithTimeout(200);
    try {
      expect(await (await f(`${base}/ok`)).text()).toBe("fine");
      const started = Date.now();
      await expect(f(`${base}/hang`)).rejects.toMatchObject({ name: "TimeoutError" });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
