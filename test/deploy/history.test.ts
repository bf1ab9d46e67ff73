import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DeploymentState } from "../../src/deploy/history.js";
import { rollbackTarget } from "../../src/deploy/rollback.js";
import { SqliteDeploymentHistory } from "../../src/deploy/sqlite-history.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite.js";

const REPO = "octo/app";
const sha = (n: number) => String(n).repeat(40).slice(0, 40);
const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 10, m));

let db: SqliteDatabase;
let history: SqliteDeploymentHistory;

beforeEach(async () => {
  db = await openSqlite("sqlite::memory:");
  history = new SqliteDeploymentHistory(db);
});
afterEach(() => db.close());

async function deploy(id: number, environment: string, s: string, states: DeploymentState[], start: number) {
  await history.recordCreated({
    repo: REPO,
    deploymentId: id,
    environment,
    sha: s,
    ref: "main",
    creator: "octocat",
    createdAt: at(start),
  });
  let m = start;
  for (const state of states) {
    m++;
    await history.recordStatus({
      repo: REPO,
      deploymentId: id,
      state,
      at: at(m),
      logUrl: null,
      environmentUrl: null,
    });
  }
}

describe("deployment history (SQLite)", () => {
  it("records times per state and keeps success when the deployment turns inactive", async () => {
    await deploy(1, "staging", sha(1), ["queued", "in_progress", "success", "inactive"], 0);
    const r = await history.get(REPO, 1);
    expect(r).toMatchObject({
      status: "inactive",
      startedAt: at(2),
      finishedAt: at(3),
      succeededAt: at(3),
      creator: "octocat",
    });
  });

  it("a late non-terminal status never replaces a terminal one; a redelivery is not a change", async () => {
    await deploy(1, "staging", sha(1), ["failure"], 0);
    expect(
      (
        await history.recordStatus({
          repo: REPO,
          deploymentId: 1,
          state: "in_progress",
          at: at(9),
          logUrl: null,
          environmentUrl: null,
        })
      )?.changed,
    ).toBe(false);
    expect(
      (
        await history.recordStatus({
          repo: REPO,
          deploymentId: 1,
          state: "failure",
          at: at(9),
          logUrl: null,
          environmentUrl: null,
        })
      )?.changed,
    ).toBe(false);
    expect((await history.get(REPO, 1))?.status).toBe("failure");
  });

  it("a status for an unknown deployment answers undefined (the caller records it first)", async () => {
    expect(
      await history.recordStatus({
        repo: REPO,
        deploymentId: 77,
        state: "success",
        at: at(1),
        logUrl: null,
        environmentUrl: null,
      }),
    ).toBeUndefined();
  });

  it("recording a deployment twice inserts once", async () => {
    const d = {
      repo: REPO,
      deploymentId: 5,
      environment: "staging",
      sha: sha(1),
      ref: "main",
      creator: null,
      createdAt: at(0),
    };
    expect(await history.recordCreated(d)).toEqual({ inserted: true });
    expect(await history.recordCreated(d)).toEqual({ inserted: false });
  });

  it("lists per environment (newest first) and per sha", async () => {
    await deploy(1, "staging", sha(1), ["success"], 0);
    await deploy(2, "production", sha(1), ["success"], 10);
    await deploy(3, "staging", sha(2), ["failure"], 20);
    expect((await history.forEnvironment(REPO, "staging", 10)).map((r) => r.deploymentId)).toEqual([3, 1]);
    expect((await history.forSha(REPO, sha(1))).map((r) => r.environment)).toEqual(["production", "staging"]);
  });
});

describe("rollbackTarget", () => {
  it.each<[string, [number, string, DeploymentState[]][], string | null]>([
    [
      "the sha before the current one",
      [
        [1, sha(1), ["success"]],
        [2, sha(2), ["success"]],
        [3, sha(3), ["success"]],
      ],
      sha(2),
    ],
    [
      "failed deployments are skipped",
      [
        [1, sha(1), ["success"]],
        [2, sha(2), ["failure"]],
        [3, sha(3), ["success"]],
      ],
      sha(1),
    ],
    [
      "a redeploy of the current sha is not a target",
      [
        [1, sha(1), ["success"]],
        [2, sha(2), ["success"]],
        [3, sha(2), ["success"]],
      ],
      sha(1),
    ],
    [
      "superseded (inactive) successes still count",
      [
        [1, sha(1), ["success", "inactive"]],
        [2, sha(2), ["success"]],
      ],
      sha(1),
    ],
    [
      "only one successful sha: none",
      [
        [1, sha(1), ["success"]],
        [2, sha(2), ["error"]],
      ],
      null,
    ],
    ["nothing succeeded: none", [[1, sha(1), ["failure"]]], null],
  ])("%s", async (_name, deployments, expected) => {
    let m = 0;
    for (const [id, s, states] of deployments) {
      await deploy(id, "production", s, states, m);
      m += 10;
    }
    const target = rollbackTarget(await history.forEnvironment(REPO, "production", 100), "production");
    expect(target.found ? target.sha : null).toBe(expected);
    if (!target.found) expect(target.reason).toMatch(/production/);
  });
});
