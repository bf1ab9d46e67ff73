import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseConfigText } from "../../src/config/parse-text.js";
import { DEFAULT_CONFIG, tollgateConfigSchema } from "../../src/config/schema.js";
import { validateConfig } from "../../src/config/validate.js";

// Mirrors the YAML block of DESIGN.md, section "Repository config: .github/tollgate.yml".
const DESIGN_DEFAULTS = {
  gates: {
    tests: { max_failed: 0 },
    coverage: { min: 80, max_drop: 1, patch_min: 80, paths: [] },
    security: { max_critical: 0, max_high: 0, max_medium: 5, max_secrets: 0 },
    performance: { p95_ms: 500, max_error_rate: 0.01, max_regression_pct: 20 },
    complexity: { max_cyclomatic: 10 },
    licenses: {
      deny: ["GPL-3.0-only", "GPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "SSPL-1.0"],
    },
    required: [],
    informational: [],
  },
  collect: { workflows: [], artifacts: [] },
  comment: { enabled: true },
  automerge: {
    dependabot: {
      enabled: false,
      update_types: ["patch", "minor"],
      dependency_types: ["direct:development", "direct:production", "indirect"],
      ignore: [],
      blocking_labels: ["do-not-merge"],
      schedule: null,
      method: "squash",
    },
  },
  deployments: { order: ["staging", "production"], protect: ["production"] },
  slack: { channel: null, notify: ["deployment", "default_branch_failure", "gate_failure", "automerge"] },
};

const DESIGN_MD = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/DESIGN.md");

function designBlock(): unknown {
  const text = readFileSync(DESIGN_MD, "utf8");
  const section = text.slice(text.indexOf("### Repository config"));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error("no yaml block in DESIGN.md's Repository config section");
  return YAML.parse(match[1]);
}

describe("config defaults", () => {
  it("parse({}) yields the full default config of DESIGN.md", () => {
    expect(tollgateConfigSchema.parse({})).toEqual(DESIGN_DEFAULTS);
    expect(DEFAULT_CONFIG).toEqual(DESIGN_DEFAULTS);
  });

  it.skipIf(!existsSync(DESIGN_MD))("equal the YAML block in DESIGN.md itself", () => {
    expect(designBlock()).toEqual(DESIGN_DEFAULTS);
    const parsed = validateConfig([{ config: designBlock() }]);
    expect(parsed).toEqual({ ok: true, config: DESIGN_DEFAULTS });
  });

  it.each([
    ["an empty file", ""],
    ["a comment only", "# nothing yet\n"],
    ["an empty section", "gates:\n"],
    ["empty nested sections", "gates:\n  coverage:\nautomerge:\n  dependabot:\n"],
  ])("%s gives the defaults", (_name, text) => {
    expect(parseConfigText(text)).toEqual({ ok: true, config: DESIGN_DEFAULTS });
  });
});

describe("partial configs merge with the defaults", () => {
  it("keeps sibling defaults when one key is set", () => {
    const result = parseConfigText("gates:\n  coverage:\n    min: 90\n");
    expect(result.ok && result.config.gates.coverage).toEqual({
      min: 90,
      max_drop: 1,
      patch_min: 80,
      paths: [],
    });
    expect(result.ok && result.config.gates.security).toEqual(DESIGN_DEFAULTS.gates.security);
  });

  it("accepts every documented example", () => {
    const text = [
      "gates:",
      "  coverage:",
      '    paths: [{path: "src/billing/**", min: 90}]',
      "  required: [tests, coverage]",
      "  informational: [performance, coverage.patch]",
      "  security:",
      "    max_high: 1000000",
      "automerge:",
      "  dependabot:",
      "    enabled: true",
      '    schedule: {days: [mon, tue, wed, thu], hours: "09-17", timezone: Europe/Berlin}',
      "    method: rebase",
      "slack:",
      "  channel: '#deploys'",
    ].join("\n");
    const result = parseConfigText(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.gates.coverage.paths).toEqual([{ path: "src/billing/**", min: 90 }]);
    expect(result.config.gates.security.max_high).toBe(1_000_000);
    expect(result.config.automerge.dependabot.schedule).toEqual({
      days: ["mon", "tue", "wed", "thu"],
      hours: "09-17",
      timezone: "Europe/Berlin",
    });
    expect(result.config.slack.channel).toBe("#deploys");
  });

  it("fills a schedule's missing parts", () => {
    const result = parseConfigText('automerge:\n  dependabot:\n    schedule: {hours: "08-12"}\n');
    expect(result.ok && result.config.automerge.dependabot.schedule).toEqual({
      days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      hours: "08-12",
      timezone: "UTC",
    });
  });

  it("ignores Probot's _extends key", () => {
    expect(parseConfigText("_extends: .github\n")).toEqual({ ok: true, config: DESIGN_DEFAULTS });
  });

  it("lets later files override earlier ones key by key; lists replace", () => {
    const result = validateConfig([
      {
        file: "acme/.github:.github/tollgate.yml",
        config: { gates: { coverage: { min: 70, max_drop: 3 }, required: ["tests"] } },
      },
      {
        file: "acme/api:.github/tollgate.yml",
        config: { gates: { coverage: { min: 85 }, required: ["coverage"] } },
      },
    ]);
    expect(result.ok && result.config.gates.coverage).toMatchObject({ min: 85, max_drop: 3 });
    expect(result.ok && result.config.gates.required).toEqual(["coverage"]);
  });
});
