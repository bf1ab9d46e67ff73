import { describe, expect, it } from "vitest";
import type { CoverageReport, SecurityReport, TestReport } from "../../src/reports/model.js";
import { ratio } from "../../src/reports/model.js";
import { normalizeReportPath, normalizeReportPaths } from "../../src/reports/paths.js";

describe("normalizeReportPath", () => {
  it.each([
    // already relative
    ["src/app.ts", "src/app.ts"],
    ["./src/app.ts", "src/app.ts"],
    ["src//app.ts", "src/app.ts"],
    ["src/./lib/../app.ts", "src/app.ts"],
    ["  src/app.ts  ", "src/app.ts"],
    // ".." never climbs above the repository
    ["../src/app.ts", "src/app.ts"],
    ["../../../../etc/passwd", "etc/passwd"],
    ["a/../../b", "b"],
    // GitHub-hosted runners
    ["/home/runner/work/tollgate/tollgate/src/app.ts", "src/app.ts"],
    ["/Users/runner/work/tollgate/tollgate/src/app.ts", "src/app.ts"],
    ["D:\\a\\tollgate\\tollgate\\src\\App.cs", "src/App.cs"],
    ["C:/a/tollgate/tollgate/src/App.cs", "src/App.cs"],
    ["/__w/tollgate/tollgate/src/app.ts", "src/app.ts"],
    ["/github/workspace/src/app.ts", "src/app.ts"],
    // self-hosted runner
    ["/opt/actions-runner/_work/tollgate/tollgate/lib/x.py", "lib/x.py"],
    // GitLab
    ["/builds/acme/tollgate/src/app.ts", "src/app.ts"],
    // URIs
    ["file:///home/runner/work/tollgate/tollgate/src/my%20app.ts", "src/my app.ts"],
    ["file:///C:/a/tollgate/tollgate/src/App.cs", "src/App.cs"],
    ["file://localhost/github/workspace/x.go", "x.go"],
    ["file:src/app.ts", "src/app.ts"],
    // unknown absolute paths only lose their root
    ["/usr/src/app/main.py", "usr/src/app/main.py"],
    ["C:\\Users\\me\\proj\\main.cs", "Users/me/proj/main.cs"],
    ["\\\\?\\C:\\build\\x.cs", "build/x.cs"],
    // nothing left
    ["/", ""],
    ["./", ""],
    ["", ""],
    // not a prefix when the repeated segment is missing
    ["/home/runner/work/a/b/src/x.ts", "home/runner/work/a/b/src/x.ts"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeReportPath(raw)).toBe(expected);
  });

  it.each([
    ["/home/jaanus/Git/unleash/src/lib/config.ts", "acme/unleash", "src/lib/config.ts"],
    ["/builds/acme/platform/unleash/src/x.ts", "unleash", "src/x.ts"],
    ["/srv/ci/unleash/unleash/src/x.ts", "unleash", "src/x.ts"],
    ["/srv/other/src/x.ts", "acme/unleash", "srv/other/src/x.ts"],
    ["src/unleash/x.ts", "unleash", "src/unleash/x.ts"],
  ])("%s with repo %s → %s", (raw, repo, expected) => {
    expect(normalizeReportPath(raw, { repo })).toBe(expected);
  });

  it("strips a known checkout root (the CLI's working directory)", () => {
    expect(normalizeReportPath("/work/main/src/x.ts", { roots: ["/work/main/"] })).toBe("src/x.ts");
    expect(normalizeReportPath("/work/mainline/x.ts", { roots: ["/work/main"] })).toBe("work/mainline/x.ts");
  });

  it("never returns an absolute path", () => {
    for (const raw of ["/a", "//a", "\\\\server\\share\\a", "C:a", "c:\\", "file:////a", "/../a"]) {
      const out = normalizeReportPath(raw);
      expect(out.startsWith("/")).toBe(false);
      expect(/^[A-Za-z]:/.test(out)).toBe(false);
      expect(out.split("/")).not.toContain("..");
    }
  });
});

describe("normalizeReportPaths", () => {
  const ws = "/home/runner/work/r/r/";

  it("normalises test case files without touching the input", () => {
    const report: TestReport = {
      kind: "tests",
      format: "junit",
      source: "junit.xml",
      totals: { tests: 2, passed: 1, failed: 1, errors: 0, skipped: 0, duration_ms: 0 },
      cases: [
        { name: "a", status: "passed", file: `${ws}tests/a.py` },
        { name: "b", status: "failed", file: "/" },
        { name: "c", status: "passed" },
      ],
    };
    const before = structuredClone(report);
    const out = normalizeReportPaths(report);
    expect(report).toEqual(before);
    expect(out.cases.map((c) => c.file)).toEqual(["tests/a.py", undefined, undefined]);
    expect("file" in (out.cases[1] ?? {})).toBe(false);
  });

  it("normalises coverage files and security findings", () => {
    const coverage: CoverageReport = {
      kind: "coverage",
      format: "lcov",
      source: "lcov.info",
      lines: ratio(1, 2),
      files: [{ path: `${ws}src/a.ts`, lines: ratio(1, 2), missing: [2] }],
    };
    expect(normalizeReportPaths(coverage).files[0]?.path).toBe("src/a.ts");
    expect(coverage.files[0]?.path).toBe(`${ws}src/a.ts`);

    const security: SecurityReport = {
      kind: "security",
      format: "sarif",
      tool: "x",
      source: "x.sarif",
      counts: { critical: 0, high: 1, medium: 0, low: 0, info: 0, unknown: 0 },
      findings: [
        {
          rule: "r",
          severity: "high",
          message: "m",
          fingerprint: "f",
          file: "file:///github/workspace/a.js",
        },
      ],
    };
    expect(normalizeReportPaths(security).findings[0]?.file).toBe("a.js");
  });

  it("leaves reports without paths alone", () => {
    const report = { kind: "unreadable", source: "/x.xml", reason: "r" } as const;
    expect(normalizeReportPaths(report)).toBe(report);
  });
});
