import { describe, expect, it } from "vitest";
import { SqliteQueue } from "../../src/queue/sqlite-queue.js";
import { openSqlite } from "../../src/store/sqlite.js";
import { tempDir, testEnvVars } from "../support/app-env.js";
import { markerEvents, spawnServer } from "../support/child-server.js";
import { waitFor } from "../support/wait.js";
import { exampleEvent, postDelivery } from "../support/webhooks.js";

async function jobState(databaseUrl: string, id: string) {
  const db = await openSqlite(databaseUrl);
  try {
    return (await new SqliteQueue(db).getJob(id))?.state;
  } finally {
    db.close();
  }
}

async function startWithRunningJob(vars: Record<string, string>, markers: string) {
  const server = await spawnServer(vars);
  const body = JSON.stringify(exampleEvent("workflow_run", "completed"));
  const answer = await postDelivery(`${server.url}/api/github/webhooks`, {
    id: "term-1",
    event: "workflow_run",
    body,
  });
  expect(answer.status).toBe(202);
  await waitFor(
    () => markerEvents(markers).some((l) => l.startsWith("started collect:term-1")),
    "job start",
    10_000,
  );
  return server;
}

describe("SIGTERM drain (real child process)", () => {
  it("stops taking work, finishes the in-flight job, exits 0", async () => {
    const markers = tempDir("tollgate-term-");
    const vars = testEnvVars({ MARKER_DIR: markers, BLOCK_MS: "1500", SHUTDOWN_DEADLINE_MS: "8000" });
    const server = await startWithRunningJob(vars, markers);

    const signalled = Date.now();
    server.child.kill("SIGTERM");
    await waitFor(
      async () => (await fetch(`${server.url}/health`).catch(() => undefined)) === undefined,
      "refusal",
    );
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(8_000);
    expect(markerEvents(markers).filter((l) => l.startsWith("completed collect:term-1"))).toHaveLength(1);
    expect(await jobState(vars.DATABASE_URL as string, "collect:term-1")).toBe("done");
  });

  it("releases a job that outlives the deadline and still exits 0 within it", async () => {
    const markers = tempDir("tollgate-term-");
    const vars = testEnvVars({ MARKER_DIR: markers, BLOCK_MS: "60000", SHUTDOWN_DEADLINE_MS: "1000" });
    const server = await startWithRunningJob(vars, markers);

    const signalled = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(3_000);
    expect(markerEvents(markers).filter((l) => l.startsWith("completed"))).toEqual([]);
    // released: back to pending, so the next process runs it
    expect(await jobState(vars.DATABASE_URL as string, "collect:term-1")).toBe("pending");
  });
});
