import { describe, expect, it } from "vitest";
import { addedLines } from "../../src/github/diff.js";

describe("addedLines", () => {
  it.each([
    ["new file", "@@ -0,0 +1,3 @@\n+a\n+b\n+c", [1, 2, 3]],
    ["modification in the middle", "@@ -10,4 +10,5 @@ def f():\n ctx\n-old\n+new1\n+new2\n ctx", [11, 12]],
    ["two hunks", "@@ -1,2 +1,2 @@\n-a\n+A\n b\n@@ -20,1 +20,2 @@\n x\n+y", [1, 21]],
    ["deletion only", "@@ -5,2 +5,1 @@\n keep\n-gone", []],
    [
      "no newline marker",
      "@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file",
      [1],
    ],
    ["single-line hunk header without counts", "@@ -3 +3 @@\n-x\n+y", [3]],
    ["empty patch (binary file)", "", []],
  ])("%s", (_name, patch, lines) => {
    expect(addedLines(patch)).toEqual(lines);
  });
});
