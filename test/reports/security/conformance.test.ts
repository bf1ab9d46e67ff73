// Security parsers against the shared conformance corpus: every stated expectation must agree with what we
// parse, or be listed below as a documented disagreement that pins OUR value (so a change in behaviour fails).
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../../../src/reports/model.js";
import { severityFromSarifLevel } from "../../../src/reports/security/severity.js";
import { type ConformanceEntry, entriesOf, fixturePath } from "../../support/conformance.js";
import { detect, parseText } from "./helpers.js";

const FORMATS = [
  "sarif",
  "trivy-json",
  "semgrep-json",
  "gitleaks-json",
  "gitleaks-csv",
  "gitlab-container-scanning-json",
] as const;

// Facts we can state about our own result, named like the manifest's `expected` keys.
type Facts = Record<string, unknown>;

function lowerKeys(counts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k.toLowerCase(), v]));
}

function tally(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function factsOf(reports: Report[], expected: Record<string, unknown>): Facts {
  const security = reports.flatMap((r) => (r.kind === "security" ? [r] : []));
  const findings = security.flatMap((r) => r.findings);
  const byCategory = (c: string) => findings.filter((f) => f.category === c);
  const facts: Facts = {
    schema_valid: reports.every((r) => r.kind === "security"),
    runs: security.length,
    results: findings.length,
    findings: findings.length,
    findings_by_severity: tally(findings.map((f) => f.severity)),
    vulnerabilities: byCategory("vulnerability").length,
    vulnerabilities_by_severity: tally(byCategory("vulnerability").map((f) => f.severity)),
    misconfigurations_failed: byCategory("misconfiguration").length,
    misconfigurations_by_severity: tally(byCategory("misconfiguration").map((f) => f.severity)),
    misconfiguration_status: { fail: byCategory("misconfiguration").length },
    secrets: byCategory("secret").length,
    secrets_by_severity: tally(byCategory("secret").map((f) => f.severity)),
    tool_names: [...new Set(security.map((r) => r.tool).filter((t) => t !== "unknown"))],
  };
  const wanted = expected.severity_of_finding_index;
  if (wanted !== null && typeof wanted === "object") {
    facts.severity_of_finding_index = Object.fromEntries(
      Object.keys(wanted).map((i) => [i, findings[Number(i)]?.severity ?? "(no finding)"]),
    );
  }
  return facts;
}

/** Expected values in our vocabulary: severity words lower-cased, SARIF levels turned into severities. */
function normalised(key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (key === "results_by_level") {
    const out: Record<string, number> = {};
    for (const [level, n] of Object.entries(record)) {
      const s = severityFromSarifLevel(level);
      out[s] = (out[s] ?? 0) + Number(n);
    }
    return out;
  }
  if (key === "severity_of_finding_index") {
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v).toLowerCase()]));
  }
  return lowerKeys(record);
}

/** Expected keys we do not compare, and why (every other key is compared). */
const NOT_COMPARED: Record<string, string> = {
  results:
    "compared only for SARIF (a Trivy golden's `results` counts Result targets, which the model does not keep)",
  accepted_with_warnings: "we do not validate URIs; the file must still parse (checked: schema_valid)",
  warnings_include: "as accepted_with_warnings",
};

function ourKey(entry: ConformanceEntry, key: string): string | undefined {
  if (key === "results" && entry.format === "sarif") return "results";
  if (key === "results_by_level") return "findings_by_severity";
  if (key in NOT_COMPARED) return undefined;
  return key;
}

interface Disagreement {
  key: string;
  ours: unknown;
  reason: string;
}

const NOTE_IS_LOW = "DefectDojo maps SARIF level note to Info; DESIGN.md maps note to low";
const DD = "files/DefectDojo__django-DefectDojo/unittests/scans";

// Documented disagreements: path → the keys where we differ, OUR value, and why.
const DISAGREEMENTS: Record<string, Disagreement[]> = {
  [`${DD}/sarif/flawfinder.sarif`]: [
    { key: "severity_of_finding_index", ours: { 0: "high", 20: "low", 52: "high" }, reason: NOTE_IS_LOW },
  ],
  [`${DD}/sarif/dockle_0_3_15.sarif`]: [
    {
      key: "severity_of_finding_index",
      ours: { 0: "high", 1: "low", 2: "low", 3: "low" },
      reason: NOTE_IS_LOW,
    },
    { key: "findings_by_severity", ours: { high: 1, low: 3 }, reason: NOTE_IS_LOW },
  ],
  [`${DD}/sarif/njsscan.sarif`]: [
    {
      key: "findings",
      ours: 2,
      reason: "DefectDojo makes one finding per result location; we make one per result (first location)",
    },
  ],
  [`${DD}/sarif/mobsfscan.json`]: [
    {
      key: "findings",
      ours: 9,
      reason: "DefectDojo makes one finding per result location (18); we make one per result",
    },
  ],
  [`${DD}/sarif/gitleaks_7.5.0.sarif`]: [
    {
      key: "findings",
      ours: 4,
      reason:
        "the same secret at the same file and line, reported in several commits, is one leak for us (as DefectDojo's own Gitleaks parser counts it)",
    },
    {
      key: "severity_of_finding_index",
      ours: { 0: "medium", 3: "medium", 7: "(no finding)" },
      reason: "as findings: we have 4",
    },
  ],
  [`${DD}/sarif/bash-report.sarif`]: [
    {
      key: "findings",
      ours: 12,
      reason:
        "the file repeats 15 results verbatim (same rule, file, line, fingerprints); we count each distinct result once",
    },
    { key: "severity_of_finding_index", ours: { 6: "low" }, reason: NOTE_IS_LOW },
  ],
  [`${DD}/sarif/SuppressionTestCurrent.sarif`]: [
    {
      key: "findings",
      ours: 1,
      reason:
        "3 results carry accepted suppressions: DefectDojo imports them as inactive, we leave suppressed results out",
    },
  ],
  [`${DD}/sarif/blackduck_nested_fingerprints.sarif`]: [
    { key: "severity_of_finding_index", ours: { 0: "medium", 1: "high", 3: "low" }, reason: NOTE_IS_LOW },
  ],
  [`${DD}/semgrep/sca-deployments-vulns.json`]: [
    {
      key: "findings",
      ours: "not detected",
      reason:
        "a Semgrep Cloud API response (supply-chain `vulns` page), not a `semgrep --json` report: not supported",
    },
    { key: "severity_of_finding_index", ours: "not detected", reason: "as above" },
  ],
};

async function ourFacts(entry: ConformanceEntry): Promise<Facts | "not detected"> {
  const text = readFileSync(fixturePath(entry), "utf8");
  if (detect(text, entry.path) === undefined) return "not detected";
  return factsOf(await parseText(text, entry.path), entry.expected ?? {});
}

const entries = entriesOf(...FORMATS).filter((e) => e.expected !== null);

const agreement = { entries: 0, entriesAgreeing: 0, keys: 0, keysAgreeing: 0 };

describe("security conformance corpus", () => {
  afterAll(() => {
    console.log(
      `security conformance: ${agreement.entriesAgreeing}/${agreement.entries} entries agree on every compared key; ` +
        `${agreement.keysAgreeing}/${agreement.keys} compared values agree, the rest are documented disagreements`,
    );
  });

  it("covers the formats this module claims", () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
    for (const path of Object.keys(DISAGREEMENTS)) expect(entries.some((e) => e.path === path)).toBe(true);
  });

  it.each(entries.map((e) => [e.path, e] as const))("%s", async (_path, entry) => {
    const facts = await ourFacts(entry);
    const expected = entry.expected ?? {};
    const documented = DISAGREEMENTS[entry.path] ?? [];
    agreement.entries += 1;
    if (documented.length === 0) agreement.entriesAgreeing += 1;
    for (const [key, value] of Object.entries(expected)) {
      const mine = ourKey(entry, key);
      if (mine === undefined) continue;
      const want = normalised(key, value);
      const got = facts === "not detected" ? "not detected" : facts[mine];
      const disagreement = documented.find((d) => d.key === key);
      agreement.keys += 1;
      if (disagreement === undefined) agreement.keysAgreeing += 1;
      if (disagreement !== undefined) {
        expect(got, `${key}: our documented value`).toEqual(disagreement.ours);
        expect(got, `${key}: documented as a disagreement but agrees now`).not.toEqual(want);
      } else {
        expect(got, `${key} (expected ${JSON.stringify(value)})`).toEqual(want);
      }
    }
  });
});
