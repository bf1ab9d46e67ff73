/** The ReportStore contract: the SQLite and PostgreSQL report stores run it unchanged. */
import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/reports/model.js";
import type { ReportStore, RunReports } from "../../src/store/reports.js";

export interface ReportStoreHarness {
  reports: ReportStore;
  cleanup(): Promise<void>;
}

const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, s));

const report = {
  kind: "tests",
  format: "junit",
  source: "reports/junit.xml",
  totals: { tests: 2, passed: 1, failed: 1, errors: 0, skipped: 0, duration_ms: 12 },
  cases: [{ name: "weird \u0000 ✓ `name` @team", classname: "c", status: "failed", message: "x" }],
} as unknown as Report;

function run(runId: number, overrides: Partial<RunReports> = {}): RunReports {
  return {
    repo: "octo/app",
    runId,
    sha: "abc",
    runName: "CI",
    branch: "main",
    htmlUrl: `https://github.com/octo/app/actions/runs/${runId}`,
    collectedAt: at(runId % 60),
    reports: [report],
    problems: [{ artifact: "cov", reason: "expired" }],
    ...overrides,
  };
}

export function reportStoreContract(name: string, make: () => Promise<ReportStoreHarness>): void {
  describe(`ReportStore contract: ${name}`, () => {
    const harnesses: ReportStoreHarness[] = [];
    async function setup(): Promise<ReportStore> {
      const h = await make();
      harnesses.push(h);
      return h.reports;
    }
    afterEach(async () => {
      for (const h of harnesses.splice(0)) await h.cleanup();
    });

    it("saves runs of a commit, replaces a run saved again, and reads them oldest first", async () => {
      const store = await setup();
      const big = 9_876_543_210; // GitHub run ids exceed 2^31
      await store.saveRun(run(big, { collectedAt: at(5) }));
      await store.saveRun(run(7, { collectedAt: at(1), runName: "first" }));
      await store.saveRun(run(7, { collectedAt: at(2), runName: "again" }));
      await store.saveRun(run(8, { sha: "other" }));
      const runs = await store.runsForSha("octo/app", "abc");
      expect(runs.map((r) => [r.runId, r.runName])).toEqual([
        [7, "again"],
        [big, "CI"],
      ]);
      expect(runs[0]).toEqual(run(7, { collectedAt: at(2), runName: "again" }));
      expect(await store.runsForSha("octo/app", "missing")).toEqual([]);
    });

    it("lists a branch's shas newest first, once each, up to the limit", async () => {
      const store = await setup();
      await store.saveRun(run(1, { sha: "s1", collectedAt: at(1) }));
      await store.saveRun(run(2, { sha: "s2", collectedAt: at(2) }));
      await store.saveRun(run(3, { sha: "s1", collectedAt: at(3) }));
      await store.saveRun(run(4, { sha: "s3", collectedAt: at(4), branch: "feature" }));
      expect(await store.branchShas("octo/app", "main", 10)).toEqual([
        { sha: "s1", collectedAt: at(3) },
        { sha: "s2", collectedAt: at(2) },
      ]);
      expect(await store.branchShas("octo/app", "main", 1)).toHaveLength(1);
    });

    it("sets, replaces and reads a gate override", async () => {
      const store = await setup();
      expect(await store.getOverride("octo/app", "abc")).toBeUndefined();
      await store.setOverride("octo/app", "abc", { by: "alice", reason: "flaky", at: at(1) });
      await store.setOverride("octo/app", "abc", { by: "bob", reason: "known issue", at: at(2) });
      expect(await store.getOverride("octo/app", "abc")).toEqual({
        by: "bob",
        reason: "known issue",
        at: at(2),
      });
    });

    it("saves, replaces and reads a verdict", async () => {
      const store = await setup();
      expect(await store.getVerdict("octo/app", "abc")).toBeUndefined();
      const verdict = {
        repo: "octo/app",
        sha: "abc",
        conclusion: "failure" as const,
        summary: "1 of 7 gates failed: coverage",
        coveragePct: 71.25,
        decidedAt: at(1),
      };
      await store.saveVerdict(verdict);
      await store.saveVerdict({
        ...verdict,
        conclusion: "success",
        summary: "all passed",
        coveragePct: null,
      });
      expect(await store.getVerdict("octo/app", "abc")).toEqual({
        ...verdict,
        conclusion: "success",
        summary: "all passed",
        coveragePct: null,
      });
    });
  });
}
