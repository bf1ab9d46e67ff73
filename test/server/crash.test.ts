import { describe, expect, it } from "vitest";
import { tempDir, testEnvVars } from "../support/app-env.js";
import { markerEvents, spawnServer } from "../support/child-server.js";
import { waitFor } from "../support/wait.js";
import { exampleEvent, postDelivery } from "../support/webhooks.js";

describe("crash safety (real child process, kill -9)", () => {
  it("a job killed mid-run runs again after restart and completes", async () => {
    const markers = tempDir("tollgate-crash-");
    const vars = testEnvVars({ MARKER_DIR: markers, JOB_LEASE_MS: "2000", LOG_LEVEL: "warn" });

    const first = await spawnServer({ ...vars, BLOCK_MS: "60000" });
    const body = JSON.stringify(exampleEvent("workflow_run", "completed"));
    const answer = await postDelivery(`${first.url}/api/github/webhooks`, {
      id: "crash-1",
      event: "workflow_run",
      body,
    });
    expect(answer.status).toBe(202);
    await waitFor(
      () => markerEvents(markers).some((l) => l.startsWith("started collect:crash-1 1")),
      "job start",
      10_000,
    );

    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    expect(markerEvents(markers).filter((l) => l.startsWith("completed"))).toEqual([]);

    const second = await spawnServer({ ...vars, BLOCK_MS: "0" });
    try {
      const done = await waitFor(
        () => markerEvents(markers).find((l) => l.startsWith("completed collect:crash-1")),
        "job completion after restart",
        10_000,
      );
      // attempt 2, in the restarted process
      expect(done).toBe(`completed collect:crash-1 2 ${second.child.pid}`);
      expect(markerEvents(markers).filter((l) => l.startsWith("started"))).toHaveLength(2);
    } finally {
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    }
  });
});
