// The simulator's copy of GitHub's validation must refuse what GitHub refuses, or the size-guard
// scenario (test/chaos/size-guards.test.ts) would pass against a lenient fake.
import { describe, expect, it } from "vitest";
import { checkOutputViolation, commentBodyViolation } from "./github-limits.js";

const annotation = (over: Record<string, unknown> = {}) => ({
  path: "src/a.py",
  start_line: 1,
  end_line: 1,
  annotation_level: "failure",
  message: "m",
  ...over,
});
const output = (over: Record<string, unknown> = {}) => ({ title: "t", summary: "s", ...over });

describe("checkOutputViolation", () => {
  it.each<[string, unknown, boolean]>([
    ["a plain output", output(), true],
    ["no output at all (status update)", undefined, true],
    ["summary of 65,535 bytes", output({ summary: "x".repeat(65_535) }), true],
    ["summary of 65,536 bytes", output({ summary: "x".repeat(65_536) }), false],
    ["summary under 65,535 characters but over in bytes", output({ summary: "€".repeat(30_000) }), false],
    ["text over 65,535 bytes", output({ text: "y".repeat(70_000) }), false],
    ["missing summary", { title: "t" }, false],
    ["50 annotations", output({ annotations: Array.from({ length: 50 }, () => annotation()) }), true],
    ["51 annotations", output({ annotations: Array.from({ length: 51 }, () => annotation()) }), false],
    [
      "annotation message of 64 KB + 1",
      output({ annotations: [annotation({ message: "m".repeat(65_537) })] }),
      false,
    ],
    [
      "annotation title of 256 characters",
      output({ annotations: [annotation({ title: "t".repeat(256) })] }),
      false,
    ],
    [
      "annotation ending before it starts",
      output({ annotations: [annotation({ start_line: 5, end_line: 4 })] }),
      false,
    ],
    [
      "columns on a multi-line annotation",
      output({ annotations: [annotation({ end_line: 3, start_column: 1, end_column: 2 })] }),
      false,
    ],
    ["unknown level", output({ annotations: [annotation({ annotation_level: "error" })] }), false],
    ["empty message", output({ annotations: [annotation({ message: "" })] }), false],
  ])("%s", (_name, value, accepted) => {
    expect(checkOutputViolation(value) === undefined).toBe(accepted);
  });
});

describe("commentBodyViolation", () => {
  it.each<[string, unknown, boolean]>([
    ["65,536 characters", "c".repeat(65_536), true],
    ["65,537 characters", "c".repeat(65_537), false],
    ["empty", "", false],
  ])("%s", (_name, body, accepted) => {
    expect(commentBodyViolation(body) === undefined).toBe(accepted);
  });
});
