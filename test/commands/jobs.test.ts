import pino from "pino";
import { describe, expect, it } from "vitest";
import type { CommandsDeps } from "../../src/commands/deps.js";
import { registerCommandJobs } from "../../src/commands/jobs.js";
import { JobRegistry } from "../../src/jobs/registry.js";
import { PermanentError } from "../../src/queue/errors.js";

const log = pino({ level: "silent" });
const job = (kind: string, payload: unknown) =>
  ({ id: "j1", kind, payload, attempt: 1 }) as unknown as Parameters<JobRegistry["dispatch"]>[0];

describe("registerCommandJobs", () => {
  const jobs = new JobRegistry();
  registerCommandJobs(jobs, () => ({}) as CommandsDeps);

  it("registers the command, button and waiting-merge kinds", () => {
    expect(jobs.kinds()).toEqual(["command", "command_button", "command_merge"]);
  });

  it.each([
    ["command", { installationId: null, owner: "a", repo: "b", number: 1, commentId: 2 }],
    ["command_button", { installationId: 1, owner: "a", repo: "b", sha: "nope" }],
    ["command_merge", { installationId: 1, owner: "a", repo: "b" }],
  ])("a malformed %s payload is dead at once (PermanentError)", async (kind, payload) => {
    await expect(jobs.dispatch(job(kind, payload), log)).rejects.toBeInstanceOf(PermanentError);
  });
});
