// Command bypass attempts, end to end through the real server: signed webhook → intake → queue → job →
// the GitHub simulator. Whoever lacks the permission (a stranger, a reader, a triager, a fork's author,
// a bot), whatever the command hides in (quotes, code, HTML comments), however it arrives (an edit, a
// button), and whatever a config tries (limits beyond the app's caps, a PR branch relaxing the gates):
// no deployment, no merge, no re-run, no override — at most one polite reply. Controls prove each
// effect is seen when someone allowed asks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAIN_SHA, PR_SHA, seedRepository, workflowRunCompleted } from "../../demo/scenario.js";
import type { RunningServer } from "../../src/app/start-server.js";
import { type GitHubSim, type SimPull, type SimRepoState, startGitHubSim } from "../support/github-sim.js";
import { type CommandSim, installCommandRoutes } from "../support/github-sim-commands.js";
import { startApp } from "./support/app.js";
import {
  buttonEvent,
  commentEvent,
  type Person,
  postComment,
  repositoryOf,
  type ScenarioResult,
  scenario,
} from "./support/commands.js";
import { emptyFigures, saveFigures } from "./support/figures.js";

const figures = emptyFigures();
const results: ScenarioResult[] = [];
const FULL = "acme/shop";
const FORK_SHA = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
const BOT_SHA = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";
const LOOKALIKE_SHA = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1";
const REAL_BOT_SHA = "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1";

// Who comments. Logins are distinct per role: the app caches a role for 60 s per user.
const admin: Person = { login: "ada-admin" };
const maintainer: Person = { login: "mia-maintainer" };
const writer: Person = { login: "will-writer" };
const triager: Person = { login: "tia-triage" };
const reader: Person = { login: "rex-reader" };
const stranger: Person = { login: "sam-stranger" };
const ghost: Person = { login: "no-such-user" };
const mallory: Person = { login: "mallory" };

let sim: GitHubSim;
let app: RunningServer;
let cmd: CommandSim;
let shop: SimRepoState;
let caps: SimRepoState;

afterAll(async () => {
  figures.notes.push(
    `GitHub requests per scenario: ${results.map((r) => `${r.name}=${r.requests}`).join("; ")}`,
  );
  saveFigures("command-bypass", figures);
  if (process.env.CHAOS_DEBUG) console.table(results);
  await app?.close(2_000);
  await sim?.close();
});

beforeAll(async () => {
  sim = await startGitHubSim();
  shop = seedRepository(sim);
  // Dependabot auto-merge on: a look-alike must be refused by provenance, not by the switch.
  shop.files[".github/tollgate.yml"] += "\nautomerge:\n  dependabot:\n    enabled: true\n";
  cmd = installCommandRoutes(sim, shop);
  const roles: [Person, string, string][] = [
    [admin, "admin", "admin"],
    [maintainer, "write", "maintain"],
    [writer, "write", "write"],
    [triager, "read", "triage"],
    [reader, "read", "read"],
    [stranger, "none", "none"],
    // the fork's owner administers the fork, not this repository
    [mallory, "read", "read"],
    // bots with the strongest role: only the bot rule may stop them
    [{ login: "deploy-helper[bot]" }, "admin", "admin"],
    [{ login: "ci-runner" }, "admin", "admin"],
  ];
  for (const [p, permission, role_name] of roles) cmd.permissions.set(p.login, { permission, role_name });
  cmd.permissions.set(ghost.login, "404");
  // Looks like Dependabot: a person's PR on a dependabot/ branch with a bump title; and a fork PR
  // carrying Dependabot's own signed commit (cherry-picked: author and signature survive).
  shop.pulls.push(
    {
      number: 21,
      state: "open",
      head: {
        sha: LOOKALIKE_SHA,
        ref: "dependabot/npm_and_yarn/lodash-4.17.21",
        repoFullName: FULL,
        owner: "acme",
      },
      base: { sha: MAIN_SHA, ref: "main", repoFullName: FULL },
      user: { login: "will-writer", id: 777, type: "User" },
    },
    {
      number: 22,
      state: "open",
      head: {
        sha: BOT_SHA,
        ref: "dependabot/npm_and_yarn/lodash-4.17.21",
        repoFullName: "mallory/shop",
        owner: "mallory",
      },
      base: { sha: MAIN_SHA, ref: "main", repoFullName: FULL },
      user: { login: "mallory", id: 666, type: "User" },
    },
  );
  const dependabot = { login: "dependabot[bot]", id: 49699333, type: "Bot" };
  const bumpMessage = [
    "Bump lodash from 4.17.20 to 4.17.21",
    "",
    "---",
    "updated-dependencies:",
    "- dependency-name: lodash",
    "  dependency-type: direct:production",
    "  update-type: version-update:semver-patch",
    "...",
  ].join("\n");
  shop.pulls.push({
    number: 23,
    state: "open",
    head: {
      sha: REAL_BOT_SHA,
      ref: "dependabot/npm_and_yarn/lodash-4.17.21",
      repoFullName: FULL,
      owner: "acme",
    },
    base: { sha: MAIN_SHA, ref: "main", repoFullName: FULL },
    user: dependabot,
  });
  for (const [n, sha] of [
    [21, LOOKALIKE_SHA],
    [22, BOT_SHA],
    [23, REAL_BOT_SHA],
  ] as const) {
    cmd.pullExtras.set(n, { title: "Bump lodash from 4.17.20 to 4.17.21", body: "Bumps lodash." });
    cmd.commits.set(sha, {
      sha,
      author: dependabot,
      verified: true,
      message: bumpMessage,
      date: "2020-01-01T00:00:00Z",
    });
  }
  // A PR branch's own config tries to relax everything; the app must read the default branch's.
  cmd.branchFiles.set("feature/discounts", {
    ".github/tollgate.yml": [
      "gates:",
      "  required: []",
      "deployments:",
      "  order: [staging, production, yolo]",
      "  protect: []",
      "automerge:",
      "  dependabot:",
      "    enabled: true",
      "    update_types: [patch, minor, major]",
    ].join("\n"),
  });
  // A repository whose config asks for limits beyond the app's caps.
  caps = sim.addRepo("acme", "caps");
  caps.files[".github/tollgate.yml"] = [
    "max_annotations: 1000000",
    "artifacts:",
    "  max_bytes: 99999999999",
    "limits:",
    "  max_download_mb: 100000",
    "gates:",
    "  coverage:",
    "    min: 5000",
    "  tests:",
    "    max_failed: -1",
  ].join("\n");
  caps.pulls.push({
    number: 3,
    state: "open",
    head: { sha: PR_SHA, ref: "feature/x", repoFullName: "acme/caps", owner: "acme" },
    base: { sha: MAIN_SHA, ref: "main", repoFullName: "acme/caps" },
    user: { login: "octocat", id: 583231, type: "User" },
  });
  caps.runs.push({ ...structuredClone(shop.runs.find((r) => r.id === 9002)), id: 9102 } as never);
  app = await startApp(sim);
  // The gate passed on the PR head (a stored success verdict), so a /merge that got through would merge.
  for (const sha of [PR_SHA, FORK_SHA, LOOKALIKE_SHA, BOT_SHA])
    await app.store.reports.saveVerdict({
      repo: FULL,
      sha,
      conclusion: "success",
      summary: "all gates passed",
      coveragePct: 90,
      decidedAt: new Date(),
    });
  // Production history with a rollback target, so a /rollback that got through would deploy.
  const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h));
  for (const [id, sha, h] of [
    [1, MAIN_SHA, 1],
    [2, "a".repeat(40), 2],
  ] as const) {
    await app.store.deployments.recordCreated({
      repo: FULL,
      deploymentId: id,
      environment: "production",
      sha,
      ref: sha,
      creator: "ada-admin",
      createdAt: at(h),
    });
    await app.store.deployments.recordStatus({
      repo: FULL,
      deploymentId: id,
      state: "success",
      at: at(h),
      logUrl: null,
      environmentUrl: null,
    });
  }
}, 30_000);

const ctx = () => ({ app, cmd });

let nextPull = 100;
/** A PR of its own per scenario: one PR's commands run one at a time, scenarios run side by side. */
function openPull(kind: "same" | "fork" = "same", sha = kind === "fork" ? FORK_SHA : PR_SHA): number {
  const number = nextPull++;
  const pull: SimPull = {
    number,
    state: "open",
    head:
      kind === "fork"
        ? { sha, ref: `patch-${number}`, repoFullName: "mallory/shop", owner: "mallory" }
        : { sha, ref: "feature/discounts", repoFullName: FULL, owner: "acme" },
    base: { sha: MAIN_SHA, ref: "main", repoFullName: FULL },
    user:
      kind === "fork"
        ? { login: "mallory", id: 666, type: "User" }
        : { login: "octocat", id: 583231, type: "User" },
  };
  shop.pulls.push(pull);
  return number;
}

/** No effect of any kind on GitHub or in the app's store; at most one reply. Counted in the figures. */
async function expectNoEffect(r: ScenarioResult, sha = PR_SHA): Promise<void> {
  results.push(r);
  figures.scenarios++;
  figures.faultsInjected++;
  figures.deliveriesSent += r.deliveries;
  const override = await app.store.reports.getOverride(FULL, sha);
  const waiting = await app.store.state.get(`commands:merge:${FULL}@${sha}`);
  const waitingCount = Array.isArray(waiting) ? waiting.length : 0;
  if (r.effects > 0 || override !== undefined || waitingCount > 0) figures.effectsLost++;
  if (r.replies.length > 1) figures.duplicates += r.replies.length - 1;
  expect({ effects: r.effects, override, waitingCount }, r.name).toEqual({
    effects: 0,
    override: undefined,
    waitingCount: 0,
  });
  expect(r.replies.length, `${r.name}: at most one reply`).toBeLessThanOrEqual(1);
  expect(
    r.reactions.filter((x) => x !== "eyes" && x !== "confused"),
    `${r.name}: no 🚀`,
  ).toEqual([]);
}

function comment(author: Person, body: string, kind: "same" | "fork" = "same") {
  const issue = openPull(kind);
  return scenario(`${author.login}: ${JSON.stringify(body).slice(0, 40)}`, ctx(), async (send) => {
    const c = postComment(shop, issue, author, body);
    await send("issue_comment", commentEvent(shop, c, "created"));
  });
}

/** The one reply of a scenario (refusals are worded by the app, escaped: `@` carries a zero-width joiner). */
const replyOf = (r: ScenarioResult) =>
  (r.replies[0] ?? "").replace(/\u200B/g, "").replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, "$1");

// Every scenario has its own installation and PR, so they run side by side (GitHub's write pacing of
// one request a second per installation would otherwise make this suite take minutes).
describe.concurrent("commands by someone without the permission", () => {
  const attempts: [Person, string, RegExp][] = [
    [stranger, "/deploy production", /needs write \(or higher\) permission; @sam-stranger has none/],
    [reader, "/merge", /needs write \(or higher\) permission; @rex-reader has read/],
    [reader, "/rollback production", /needs write \(or higher\) permission; @rex-reader has read/],
    [triager, "/deploy staging", /needs write \(or higher\) permission; @tia-triage has triage/],
    [triager, "/gate override it is fine", /needs maintain or admin permission; @tia-triage has triage/],
    [writer, "/gate override trust me", /needs maintain or admin permission; @will-writer has write/],
    [ghost, "/deploy staging\n/merge\n/rollback production\n/gate override x", /@no-such-user has none/],
  ];
  for (const [who, body, reason] of attempts)
    it(`${who.login}: ${body.split("\n").join(" + ")} → refused, nothing done, one reply`, async () => {
      const r = await comment(who, body);
      await expectNoEffect(r);
      expect(r.replies).toHaveLength(1);
      expect(replyOf(r)).toMatch(reason);
      expect(r.reactions).toEqual(["eyes", "confused"]);
    });

  it("the author of a fork PR (admin of the fork, reader here): every command refused", async () => {
    const r = await comment(
      mallory,
      "/deploy staging\n/merge\n/rollback production\n/gate override mine",
      "fork",
    );
    await expectNoEffect(r, FORK_SHA);
    expect(replyOf(r).match(/@mallory has read/g)).toHaveLength(4);
  });

  it("a maintainer's /deploy of a fork PR's head: refused (fork code is never deployed)", async () => {
    const r = await comment(maintainer, "/deploy staging", "fork");
    await expectNoEffect(r, FORK_SHA);
    expect(replyOf(r)).toMatch(/in a fork; Tollgate never deploys fork code/);
  });

  it("a bot with admin rights (sender type Bot): not even queued, no GitHub request", async () => {
    const r = await comment({ login: "ci-runner", type: "Bot" }, "/deploy staging\n/merge");
    await expectNoEffect(r);
    expect(r.requests).toBe(0);
  });

  it("an admin's /deploy on an issue (not a pull request): not a command, no GitHub request", async () => {
    const r = await scenario("command on an issue", ctx(), async (send) => {
      const c = postComment(shop, 4_000, admin, "/deploy staging\n/merge");
      await send("issue_comment", commentEvent(shop, c, "created", { onIssue: true }));
    });
    await expectNoEffect(r);
    expect(r.requests).toBe(0);
  });

  it("a [bot] login with admin rights typed User in the payload: read back, ignored, no reaction", async () => {
    const r = await comment({ login: "deploy-helper[bot]" }, "/deploy staging\n/gate override bot");
    await expectNoEffect(r);
    expect(r.reactions).toEqual([]);
    expect(r.replies).toEqual([]);
  });
});

describe.concurrent("commands hidden where Markdown shows none (an admin writes them: only the grammar stops them)", () => {
  const hidden: [string, string][] = [
    ["quote", "> /deploy staging\n> /gate override quoted"],
    ["inline code", "`/deploy staging`\nrun `/merge` later"],
    ["``` fence", "```\n/deploy staging\n/merge\n```"],
    ["~~~ fence", "~~~sh\n/gate override fenced\n~~~"],
    ["fence closed only by its own kind", "````\n```\n/deploy staging\n````"],
    ["indented code", "Example:\n\n    /deploy staging\n\t/merge"],
    ["full-width slash", "／deploy staging"],
    ["mid-sentence", "please /deploy staging when ready"],
    [
      "fence opened on a list item",
      "1. Deploy with:\n   ```\n   /deploy staging\n   ```\n- ```\n  /merge\n  ```",
    ],
    ["HTML comment", "Looks good.\n<!--\n/deploy staging\n/gate override hidden\n-->"],
    ["HTML comment closing on the command line", "<!-- note\n/deploy staging -->"],
  ];
  for (const [what, body] of hidden)
    it(`${what}: no command, no reaction, no reply`, async () => {
      const r = await comment(admin, body);
      await expectNoEffect(r);
      expect(r.reactions, what).toEqual([]);
      expect(r.replies, what).toEqual([]);
    });
});

describe.concurrent("controls: the same harness sees every effect when someone allowed asks", () => {
  const control = (r: ScenarioResult) => {
    results.push(r);
    figures.scenarios++;
    figures.deliveriesSent += r.deliveries;
    if (r.replies.length > 1) figures.duplicates += r.replies.length - 1;
    expect(r.replies.length).toBeLessThanOrEqual(1);
  };
  const mine = <T extends { installation: number }>(list: T[], r: ScenarioResult) =>
    list.filter((x) => x.installation === r.installation);

  it("a writer's /deploy staging, zero-width characters before the slash: one deployment of the head", async () => {
    const r = await comment(writer, "\u200B\uFEFF/deploy staging");
    control(r);
    expect(mine(cmd.effects.deployments, r)).toMatchObject([
      { ref: PR_SHA, environment: "staging", requiredContexts: ["Tollgate"] },
    ]);
    expect(r.reactions).toEqual(["eyes", "rocket"]);
  });

  it("a command inside <details> is visible once expanded: acted on with the commenter's permission", async () => {
    const r = await comment(writer, "<details><summary>ops</summary>\n\n/deploy staging\n</details>");
    control(r);
    expect(mine(cmd.effects.deployments, r)).toHaveLength(1);
  });

  it("a writer's /rollback production deploys the previous successful sha", async () => {
    const r = await comment(writer, "/rollback production");
    control(r);
    expect(mine(cmd.effects.deployments, r)).toMatchObject([{ ref: MAIN_SHA, environment: "production" }]);
  });

  it("a writer's /merge merges the head (its gate passed)", async () => {
    const r = await comment(writer, "/merge");
    control(r);
    expect(mine(cmd.effects.merges, r)).toMatchObject([{ sha: PR_SHA }]);
  });

  it("a maintainer's /gate override is stored with who and why (on a sha of its own)", async () => {
    const sha = "d".repeat(40);
    const number = openPull("same", sha);
    const r = await scenario("override by maintainer", ctx(), async (send) => {
      const c = postComment(shop, number, maintainer, "/gate override flaky runner, see #12");
      await send("issue_comment", commentEvent(shop, c, "created"));
    });
    control(r);
    expect(await app.store.reports.getOverride(FULL, sha)).toMatchObject({
      by: "mia-maintainer",
      reason: "flaky runner, see #12",
    });
  });

  it("a writer presses Re-run failed jobs: the failed run is re-run", async () => {
    const r = await scenario("button by writer", ctx(), async (send) => {
      await send("check_run", buttonEvent(shop, PR_SHA, openPull(), "rerun_failed", writer));
    });
    control(r);
    expect(mine(cmd.effects.reruns, r).map((x) => x.runId)).toEqual([9002]);
  });
});

describe.concurrent("edited comments", () => {
  it("an edit that adds a command to an old comment is not a command (the editor is the author, an admin)", async () => {
    const c = postComment(shop, openPull(), admin, "Nice work.");
    const r = await scenario("edit adds a command", ctx(), async (send) => {
      c.body = "Nice work.\n/deploy staging\n/gate override edited in";
      c.updated_at = new Date().toISOString();
      await send("issue_comment", commentEvent(shop, c, "edited", { from: "Nice work." }));
    });
    await expectNoEffect(r);
    expect(r.requests, "an edit is not even queued").toBe(0);
  });

  it("an edit by someone else (a writer editing a maintainer's comment) is not a command either", async () => {
    const c = postComment(shop, openPull(), maintainer, "Thanks!");
    const r = await scenario("edit by another user", ctx(), async (send) => {
      c.body = "/gate override edited by a writer";
      c.updated_at = new Date().toISOString();
      await send("issue_comment", commentEvent(shop, c, "edited", { sender: writer, from: "Thanks!" }));
    });
    await expectNoEffect(r);
    expect(r.requests).toBe(0);
  });

  it("a comment edited before its (late or redelivered) created event is read: the edit is not obeyed", async () => {
    // A maintainer wrote "Thanks!"; a writer (who may edit anyone's comment) changed it to an
    // override before the app read it back. The delivery carries what the maintainer wrote.
    const c = postComment(shop, openPull(), maintainer, "Thanks!");
    const r = await scenario("edited before read", ctx(), async (send) => {
      c.body = "/gate override slipped in by an edit\n/deploy staging";
      c.updated_at = new Date(Date.now() + 1_000).toISOString();
      await send("issue_comment", commentEvent(shop, c, "created", { bodyAtEvent: "Thanks!" }));
    });
    await expectNoEffect(r);
    expect(r.reactions).toEqual(["confused"]);
    expect(r.replies).toHaveLength(1);
    expect(replyOf(r)).toMatch(/edited after it was posted .* Comment again/);
  });
});

describe.concurrent("the check run's buttons pressed by someone without the permission", () => {
  const presses: [string, Person, string][] = [
    ["Re-run failed jobs by a reader", reader, "rerun_failed"],
    ["Re-run failed jobs by a triager", triager, "rerun_failed"],
    ["Override… by a writer", writer, "override"],
    ["Re-run failed jobs by a stranger", stranger, "rerun_failed"],
  ];
  for (const [name, who, identifier] of presses)
    it(`${name}: nothing re-run or overridden, one refusal`, async () => {
      const r = await scenario(name, ctx(), async (send) => {
        await send("check_run", buttonEvent(shop, PR_SHA, openPull(), identifier, who));
      });
      await expectNoEffect(r);
      expect(r.replies).toHaveLength(1);
      expect(replyOf(r)).toMatch(new RegExp(`refused: needs .*@${who.login} has`));
    });

  it("a bot presses a button: ignored, no GitHub request", async () => {
    const r = await scenario("button by a bot", ctx(), async (send) => {
      await send(
        "check_run",
        buttonEvent(shop, PR_SHA, openPull(), "rerun_failed", { login: "ci-runner", type: "Bot" }),
      );
    });
    await expectNoEffect(r);
    expect(r.requests).toBe(0);
  });
});

describe.concurrent("Dependabot look-alikes are never auto-merged", () => {
  const ref = "dependabot/npm_and_yarn/lodash-4.17.21";
  const prEvent = (number: number, sha: string, headRepo: string, user: Person, id = 777) => {
    const repo = repositoryOf(shop);
    return {
      action: "opened",
      number,
      pull_request: {
        number,
        title: "Bump lodash from 4.17.20 to 4.17.21",
        state: "open",
        user: { login: user.login, id, type: user.type ?? "User" },
        head: { sha, ref, repo: { ...repo, full_name: headRepo } },
        base: { sha: MAIN_SHA, ref: "main", repo },
      },
      repository: repo,
      sender: { login: user.login, id, type: user.type ?? "User" },
    };
  };
  const suite = (number: number, sha: string) => ({
    action: "completed",
    check_suite: {
      id: 70_000 + number,
      head_sha: sha,
      head_branch: ref,
      status: "completed",
      conclusion: "success",
      pull_requests: [
        {
          number,
          head: { ref, sha, repo: { id: 1, name: "shop" } },
          base: { ref: "main", sha: MAIN_SHA, repo: { id: 1, name: "shop" } },
        },
      ],
    },
    repository: repositoryOf(shop),
    sender: { login: "github", id: 9919, type: "Organization" },
  });

  it("a person's PR on a dependabot/ branch with a bump title and Dependabot's signed commit", async () => {
    const r = await scenario("dependabot look-alike", ctx(), async (send) => {
      await send("pull_request", prEvent(21, LOOKALIKE_SHA, FULL, writer));
      await send("check_suite", suite(21, LOOKALIKE_SHA));
    });
    await expectNoEffect(r, LOOKALIKE_SHA);
    expect(r.requests, "the automerge job read the PR").toBeGreaterThan(0);
  });

  it("control: Dependabot's own PR, once a maintainer overrides its gate, is merged", async () => {
    const r = await scenario("dependabot control", ctx(), async (send) => {
      await send(
        "pull_request",
        prEvent(23, REAL_BOT_SHA, FULL, { login: "dependabot[bot]", type: "Bot" }, 49699333),
      );
      const c = postComment(shop, 23, maintainer, "/gate override patch bump, reviewed");
      await send("issue_comment", commentEvent(shop, c, "created"));
    });
    results.push(r);
    figures.scenarios++;
    figures.deliveriesSent += r.deliveries;
    expect(cmd.effects.merges.filter((m) => m.installation === r.installation)).toMatchObject([
      { number: 23, sha: REAL_BOT_SHA },
    ]);
  });

  it("a fork PR carrying Dependabot's cherry-picked commit, on a dependabot/ branch", async () => {
    const r = await scenario("dependabot fork", ctx(), async (send) => {
      await send("pull_request", prEvent(22, BOT_SHA, "mallory/shop", mallory));
      await send("check_suite", suite(22, BOT_SHA));
    });
    await expectNoEffect(r, BOT_SHA);
  });
});

describe.concurrent("config that tries to raise limits or relax the gates", () => {
  it("limits beyond the app's caps: refused in the check run (action_required), each key named", async () => {
    const payload = JSON.parse(
      JSON.stringify(
        workflowRunCompleted({
          id: 9102,
          name: "CI",
          sha: PR_SHA,
          branch: "feature/x",
          conclusion: "failure",
          pulls: [3],
        }),
      )
        .replaceAll("acme/shop", "acme/caps")
        .replaceAll('"name":"shop"', '"name":"caps"'),
    );
    const r = await scenario("config over caps", ctx(), async (send) => {
      await send("workflow_run", payload);
    });
    results.push(r);
    figures.scenarios++;
    figures.faultsInjected++;
    figures.deliveriesSent += r.deliveries;
    const check = caps.checkRuns.find((c) => c.head_sha === PR_SHA && c.name === "Tollgate");
    expect(check?.conclusion).toBe("action_required");
    // Markdown-escaped in the table: max\_annotations
    const summary = (check?.output.summary ?? "").replace(/\\_/g, "_");
    for (const key of [
      "max_annotations",
      "artifacts",
      "limits",
      "gates.coverage.min",
      "gates.tests.max_failed",
    ])
      expect(summary, key).toContain(`| ${key} in acme/caps:.github/tollgate.yml |`);
    expect(summary).toMatch(
      /max_annotations in .* \| is not a repository setting: size and annotation limits are set by whoever runs the app/,
    );
    expect(summary).toMatch(/no gate was evaluated/);
    if (r.effects > 0) figures.effectsLost++;
    expect(r.effects).toBe(0);
  });

  it("a PR branch's config cannot relax the gates or the protected environments", async () => {
    // The branch's file drops `production` from `protect`; the default branch's keeps it.
    const r = await comment(writer, "/deploy production");
    await expectNoEffect(r);
    expect(replyOf(r)).toMatch(/production.* is protected/);
    expect(cmd.configReads.length).toBeGreaterThan(0);
    expect(
      cmd.configReads.filter((ref) => ref !== ""),
      "config read from a PR ref",
    ).toEqual([]);
  });
});
