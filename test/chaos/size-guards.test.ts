// "422 from validation must not happen": one workflow run whose reports overflow every limit GitHub puts
// on what Tollgate writes (check-run summary/text bytes, annotations per request and their fields,
// comment length), end to end through the real server. The simulator enforces GitHub's documented
// limits (test/support/github-limits.ts, written from GitHub's docs, not from the app's constants) and
// answers 422 like GitHub; the app must degrade detail instead: zero 422s, one complete check run and
// one comment, the verdict intact.
import { afterAll, describe, expect, it } from "vitest";
import { PR_SHA } from "../../demo/scenario.js";
import { startGitHubSim } from "../support/github-sim.js";
import { buildZip } from "../support/zip-writer.js";
import { deliver, idle, startApp } from "./support/app.js";
import { emptyFigures, saveFigures } from "./support/figures.js";
import { prRunWith, seedRepository } from "./support/story.js";

const figures = emptyFigures();
afterAll(() => saveFigures("size-guards", figures));

const xml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** 1,500 failing tests: 2,000-character names, paths of 300 multi-byte characters, a few 100 KB messages. */
function hugeJUnit(): string {
  const cases: string[] = [];
  for (let i = 0; i < 1_500; i++) {
    const name = `test_${i}_${"ü".repeat(2_000)}`;
    const file = `src/${"ø".repeat(300)}/module_${i}.py`;
    const message =
      i % 150 === 0 ? `boom ${"€".repeat(100_000)}` : `assertion ${i} failed: ${"x".repeat(500)}`;
    cases.push(
      `<testcase classname="pkg.${"ß".repeat(200)}.C${i}" name="${xml(name)}" file="${xml(file)}" line="${i + 1}"><failure message="${xml(message)}">${xml(message)}\n${"  at frame\n".repeat(200)}</failure></testcase>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><testsuite name="huge" tests="1500" failures="1500">${cases.join("")}</testsuite>`;
}

/** 1,500 high findings with 5 KB messages, 255+ character rule names, reversed and multi-line columns. */
function hugeSarif(): string {
  const rules = Array.from({ length: 300 }, (_, r) => ({
    id: `rule-${r}-${"r".repeat(300)}`,
    name: `Rule ${"N".repeat(400)}`,
    shortDescription: { text: `Dangerous ${"d".repeat(2_000)}` },
    properties: { "security-severity": "8.1" },
  }));
  const results = Array.from({ length: 1_500 }, (_, i) => ({
    ruleId: rules[i % rules.length]?.id,
    level: "error",
    message: { text: `Finding ${i}: ${"m".repeat(5_000)} | --- | \`\`\`` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: `src/${"å".repeat(200)}/file_${i}.py` },
          region: { startLine: 20 + i, endLine: 10 + i, startColumn: 9, endColumn: 3 },
        },
      },
    ],
  }));
  return JSON.stringify({
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [{ tool: { driver: { name: "Semgrep", rules } }, results }],
  });
}

/** 3,000 files with long names, half of them uncovered. */
function hugeCobertura(): string {
  const classes = Array.from(
    { length: 3_000 },
    (_, i) =>
      `<class name="c${i}" filename="src/${"p".repeat(150)}/f${i}.py" line-rate="0.5" branch-rate="0"><lines><line number="1" hits="1"/><line number="2" hits="${i % 2}"/></lines></class>`,
  ).join("");
  return `<?xml version="1.0"?><coverage line-rate="0.75" branch-rate="0" lines-covered="4500" lines-valid="6000" version="7.4" timestamp="1"><sources><source>/home/runner/work/shop/shop</source></sources><packages><package name="p" line-rate="0.75"><classes>${classes}</classes></package></packages></coverage>`;
}

describe("size guards", () => {
  it("reports that overflow every GitHub limit produce no 422, one check run, one comment", async () => {
    const sim = await startGitHubSim();
    const repo = seedRepository(sim);
    const payload = prRunWith(repo, [
      {
        id: 99,
        name: "reports",
        // stored, not deflated: this repetitive text compresses past the zip-bomb ratio guard
        data: buildZip([
          { name: "junit.xml", data: hugeJUnit(), store: true },
          { name: "semgrep.sarif", data: hugeSarif(), store: true },
          { name: "coverage.xml", data: hugeCobertura(), store: true },
        ]),
      },
    ]);
    const app = await startApp(sim);
    try {
      expect(await deliver(app.webhookUrl, "workflow_run", payload)).toBe(202);
      await idle(app);
      const refused = sim.requests.filter((r) => r.status === 422);
      figures.scenarios++;
      figures.deliveriesSent++;
      figures.faultsInjected += 3; // three reports, each over the limits
      figures.effectsLost += refused.length;

      expect(refused.map((r) => `${r.method} ${r.path}`)).toEqual([]);
      expect((await app.queue.stats()).byState.dead).toBe(0);
      const checks = repo.checkRuns.filter((c) => c.head_sha === PR_SHA);
      const comments = repo.comments.filter((c) => c.issue === 7);
      figures.duplicates += Math.max(0, checks.length - 1) + Math.max(0, comments.length - 1);
      expect(checks).toHaveLength(1);
      expect(comments).toHaveLength(1);
      const [check] = checks;
      expect(check?.status).toBe("completed");
      expect(check?.conclusion).toBe("failure");
      // detail degraded, not dropped: the verdict names every failed gate and the counts stay exact
      if (process.env.CHAOS_DEBUG) console.log(`${comments[0]?.body}\n====\n${check?.output.text}`);
      expect(check?.output.summary).toContain("1500");
      expect(check?.output.annotations_count).toBe(250); // ANNOTATIONS_MAX, sent 50 per request
      expect(comments[0]?.body).toContain("1500");
    } finally {
      await app.close(2_000);
      await sim.close();
    }
  });
});
