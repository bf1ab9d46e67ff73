/**
 * Deployment history, pending protections and the Slack outbox: the same cases against SQLite and
 * PostgreSQL (test/store/feature-stores.test.ts), so the PostgreSQL ports keep the SQLite semantics.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { DeploymentHistory, DeploymentState } from "../../src/deploy/history.js";
import type { PendingProtectionStore } from "../../src/deploy/pending.js";
import type { SlackOutbox } from "../../src/slack/outbox.js";

export interface FeatureStores {
  deployments: DeploymentHistory;
  pendingProtections: PendingProtectionStore;
  slackOutbox: SlackOutbox;
  cleanup(): Promise<void>;
}

const REPO = "octo/app";
const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 10, m));
const msg = (text: string) => ({ text, blocks: [] });

export function featureStoresContract(name: string, make: () => Promise<FeatureStores>): void {
  describe(`feature stores: ${name}`, () => {
    const open: FeatureStores[] = [];
    async function setup() {
      const s = await make();
      open.push(s);
      return s;
    }
    afterEach(async () => {
      for (const s of open.splice(0)) await s.cleanup();
    });

    it("records deployments once, keeps terminal states against late statuses, finds them by env and sha", async () => {
      const { deployments: h } = await setup();
      const big = 9_000_000_001;
      const created = {
        repo: REPO,
        deploymentId: big,
        environment: "Production",
        sha: "a",
        ref: "main",
        creator: "o",
      };
      expect(await h.recordCreated({ ...created, createdAt: at(1) })).toEqual({ inserted: true });
      expect(await h.recordCreated({ ...created, createdAt: at(2) })).toEqual({ inserted: false });
      const apply = (state: DeploymentState, m: number) =>
        h.recordStatus({
          repo: REPO,
          deploymentId: big,
          state,
          at: at(m),
          logUrl: null,
          environmentUrl: null,
        });
      expect((await apply("in_progress", 2))?.changed).toBe(true);
      expect((await apply("success", 3))?.record).toMatchObject({
        status: "success",
        startedAt: at(2),
        succeededAt: at(3),
      });
      expect((await apply("in_progress", 4))?.changed).toBe(false); // late, out of order
      expect((await apply("inactive", 5))?.record).toMatchObject({ status: "inactive", succeededAt: at(3) });
      expect(
        await h.recordStatus({
          repo: REPO,
          deploymentId: 1,
          state: "success",
          at: at(1),
          logUrl: null,
          environmentUrl: null,
        }),
      ).toBeUndefined();
      await h.recordCreated({
        ...created,
        deploymentId: 7,
        sha: "a",
        environment: "staging",
        createdAt: at(0),
      });
      expect((await h.forEnvironment(REPO, "production", 10)).map((d) => d.deploymentId)).toEqual([big]);
      expect((await h.forSha(REPO, "a")).map((d) => d.deploymentId)).toEqual([big, 7]);
      expect((await h.get(REPO, big))?.createdAt).toEqual(at(1));
    });

    it("keeps pending protection requests until removed, counting status reports", async () => {
      const { pendingProtections: p } = await setup();
      const request = {
        repo: REPO,
        runId: 5_000_000_000,
        environment: "production",
        sha: "a",
        deploymentId: null,
        installationId: 42,
        callbackUrl: "https://api.github.com/cb",
        reportsSent: 0,
        lastReport: null,
        createdAt: at(1),
      };
      await p.save(request);
      await p.save({ ...request, callbackUrl: "ignored" });
      await p.noteReport(REPO, request.runId, "production", "waiting for the gate");
      expect(await p.forSha(REPO, "a")).toEqual([
        { ...request, reportsSent: 1, lastReport: "waiting for the gate" },
      ]);
      await p.remove(REPO, request.runId, "production");
      expect(await p.forSha(REPO, "a")).toEqual([]);
    });

    it("queues Slack messages per channel in order, supersedes updates, counts and prunes", async () => {
      const { slackOutbox: o } = await setup();
      const a1 = await o.add({ channel: "A", op: "post", messageKey: "dep-1", message: msg("a1") }, at(1));
      const a2 = await o.add({ channel: "A", op: "update", messageKey: "dep-1", message: msg("a2") }, at(2));
      const a3 = await o.add(
        { channel: "A", op: "update", messageKey: "dep-1", message: msg("a3 ✓") },
        at(3),
      );
      const b1 = await o.add({ channel: "B", op: "post", messageKey: null, message: msg("b1") }, at(4));
      expect((await o.heads()).map((e) => e.id)).toEqual([a1, b1]);
      await o.markSent(a1, at(5));
      await o.rememberTs("dep-1", "A", "1700.01", at(5));
      const head = (await o.heads())[0];
      expect(head?.id).toBe(a2);
      if (!head) throw new Error("no head");
      expect(await o.hasNewerUpdate(head)).toBe(true);
      await o.markSuperseded(a2, at(6));
      await o.markRetry(a3, at(9), "rate limited", at(6));
      expect(await o.get(a3)).toMatchObject({
        attempts: 1,
        nextAttemptAt: at(9),
        lastError: "rate limited",
        message: msg("a3 ✓"),
      });
      await o.markFailed(b1, "channel_not_found", at(7));
      expect(await o.messageTs("dep-1")).toEqual({ channel: "A", ts: "1700.01" });
      expect(await o.counts()).toEqual({ pending: 1, sent: 1, superseded: 1, failed: 1 });
      expect(await o.prune(at(7))).toBe(2); // sent at 5, superseded at 6; failed at 7 is not before 7
      expect(await o.counts()).toEqual({ pending: 1, sent: 0, superseded: 0, failed: 1 });
    });
  });
}
