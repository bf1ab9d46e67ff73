import { describe, expect, it } from "vitest";
import { type DecideInput, decide } from "../../src/commands/decide.js";
import { parseCommands } from "../../src/commands/grammar.js";
import { atLeast, type REQUIRED_ROLE, ROLES, type Role, roleOf } from "../../src/commands/permissions.js";

const HEAD = "a".repeat(40);

function input(body: string, over: Partial<DecideInput> = {}): DecideInput {
  return {
    lines: parseCommands(body),
    actor: { login: "octocat", type: "User" },
    role: "write",
    pull: { state: "open", merged: false, headSha: HEAD, fork: false },
    headSeen: true,
    environments: ["staging", "production"],
    ...over,
  };
}

const kinds = (i: DecideInput): string[] => {
  const plan = decide(i);
  return plan.kind === "ignore" ? [`ignore: ${plan.reason}`] : plan.steps.map((s) => s.kind);
};

const COMMANDS: [string, keyof typeof REQUIRED_ROLE][] = [
  ["/help", "help"],
  ["/report", "report"],
  ["/rerun", "rerun"],
  ["/deploy staging", "deploy"],
  ["/rollback production", "rollback"],
  ["/gate override known flaky runner", "override"],
  ["/merge", "merge"],
];

// The full matrix: each command × each role, against DESIGN.md's table.
const EXPECTED: Record<keyof typeof REQUIRED_ROLE, Role[]> = {
  help: ["none", "read", "triage", "write", "maintain", "admin"],
  report: ["write", "maintain", "admin"],
  rerun: ["write", "maintain", "admin"],
  deploy: ["write", "maintain", "admin"],
  rollback: ["write", "maintain", "admin"],
  merge: ["write", "maintain", "admin"],
  override: ["maintain", "admin"],
};

const matrix = COMMANDS.flatMap(([body, name]) =>
  ROLES.map((role) => [body, role, EXPECTED[name].includes(role) ? "run" : "refuse"] as const),
);

describe("permission matrix (command × role)", () => {
  it.each(matrix)("%s by %s → %s", (body, role, expected) => {
    expect(kinds(input(body, { role }))).toEqual([expected]);
  });

  it.each(COMMANDS)("%s with an unreadable permission: only /help runs (fail closed)", (body, name) => {
    expect(kinds(input(body, { role: undefined }))).toEqual([name === "help" ? "run" : "refuse"]);
  });

  it("a refusal names the permission needed and the one held", () => {
    const plan = decide(input("/gate override x", { role: "write" }));
    expect(plan.kind === "act" && plan.steps[0]?.kind === "refuse" && plan.steps[0].reason).toBe(
      "/gate override needs maintain or admin permission; @octocat has write",
    );
  });
});

describe("roleOf (collaborators permission API)", () => {
  it.each([
    [{ permission: "write", role_name: "maintain" }, "maintain"],
    [{ permission: "read", role_name: "triage" }, "triage"],
    [{ permission: "admin", role_name: "admin" }, "admin"],
    [{ permission: "write", role_name: "release-manager" }, "write"],
    [{ permission: "none", role_name: "" }, "none"],
    [{ permission: "weird" }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ] as const)("%j → %s", (answer, role) => {
    expect(roleOf(answer)).toBe(role);
  });

  it("orders roles none < read < triage < write < maintain < admin", () => {
    expect(atLeast("triage", "write")).toBe(false);
    expect(atLeast("maintain", "write")).toBe(true);
    expect(atLeast(undefined, "read")).toBe(false);
    expect(atLeast(undefined, "none")).toBe(true);
  });
});

describe("decide", () => {
  it("ignores bots, including by [bot] login", () => {
    expect(kinds(input("/merge", { actor: { login: "tollgate[bot]", type: "Bot" } }))[0]).toMatch(/ignore/);
    expect(kinds(input("/merge", { actor: { login: "renovate[bot]", type: "User" } }))[0]).toMatch(/ignore/);
  });

  it("ignores comments without commands", () => {
    expect(kinds(input("LGTM"))).toEqual(["ignore: no command in the comment"]);
  });

  it("refuses /deploy of a fork's head, even for admins", () => {
    const plan = decide(
      input("/deploy production", {
        role: "admin",
        pull: { state: "open", merged: false, headSha: HEAD, fork: true },
      }),
    );
    expect(plan.kind === "act" && plan.steps[0]).toMatchObject({
      kind: "refuse",
      reason: expect.stringMatching(/fork/),
    });
  });

  it("a fork PR does not block /rollback (it deploys a sha that already ran there)", () => {
    expect(
      kinds(
        input("/rollback production", { pull: { state: "open", merged: false, headSha: HEAD, fork: true } }),
      ),
    ).toEqual(["run"]);
  });

  it.each([
    ["/deploy staging", false, "refuse"],
    ["/deploy staging", undefined, "refuse"],
    ["/merge", false, "refuse"],
    ["/gate override x", false, "refuse"],
    ["/report", false, "run"],
    ["/rerun", undefined, "run"],
  ] as const)("%s with head seen = %s → %s", (body, headSeen, expected) => {
    expect(kinds(input(body, { headSeen, role: "admin" }))).toEqual([expected]);
  });

  it("an environment outside deployments.order is refused with the closest one", () => {
    const plan = decide(input("/deploy prodution"));
    expect(plan.kind === "act" && plan.steps[0]?.kind === "refuse" && plan.steps[0].reason).toMatch(
      /not in deployments.order \(staging, production\); did you mean production\?/,
    );
  });

  it("uses the configured spelling of the environment", () => {
    const plan = decide(input("/deploy STAGING"));
    expect(plan.kind === "act" && plan.steps[0]?.kind === "run" && plan.steps[0].command).toEqual({
      name: "deploy",
      environment: "staging",
    });
  });

  it("closed PRs refuse everything but /help", () => {
    expect(
      kinds(
        input("/help\n/merge\n/report", {
          pull: { state: "closed", merged: false, headSha: HEAD, fork: false },
        }),
      ),
    ).toEqual(["run", "refuse", "refuse"]);
  });

  it("invalid lines become refusals in place, the rest still runs in order", () => {
    expect(kinds(input("/report\n/deploy\n/frobnicate\n/merge"))).toEqual(["run", "refuse", "refuse", "run"]);
  });
});
