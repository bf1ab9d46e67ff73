// Each fixture of the performance, licence and complexity formats is claimed by its own parser and by no
// other module in the registry (and these parsers claim none of the shared conformance corpus).
import { describe, expect, it } from "vitest";
import { ALL_PARSERS } from "../../../src/reports/registry.js";
import { fixturePath, loadManifest } from "../../support/conformance.js";
import { readHead } from "./support.js";

const OURS = new Set([
  "k6",
  "locust-csv",
  "locust-json",
  "pytest-benchmark",
  "pip-licenses",
  "license-checker",
  "radon",
]);

const claims = async (path: string) => {
  const head = await readHead(path);
  return ALL_PARSERS.filter((p) => p.sniff(head, path)).map((p) => p.format);
};

describe("detection claims", () => {
  it.each([
    ["fixtures/reports/performance/k6/summary-export.json", "k6"],
    ["fixtures/reports/performance/locust/sample_stats.csv", "locust-csv"],
    ["fixtures/reports/performance/locust/locust.json", "locust-json"],
    ["fixtures/reports/performance/pytest-benchmark/benchmark-results.json", "pytest-benchmark"],
    ["fixtures/reports/licenses/pip-licenses/licenses.json", "pip-licenses"],
    ["fixtures/reports/licenses/license-checker/licenses.json", "license-checker"],
    ["fixtures/reports/complexity/radon/cc.json", "radon"],
    ...loadManifest()
      .filter((e) => e.format === "k6-summary-json")
      .map((e) => [fixturePath(e), "k6"]),
  ])("%s is claimed by %s only", async (path, format) => {
    expect(await claims(path)).toEqual([format]);
  });

  it("no other conformance fixture is claimed by these parsers", async () => {
    const others = loadManifest().filter((e) => e.format !== "k6-summary-json");
    const wrongly: string[] = [];
    for (const e of others) {
      const ours = (await claims(fixturePath(e))).filter((f) => OURS.has(f));
      if (ours.length > 0) wrongly.push(`${e.path}: ${ours.join(", ")}`);
    }
    expect(wrongly).toEqual([]);
  });
});
