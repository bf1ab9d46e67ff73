import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/reports/security/csv.js";
import { redact } from "../../../src/reports/security/redact.js";
import { fixturePath } from "../../support/conformance.js";
import { only, parseDisk, parseText } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "../../../fixtures/reports/security/gitleaks");

describe("Gitleaks", () => {
  it("never keeps the secret, the match or the line, even when the description repeats the secret", async () => {
    const r = only(await parseDisk(join(FIXTURES, "handwritten-gitleaks.json"), "gitleaks-report.json"));
    const out = JSON.stringify(r);
    for (const secret of ["sk_live_0123456789abcdef", "ghp_differentSecretOnTheSameLine000", "api_key ="]) {
      expect(out).not.toContain(secret);
    }
    expect(r.findings[0]?.message).toBe("Generic API key [REDACTED] in config (commit 111111111111)");
  });

  it("counts the same secret at the same place in two commits once, another secret on that line apart", async () => {
    const r = only(await parseDisk(join(FIXTURES, "handwritten-gitleaks.json"), "gitleaks-report.json"));
    expect(r.findings).toHaveLength(2);
    expect(r.secrets).toBe(2);
    expect(r.counts.unknown).toBe(2);
    expect(new Set(r.findings.map((f) => f.fingerprint)).size).toBe(2);
    expect(
      r.findings.every((f) => f.category === "secret" && f.file === "settings/prod.py" && f.line === 7),
    ).toBe(true);
  });

  it("reads the v7 (legacy) keys", async () => {
    const path = fixturePath("files/DefectDojo__django-DefectDojo/unittests/scans/gitleaks/data_one.json");
    const r = only(await parseText(readFileSync(path, "utf8"), "gitleaks.json"));
    expect(r.findings[0]).toMatchObject({
      rule: "Asymmetric Private Key",
      file: "cert-key.pem",
      category: "secret",
    });
    expect(JSON.stringify(r)).not.toContain("BEGIN PRIVATE KEY");
  });

  it("reads CSV with quoted commas, newlines and quotes, and redacts there too", async () => {
    const r = only(await parseDisk(join(FIXTURES, "handwritten-gitleaks.csv"), "gitleaks.csv"));
    expect(r.format).toBe("gitleaks-csv");
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: "private-key", file: "keys/a,b.pem", line: 1 }),
    ]);
    expect(JSON.stringify(r)).not.toContain("BEGIN PRIVATE KEY");
  });

  it.each([
    [
      'a,"b,c",d\r\n1,2,3',
      [
        ["a", "b,c", "d"],
        ["1", "2", "3"],
      ],
    ],
    ['"x ""y""\nz",', [['x "y"\nz', ""]]],
    ["a\n\nb\n", [["a"], ["b"]]],
  ])("parseCsv(%j)", (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it("redacts every occurrence and ignores too-short values", () => {
    expect(redact("k=abcd1234 and abcd1234", ["abcd1234", "ab", undefined])).toBe(
      "k=[REDACTED] and [REDACTED]",
    );
  });
});
