// The PR comment and check-run output: adversarial report text stays inert, huge reports degrade to fit
// GitHub's limits, and a realistic verdict renders exactly as the committed golden file.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { evaluateGates } from "../../src/gates/evaluate.js";
import { renderCheckRun } from "../../src/render/check-run.js";
import { renderComment } from "../../src/render/comment.js";
import type { RenderInput } from "../../src/render/context.js";
import { CHECK_RUN_TEXT_MAX_BYTES, COMMENT_MAX_CHARS } from "../../src/render/limits.js";
import { utf8Bytes } from "../../src/render/markdown.js";
import type { MergedReports, TestCase } from "../../src/reports/model.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

function testsOnly(cases: TestCase[]): MergedReports {
  const failed = cases.filter((c) => c.status === "failed").length;
  return {
    tests: {
      kind: "tests",
      format: "junit",
      source: "junit.xml",
      totals: {
        tests: cases.length,
        passed: cases.length - failed,
        failed,
        errors: 0,
        skipped: 0,
        duration_ms: 10,
      },
      cases,
    },
    unreadable: [],
  };
}

function input(merged: MergedReports, extra: Partial<RenderInput> = {}): RenderInput {
  return {
    sha: SHA,
    verdict: evaluateGates(merged, undefined, DEFAULT_CONFIG),
    merged,
    runs: [{ name: "CI", url: "https://github.com/acme/shop/actions/runs/1" }],
    pending: [],
    problems: [],
    ...extra,
  };
}

const HOSTILE = [
  "<script>alert(document.cookie)</script>",
  "@acme/security-team ping",
  "closes #1",
  "| broken | table |",
  "```\nunclosed fence",
  "<img src=x onerror=alert(1)>",
  "x".repeat(10_000),
];

/** Markdown with fenced blocks and code spans removed: what GitHub renders as live text. */
function outsideCode(md: string): string {
  const out: string[] = [];
  let fence = 0;
  for (const line of md.split("\n")) {
    const m = /^\s*(`{3,})/.exec(line);
    if (fence === 0 && m?.[1]) {
      fence = m[1].length;
      continue;
    }
    if (fence > 0) {
      if (new RegExp(`^\\s*\`{${fence},}\\s*$`).test(line)) fence = 0;
      continue;
    }
    out.push(line.replace(/(`+)(?:(?!\1).)+?\1/g, ""));
  }
  return out.join("\n");
}

/** True when every fenced block is closed. */
function fencesClosed(md: string): boolean {
  let fence = 0;
  for (const line of md.split("\n")) {
    const m = /^\s*(`{3,})\s*(\S*)\s*$/.exec(line) ?? /^\s*(`{3,})/.exec(line);
    if (!m?.[1]) continue;
    if (fence === 0) fence = m[1].length;
    else if (m[1].length >= fence && /^\s*`+\s*$/.test(line)) fence = 0;
  }
  return fence === 0;
}

describe("renderComment with hostile report text", () => {
  const cases: TestCase[] = HOSTILE.map((name, i) => ({
    name,
    classname: "@org/team",
    file: `src/${name.slice(0, 30)}.py`,
    line: i + 1,
    status: "failed",
    message: name,
  }));
  const { text } = renderComment(input(testsOnly(cases)));

  const live = outsideCode(text);

  it("renders no raw HTML from the report (inside code it is shown, not run)", () => {
    expect(live).not.toMatch(/<script|<img/i);
    expect(live).toContain("&lt;script&gt;");
  });
  it("pings nobody and links no issue", () => {
    expect(live).not.toMatch(/@acme\/security-team|@org\/team/);
    expect(live).not.toMatch(/#1\b/);
  });
  it("keeps the gate table intact: every row has the same number of unescaped cells", () => {
    const rows = text.split("\n").filter((l) => l.startsWith("| "));
    const cells = rows.map((r) => r.split(/(?<!\\)\|/).length);
    expect(new Set(cells).size).toBe(1);
  });
  it("leaves no code fence open", () => {
    expect(fencesClosed(text)).toBe(true);
    expect(fencesClosed("```\nopen")).toBe(false);
  });
  it("cuts the 10,000-character name", () => {
    expect(text.length).toBeLessThan(20_000);
  });
});

describe("size limits", () => {
  const many: TestCase[] = Array.from({ length: 20_000 }, (_, i) => ({
    name: `test_${i}_${"é".repeat(40)}`,
    classname: "suite",
    file: `tests/test_${i}.py`,
    line: 1,
    status: "failed",
    message: `AssertionError: ${"ü".repeat(400)}`,
  }));
  const big = input(testsOnly(many));

  it("the comment stays under 65,536 characters", () => {
    const { text } = renderComment(big);
    expect(text.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(text).toContain("… and ");
  });
  it("check-run summary and text stay under 65,535 bytes", () => {
    const { plan } = renderCheckRun(big);
    expect(utf8Bytes(plan.summary)).toBeLessThanOrEqual(CHECK_RUN_TEXT_MAX_BYTES);
    expect(utf8Bytes(plan.text ?? "")).toBeLessThanOrEqual(CHECK_RUN_TEXT_MAX_BYTES);
  });
  it("degrades to a tiny budget without throwing", () => {
    const { text, warnings } = renderComment(big, 2_000);
    expect(text.length).toBeLessThanOrEqual(2_000);
    expect(warnings.length).toBeGreaterThan(0);
  });
});

describe("check run plan", () => {
  it("is in progress while other runs of the sha are going, naming them, with no annotations yet", () => {
    const merged = testsOnly([{ name: "t", status: "failed", file: "a.py", line: 1, message: "x" }]);
    const { plan } = renderCheckRun(input(merged, { pending: ["Security", "Performance"] }));
    expect(plan).toMatchObject({
      status: "in_progress",
      title: "Waiting for: Security, Performance",
      annotations: [],
    });
  });
  it("offers Override only on failure", () => {
    const failing = renderCheckRun(input(testsOnly([{ name: "t", status: "failed" }]))).plan;
    const passing = renderCheckRun(input(testsOnly([{ name: "t", status: "passed" }]))).plan;
    expect(failing.actions?.map((a) => a.identifier)).toEqual(["rerun_failed", "override"]);
    expect(passing.actions?.map((a) => a.identifier)).toEqual(["rerun_failed"]);
    expect(failing.conclusion).toBe("failure");
    expect(passing.conclusion).toBe("success");
  });
});

describe("golden", () => {
  it("a failing verdict with tests, coverage delta and findings renders as committed", () => {
    const merged: MergedReports = {
      ...testsOnly([
        {
          name: "test_total",
          classname: "tests.test_cart",
          file: "tests/test_cart.py",
          line: 12,
          status: "failed",
          message: "assert 10 == 12",
        },
        { name: "test_ok", classname: "tests.test_cart", status: "passed" },
      ]),
      coverage: {
        kind: "coverage",
        format: "cobertura",
        source: "coverage.xml",
        lines: { covered: 70, total: 100, pct: 70 },
        files: [
          {
            path: "src/cart.py",
            lines: { covered: 70, total: 100, pct: 70 },
            missing: [3, 4, 9],
            covered: [1, 2],
          },
        ],
      },
      security: {
        kind: "security",
        format: "sarif",
        tool: "Trivy",
        source: "trivy.sarif",
        counts: { critical: 0, high: 1, medium: 0, low: 0, info: 0, unknown: 0 },
        findings: [
          {
            rule: "CVE-2024-1234",
            severity: "high",
            file: "requirements.txt",
            line: 3,
            message: "urllib3 1.26.0 has a proxy bug",
            fingerprint: "f1",
            package: "urllib3",
            version: "1.26.0",
          },
        ],
      },
    };
    const baselineMerged: MergedReports = {
      unreadable: [],
      coverage: {
        ...(merged.coverage as NonNullable<MergedReports["coverage"]>),
        lines: { covered: 72, total: 100, pct: 72 },
      },
    };
    const baseline = { sha: "fedcba9876543210fedcba9876543210fedcba98", merged: baselineMerged };
    const verdict = evaluateGates(merged, baseline, DEFAULT_CONFIG, {
      changedLines: new Map([["src/cart.py", [3, 4, 5]]]),
    });
    const text = renderComment({
      sha: SHA,
      verdict,
      merged,
      baseline,
      runs: [{ name: "CI", url: "https://github.com/acme/shop/actions/runs/1" }],
      pending: [],
      problems: [{ artifact: "old-logs", reason: "the artifact has expired (GitHub answered 410 Gone)" }],
      trend: [
        { sha: "1111111aaaa", pct: 71.5 },
        { sha: "2222222bbbb", pct: 72 },
      ],
    }).text;
    const file = resolve(import.meta.dirname, "golden/comment-failing.md");
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, "utf8"));
  });
});
