import { describe, expect, it } from "vitest";
import type { AutomergeEvent } from "../../src/automerge/note.js";
import { slackAutomerge } from "../../src/automerge/slack-view.js";

const event = (over: Partial<AutomergeEvent>): AutomergeEvent => ({
  kind: "automerge",
  repo: "acme/api",
  number: 42,
  title: "Bump eslint from 8.38.0 to 8.39.0",
  url: "https://ghe.example.com/acme/api/pull/42",
  author: "dependabot[bot]",
  headSha: "a".repeat(40),
  action: "merge",
  outcome: "auto-merge enabled",
  summary: "patch update of a development dependency",
  reasons: [],
  dependencies: [],
  ...over,
});

describe("slackAutomerge", () => {
  it.each([
    [{ outcome: "auto-merge enabled" }, "enabled"],
    [{ outcome: "merged" }, "merged"],
    [{ outcome: "already merged" }, "merged"],
    [{ action: "refuse", outcome: "none", summary: "major update of react" }, "skipped"],
    [{ action: "disable", outcome: "auto-merge disabled" }, "skipped"],
    [{ action: "wait", outcome: "none" }, undefined],
    [{ action: "merge", outcome: "not mergeable yet" }, undefined],
  ] as const)("%o → %s", (over, decision) => {
    expect(slackAutomerge(event(over))?.decision).toBe(decision);
  });

  it("builds the PR view, repository URL from the PR URL (GHES too)", () => {
    expect(
      slackAutomerge(event({ action: "disable", outcome: "auto-merge disabled", summary: "labelled hold" })),
    ).toEqual({
      decision: "skipped",
      reason: "auto-merge disabled: labelled hold",
      pull: {
        repo: "acme/api",
        repoUrl: "https://ghe.example.com/acme/api",
        number: 42,
        title: "Bump eslint from 8.38.0 to 8.39.0",
        url: "https://ghe.example.com/acme/api/pull/42",
        author: "dependabot[bot]",
        sha: "a".repeat(40),
      },
    });
  });
});
