// Every fixture is claimed by exactly one security module — the right one — so the order in index.ts is a
// tie-breaker, not a crutch.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEAD_CHARS } from "../../../src/reports/parser.js";
import { securityParsers } from "../../../src/reports/security/index.js";
import { entriesOf, fixturePath } from "../../support/conformance.js";

const OWN = join(import.meta.dirname, "../../../fixtures/reports/security");

const MANIFEST_FORMAT: Record<string, string> = {
  sarif: "sarif",
  "trivy-json": "trivy",
  "semgrep-json": "semgrep",
  "gitleaks-json": "gitleaks",
  "gitleaks-csv": "gitleaks-csv",
  "gitlab-container-scanning-json": "gitlab-security",
};

const cases: [string, string, string][] = [
  ...entriesOf(...Object.keys(MANIFEST_FORMAT))
    .filter((e) => !e.path.endsWith("sca-deployments-vulns.json"))
    .map((e): [string, string, string] => [e.path, fixturePath(e), MANIFEST_FORMAT[e.format] ?? e.format]),
  ...readdirSync(OWN, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(OWN, d.name))
        .filter((f) => !/\.(md|txt)$/.test(f))
        .map((f): [string, string, string] => [
          `${d.name}/${f}`,
          join(OWN, d.name, f),
          f.endsWith(".csv") ? `${d.name}-csv` : f.endsWith(".sarif") ? "sarif" : d.name,
        ]),
    ),
];

function claimants(text: string, path: string): string[] {
  const head = text.slice(0, HEAD_CHARS);
  return securityParsers.filter((p) => p.sniff(head, path)).map((p) => p.format);
}

describe("security format detection", () => {
  it.each(cases)("%s", (path, fsPath, format) => {
    expect(claimants(readFileSync(fsPath, "utf8"), path)).toEqual([format]);
  });

  it.each([
    ["[]", "gitleaks-report.json", ["gitleaks"]],
    ["[]", "safety.json", ["safety"]],
    ["[]", "pip-audit.json", ["pip-audit"]],
    ["[]", "results.json", []],
    ["null", "trivy.json", ["trivy"]],
    ['{"results": [], "errors": []}', "semgrep.json", ["semgrep"]],
    ['{"errors": [], "generated_at": "x", "metrics": {}, "results": []}', "bandit.json", ["bandit"]],
    ['{"tests": 1}', "junit.json", []],
    ["<testsuite/>", "junit.xml", []],
  ])("%s named %s → %j", (text, path, want) => {
    expect(claimants(text, path)).toEqual(want);
  });
});
