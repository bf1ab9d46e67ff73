// npm audit, Safety and pip-audit: one finding per advisory and package; severity only from the report.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detect, json, only, parseDisk, parseText } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "../../../fixtures/reports/security");
const at = (p: string) => join(FIXTURES, p);

describe("npm audit", () => {
  it("v7+: counts each advisory once and adds nothing for packages that only depend on a vulnerable one", async () => {
    const r = only(await parseDisk(at("npm-audit/handwritten-v7.json"), "audit.json"));
    expect(r.findings.map((f) => [f.rule, f.package, f.severity])).toEqual([
      ["GHSA-jf85-cpcp-j695", "lodash", "critical"],
      ["GHSA-35jh-r3h4-6jhm", "lodash", "high"],
      ["GHSA-xvch-5gv4-984h", "minimist", "critical"],
      ["GHSA-vh95-rmgr-6w4m", "minimist", "medium"],
    ]);
    expect(r.findings.some((f) => f.package === "mkdirp")).toBe(false);
    expect(r.findings[0]).toMatchObject({
      fixed_version: "4.17.21",
      url: "https://github.com/advisories/GHSA-jf85-cpcp-j695",
    });
  });

  it("v7+: an advisory listed under two entries is still one finding", async () => {
    const via = {
      source: 1,
      name: "minimist",
      title: "PP",
      url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc",
      severity: "low",
    };
    const doc = {
      auditReportVersion: 2,
      vulnerabilities: {
        minimist: { name: "minimist", via: [via, via] },
        other: { name: "other", via: [via, "minimist"] },
      },
    };
    expect(only(await parseText(json(doc), "audit.json")).findings).toHaveLength(1);
  });

  it("v6: one finding per advisory with the installed versions", async () => {
    const r = only(await parseDisk(at("npm-audit/handwritten-v6.json"), "audit.json"));
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: "1179", package: "minimist", version: "0.0.8", severity: "low" }),
    ]);
  });

  it("a failed audit (real npm output) is unreadable with npm's reason", async () => {
    const [r] = await parseDisk(at("npm-audit/audit-endpoint-405.json"), "npm-audit.json");
    expect(r).toMatchObject({ kind: "unreadable", format: "npm-audit" });
    expect(r?.kind === "unreadable" && r.reason).toMatch(
      /^npm audit did not produce a report: 405 Method Not Allowed/,
    );
  });

  it("ENOLOCK error output is unreadable too", async () => {
    const text = json({
      error: {
        code: "ENOLOCK",
        summary: "This command requires an existing lockfile.",
        detail: "Try creating one first",
      },
    });
    expect(await parseText(text, "audit.json")).toEqual([
      expect.objectContaining({
        kind: "unreadable",
        reason: "npm audit did not produce a report: This command requires an existing lockfile.",
      }),
    ]);
  });
});

describe("Safety", () => {
  it("old shape: CVSS v3 when present, else unknown (never a guessed high)", async () => {
    const r = only(await parseDisk(at("safety/handwritten-safety-1.json"), "safety-report.json"));
    expect(r.findings.map((f) => [f.rule, f.package, f.version, f.severity])).toEqual([
      ["40637", "django", "2.2.1", "unknown"],
      ["39611", "pyyaml", "5.1", "critical"],
    ]);
  });

  it("new shape: cvssv3 base score, severity null → unknown, fixed version and link kept", async () => {
    const r = only(await parseDisk(at("safety/handwritten-safety-2.json"), "safety-report.json"));
    expect(r.findings.map((f) => [f.rule, f.severity, f.fixed_version ?? null])).toEqual([
      ["40637", "medium", "2.2.24"],
      ["51457", "unknown", null],
    ]);
    expect(r.counts).toMatchObject({ medium: 1, unknown: 1 });
  });

  it("the same advisory has the same fingerprint in both shapes", async () => {
    const a = only(await parseDisk(at("safety/handwritten-safety-1.json"), "s.json")).findings[0];
    const b = only(await parseDisk(at("safety/handwritten-safety-2.json"), "s.json")).findings[0];
    expect(a?.fingerprint).toBe(b?.fingerprint);
  });

  it("an empty old-shape report is claimed only by its name", () => {
    expect(detect("[]", "out/safety-report.json")?.format).toBe("safety");
    expect(detect("[]", "out/report.json")).toBeUndefined();
  });
});

describe("pip-audit", () => {
  it("one finding per vuln, severity unknown, aliases in the message, skipped packages ignored", async () => {
    const r = only(await parseDisk(at("pip-audit/handwritten-pip-audit.json"), "pip-audit.json"));
    expect(r.findings.map((f) => [f.rule, f.package, f.version, f.fixed_version, f.severity])).toEqual([
      ["PYSEC-2019-217", "jinja2", "2.10", "2.10.1", "unknown"],
      ["GHSA-h5c8-rqwp-cp95", "jinja2", "2.10", "3.1.3", "unknown"],
    ]);
    expect(r.findings[0]?.message).toContain("CVE-2019-10906");
  });

  it("older top-level array shape", async () => {
    const r = only(await parseDisk(at("pip-audit/handwritten-pip-audit-old.json"), "pip-audit.json"));
    expect(r.findings.map((f) => f.rule)).toEqual(["PYSEC-2019-132"]);
  });
});
