// Fuzzing the diff readers behind patch coverage (src/github/diff.ts for GitHub's per-file patches,
// src/github/unified-diff.ts for `tollgate evaluate --diff`): any text is read without throwing into
// positive line numbers, and a generated multi-file diff yields exactly the lines it added.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addedLines } from "../../src/github/diff.js";
import { changedLinesFromDiff } from "../../src/github/unified-diff.js";
import { fuzzParams, fuzzTimeout } from "../support/fuzz.js";

const params = fuzzParams(300);
const timeout = fuzzTimeout(params);

type Op = "context" | "add" | "remove";
interface Hunk {
  gap: number;
  ops: Op[];
}
const hunk: fc.Arbitrary<Hunk> = fc.record({
  gap: fc.nat(50),
  ops: fc.array(fc.constantFrom<Op>("context", "add", "remove"), { minLength: 1, maxLength: 30 }),
});
const file = fc.record({
  path: fc.stringMatching(/^[a-z][a-z0-9_/]{0,20}\.(py|ts|go)$/).filter((p) => !p.includes("//")),
  hunks: fc.array(hunk, { minLength: 1, maxLength: 4 }),
  noNewline: fc.boolean(),
});

/** A patch of the hunks and the new-side numbers of its added lines, computed independently. */
function render(hunks: Hunk[], noNewline: boolean): { patch: string; added: number[] } {
  const lines: string[] = [];
  const added: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const h of hunks) {
    oldLine += h.gap;
    newLine += h.gap;
    const oldCount = h.ops.filter((o) => o !== "add").length;
    const newCount = h.ops.filter((o) => o !== "remove").length;
    lines.push(`@@ -${oldLine},${oldCount} +${newLine},${newCount} @@ def f():`);
    let n = newLine;
    for (const op of h.ops) {
      if (op === "add") {
        added.push(n++);
        lines.push("+x = 1");
      } else if (op === "remove") lines.push("-y = 2");
      else {
        n++;
        lines.push(" z = 3");
      }
    }
    oldLine += oldCount;
    newLine += newCount;
  }
  if (noNewline) lines.push("\\ No newline at end of file");
  return { patch: lines.join("\n"), added };
}

describe("diff readers, fuzzed", () => {
  it("read any text without throwing, into positive line numbers", { timeout }, () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .array(
          fc.constantFrom(
            "@@ -1 +1 @@",
            "@@ -0,0 +0,0 @@",
            "+a",
            "-b",
            " c",
            "\\ x",
            "+++ b/x",
            "--- a/x",
            "diff --git a/x b/x",
            "\r",
            "\n",
          ),
          {
            maxLength: 40,
          },
        )
        .map((l) => l.join("\n")),
    );
    fc.assert(
      fc.property(text, (t) => {
        for (const n of addedLines(t)) expect(Number.isInteger(n) && n >= 0).toBe(true);
        for (const [path, lines] of changedLinesFromDiff(t)) {
          expect(path.length).toBeGreaterThan(0);
          for (const n of lines) expect(Number.isInteger(n) && n >= 0).toBe(true);
        }
      }),
      params,
    );
  });

  it("find exactly the added lines of a generated multi-file diff, LF or CRLF", { timeout }, () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(file, { selector: (f) => f.path, maxLength: 5 }),
        fc.boolean(),
        (files, crlf) => {
          const expected = new Map<string, number[]>();
          const parts: string[] = [];
          for (const f of files) {
            const { patch, added } = render(f.hunks, f.noNewline);
            expect(addedLines(patch)).toEqual(added);
            if (added.length > 0) expected.set(f.path, added);
            parts.push(
              `diff --git a/${f.path} b/${f.path}`,
              "index 1111111..2222222 100644",
              `--- a/${f.path}`,
              `+++ b/${f.path}`,
              patch,
            );
          }
          const diff = parts.join("\n");
          expect(changedLinesFromDiff(crlf ? diff.replace(/\n/g, "\r\n") : diff)).toEqual(expected);
        },
      ),
      params,
    );
  });
});
