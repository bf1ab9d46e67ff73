import { describe, expect, it } from "vitest";
import { automergeNote } from "../../src/automerge/note.js";

describe("automergeNote", () => {
  it.each([
    [
      { action: "merge", summary: "patch update of a development dependency", reasons: [] },
      "auto-merge enabled",
      "**Auto-merge:** enabled — patch update of a development dependency",
    ],
    [
      { action: "merge", summary: "minor updates of 3 dependencies", reasons: [] },
      "merged",
      "**Auto-merge:** merged — minor updates of 3 dependencies",
    ],
    [
      { action: "refuse", summary: "major update of react", reasons: ["major update of react"] },
      "none",
      "**Auto-merge:** not merged — major update of react",
    ],
    [
      { action: "wait", summary: "waiting for the Tollgate gate on the head commit", reasons: ["a", "b"] },
      "none",
      "**Auto-merge:** waiting — waiting for the Tollgate gate on the head commit (+1 more)",
    ],
    [
      { action: "disable", summary: "commit ccccccc was authored by jane, not Dependabot", reasons: ["x"] },
      "auto-merge disabled",
      "**Auto-merge:** disabled — commit ccccccc was authored by jane, not Dependabot",
    ],
  ] as const)("%o", (decision, outcome, line) => {
    expect(automergeNote({ ...decision, outcome })).toBe(line);
  });

  it("reads a stored record as well", () => {
    const record = {
      repo: "acme/api",
      number: 1,
      headSha: "a".repeat(40),
      action: "merge",
      outcome: "merged",
      summary: "patch update of an indirect dependency",
      reasons: ["already mergeable: merged directly"],
      dependencies: [],
      decidedAt: new Date(0),
    };
    expect(automergeNote(record)).toBe("**Auto-merge:** merged — patch update of an indirect dependency");
  });

  it("escapes what comes from the PR (dependency names are attacker-chosen text)", () => {
    const line = automergeNote({
      action: "refuse",
      summary: "major update of <script>@team|x`",
      reasons: [],
    });
    expect(line).not.toContain("<script>");
    expect(line).not.toContain("@team");
    expect(line).toContain("&lt;script&gt;");
    expect(line).toContain("\\|x\\`");
  });
});
