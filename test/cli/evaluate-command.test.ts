// `tollgate evaluate` on real report files (fixtures/reports, provenance in each README): exit codes,
// formats, config, base reports and a diff — the quality_gate.py of the pipelines Tollgate replaces.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateCommand } from "../../src/cli/evaluate-command.js";
import { changedLinesFromDiff } from "../../src/github/unified-diff.js";

const ROOT = resolve(import.meta.dirname, "../..");
const JUNIT = "fixtures/reports/junit/pytest/report-xunit1.xml";
const COVERAGE = "fixtures/reports/coverage/coverage-py/coverage.xml";

async function run(args: string[], cwd = ROOT) {
  let stdout = "";
  let stderr = "";
  const code = await evaluateCommand.run(args, {
    cwd,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-eval-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("tollgate evaluate", () => {
  it("exits 1 when a gate fails and says which", async () => {
    const res = await run([JUNIT, COVERAGE]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^Tollgate: FAILED — 1 of 2 gates failed: tests/);
    expect(res.stdout).toContain("FAIL  Tests");
    expect(res.stdout).toContain("PASS  Coverage");
  });

  it("exits 0 when the gates pass", async () => {
    expect((await run([COVERAGE])).code).toBe(0);
  });

  it("reads thresholds from --config", async () => {
    const dir = tmp({ "t.yml": "gates:\n  coverage:\n    min: 90\n" });
    const res = await run([COVERAGE, "--config", join(dir, "t.yml")]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("below the 90 % floor");
  });

  it("an invalid config is a usage error naming the key", async () => {
    const dir = tmp({ "t.yml": "gates:\n  coverage:\n    min: eighty\n" });
    const res = await run([COVERAGE, "--config", join(dir, "t.yml")]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("gates.coverage.min");
  });

  it("compares with --base and judges the changed lines of --diff", async () => {
    // Lines 5 (covered) and 6 (not covered) of shapes.py changed: patch coverage 50 %.
    const diff =
      "diff --git a/shapes.py b/shapes.py\n--- a/shapes.py\n+++ b/shapes.py\n@@ -4,3 +4,3 @@\n ctx\n+five\n+six\n";
    const dir = tmp({ "pr.diff": diff });
    const res = await run([COVERAGE, "--base", COVERAGE, "--diff", join(dir, "pr.diff"), "--format", "json"]);
    const verdict = JSON.parse(res.stdout) as { gates: { gate: string; status: string; value?: number }[] };
    const gate = (id: string) => verdict.gates.find((g) => g.gate === id);
    expect(gate("coverage.drop")?.status).toBe("passed");
    expect(gate("coverage.patch")).toMatchObject({ status: "failed", value: 50 });
    expect(res.code).toBe(1);
  });

  it("prints the PR comment with --format markdown, without the hidden marker", async () => {
    const res = await run([JUNIT, "--format", "markdown"]);
    expect(res.stdout.startsWith("## ❌ Tollgate")).toBe(true);
    expect(res.stdout).not.toContain("tollgate:report");
  });

  it.each([
    [["--format", "yaml", COVERAGE], "--format must be text, markdown or json"],
    [[], "no file or directory given"],
    [["does/not/exist.xml"], "no such file or directory: does/not/exist.xml"],
    [["--nope", COVERAGE], "Unknown option"],
  ])("usage error %j", async (args, message) => {
    const res = await run(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
  });
});

describe("changedLinesFromDiff", () => {
  it("collects added lines per new-side file across several files, skipping deletions", () => {
    const diff = [
      "diff --git a/a.py b/a.py",
      "--- a/a.py",
      "+++ b/a.py",
      "@@ -1,1 +1,2 @@",
      " x",
      "+y",
      "diff --git a/gone.py b/gone.py",
      "--- a/gone.py",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-z",
      "diff --git a/n.py b/n.py",
      "new file mode 100644",
      "--- /dev/null",
      "+++ b/n.py",
      "@@ -0,0 +1,2 @@",
      "+1",
      "+2",
    ].join("\n");
    expect([...changedLinesFromDiff(diff)]).toEqual([
      ["a.py", [2]],
      ["n.py", [1, 2]],
    ]);
  });
});
