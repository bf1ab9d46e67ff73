// Trivy, Semgrep and GitLab details the conformance corpus does not pin.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixturePath } from "../../support/conformance.js";
import { json, only, parseText } from "./helpers.js";

describe("Trivy", () => {
  const doc = {
    SchemaVersion: 2,
    ArtifactName: "app:latest",
    Results: [
      {
        Target: "app:latest (alpine 3.19.1)",
        Class: "os-pkgs",
        Vulnerabilities: [
          {
            VulnerabilityID: "CVE-1",
            PkgName: "musl",
            InstalledVersion: "1",
            FixedVersion: "2",
            Severity: "HIGH",
          },
        ],
      },
      {
        Target: "package-lock.json",
        Class: "lang-pkgs",
        Vulnerabilities: [{ VulnerabilityID: "CVE-2", PkgName: "lodash", Severity: "UNKNOWN", Title: "bad" }],
      },
      {
        Target: "Dockerfile",
        Class: "config",
        Misconfigurations: [
          {
            ID: "DS002",
            Title: "root user",
            Message: "Specify USER",
            Severity: "HIGH",
            Status: "FAIL",
            CauseMetadata: { StartLine: 3, EndLine: 3 },
          },
          { ID: "DS001", Title: "latest tag", Message: "ok", Severity: "MEDIUM", Status: "PASS" },
          { ID: "DS005", Title: "ADD", Message: "excepted", Severity: "LOW", Status: "EXCEPTION" },
        ],
      },
      {
        Target: "config/.env",
        Class: "secret",
        Secrets: [
          {
            RuleID: "aws-access-key-id",
            Title: "AWS Access Key ID",
            Severity: "CRITICAL",
            StartLine: 2,
            EndLine: 2,
            Match: "AWS_KEY=AKIA****************",
          },
        ],
      },
      {
        Target: "OS Packages",
        Class: "license",
        Licenses: [{ Severity: "HIGH", PkgName: "busybox", Name: "GPL-2.0-only", FilePath: "" }],
      },
    ],
  };

  it("maps each Trivy section to a category; only failed misconfigurations count; images are not files", async () => {
    const r = only(await parseText(json(doc), "trivy.json"));
    expect(r.findings.map((f) => [f.category, f.rule, f.severity, f.file ?? null])).toEqual([
      ["vulnerability", "CVE-1", "high", null],
      ["vulnerability", "CVE-2", "unknown", "package-lock.json"],
      ["misconfiguration", "DS002", "high", "Dockerfile"],
      ["secret", "aws-access-key-id", "critical", "config/.env"],
      ["license", "GPL-2.0-only", "high", null],
    ]);
    expect(r.findings[0]).toMatchObject({ package: "musl", version: "1", fixed_version: "2" });
    expect(r.secrets).toBe(1);
    expect(JSON.stringify(r)).not.toContain("AKIA");
  });

  it("reads the Kubernetes `Resources` shape and labels findings by namespace/kind/name", async () => {
    const k8s = {
      ClusterName: "prod",
      Resources: [
        {
          Namespace: "default",
          Kind: "Deployment",
          Name: "web",
          Results: [
            {
              Target: "nginx:1.25",
              Class: "os-pkgs",
              Vulnerabilities: [{ VulnerabilityID: "CVE-9", PkgName: "zlib", Severity: "LOW" }],
            },
          ],
        },
      ],
    };
    const r = only(await parseText(json(k8s), "k8s.json"));
    expect(r.findings).toEqual([expect.objectContaining({ rule: "CVE-9", file: "default/Deployment/web" })]);
  });

  it("a dependency finding keeps its fingerprint when the installed version changes", async () => {
    const at = (version: string) =>
      json({
        SchemaVersion: 2,
        Results: [
          {
            Target: "go.sum",
            Class: "lang-pkgs",
            Vulnerabilities: [
              { VulnerabilityID: "CVE-3", PkgName: "x/net", InstalledVersion: version, Severity: "LOW" },
            ],
          },
        ],
      });
    const a = only(await parseText(at("0.1.0"), "t.json")).findings[0];
    const b = only(await parseText(at("0.2.0"), "t.json")).findings[0];
    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it('reports "Results" that is not an array as unreadable', async () => {
    const [r] = await parseText(json({ SchemaVersion: 2, Results: 5 }), "t.json");
    expect(r).toMatchObject({ kind: "unreadable", format: "trivy" });
  });
});

describe("Semgrep", () => {
  const result = (over: Record<string, unknown>) => ({
    check_id: "python.lang.security.audit.eval",
    path: "app.py",
    start: { line: 4, col: 1 },
    end: { line: 4, col: 9 },
    extra: { message: "eval is dangerous", severity: "ERROR", metadata: {}, ...over },
  });

  it("never uses the 'requires login' placeholder as identity", async () => {
    const a = only(
      await parseText(
        json({ results: [result({ lines: "requires login", fingerprint: "requires login" })], errors: [] }),
        "s.json",
      ),
    );
    const b = only(await parseText(json({ results: [result({})], errors: [] }), "s.json"));
    expect(a.findings[0]?.fingerprint).toBe(b.findings[0]?.fingerprint);
  });

  it.each([
    ["ERROR", "high"],
    ["WARNING", "medium"],
    ["INFO", "low"],
    ["CRITICAL", "critical"],
    ["LOW", "low"],
  ])("severity %s → %s", async (word, want) => {
    const r = only(await parseText(json({ results: [result({ severity: word })], errors: [] }), "s.json"));
    expect(r.findings[0]?.severity).toBe(want);
  });

  it("treats rules under a secrets namespace as secrets", async () => {
    const path = fixturePath("files/DefectDojo__django-DefectDojo/unittests/scans/semgrep/issue_8435.json");
    const r = only(await parseText(readFileSync(path, "utf8"), "semgrep.json"));
    expect(r.secrets).toBe(1);
    expect(r.findings[0]?.category).toBe("secret");
  });
});

describe("GitLab security report", () => {
  it("reads the Trivy container-scanning golden: package, version, no image as file", async () => {
    const path = fixturePath("files/aquasecurity__trivy/integration/testdata/alpine-310.gitlab.golden");
    const r = only(await parseText(readFileSync(path, "utf8"), "gl-container-scanning-report.json"));
    expect(r.tool).toBe("Trivy");
    expect(r.findings[0]).toMatchObject({
      rule: "CVE-2019-1549",
      package: "libcrypto1.1",
      version: "1.1.1c-r0",
      severity: "medium",
    });
    expect(r.findings[0]?.file).toBeUndefined();
  });

  it("secret_detection findings are secrets with file and line", async () => {
    const doc = {
      version: "15.0.0",
      scan: { type: "secret_detection", scanner: { id: "gitleaks", name: "Gitleaks" } },
      vulnerabilities: [
        {
          id: "x",
          category: "secret_detection",
          name: "AWS key",
          severity: "Critical",
          location: { file: "a.env", start_line: 2 },
          identifiers: [{ type: "gitleaks_rule_id", name: "AWS", value: "AWS" }],
          raw_source_code_extract: "AKIAIOSFODNN7EXAMPLE",
        },
      ],
    };
    const r = only(await parseText(json(doc), "gl-secret-detection-report.json"));
    expect(r.findings[0]).toMatchObject({ category: "secret", file: "a.env", line: 2, severity: "critical" });
    expect(JSON.stringify(r)).not.toContain("AKIA");
  });
});
