import { describe, expect, it } from "vitest";
import {
  decideProtection,
  PROTECTION_COMMENT_MAX,
  type PreviousStatus,
  type ProtectionInput,
  shaStatusIn,
} from "../../src/deploy/protection.js";
import type { VerdictConclusion } from "../../src/store/reports.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

type Gate = "passed" | "failed" | "overridden" | "missing" | "pending" | "neutral" | "invalid_config";

function input(gate: Gate, previous: PreviousStatus, over: Partial<ProtectionInput> = {}): ProtectionInput {
  const conclusion: Record<Gate, VerdictConclusion | null> = {
    passed: "success",
    failed: "failure",
    overridden: "failure",
    missing: null,
    pending: "pending",
    neutral: "neutral",
    invalid_config: "action_required",
  };
  return {
    environment: "production",
    sha: SHA,
    order: ["staging", "production"],
    protect: ["production"],
    gate: {
      conclusion: conclusion[gate],
      summary: gate === "failed" ? "1 of 5 gates failed: coverage" : null,
    },
    override: gate === "overridden" ? { by: "octocat", reason: "hotfix" } : null,
    previous,
    ...over,
  };
}

describe("decideProtection: gate × previous environment (production after staging)", () => {
  // Fails closed: only a passed (or overridden) gate AND a success in staging approves; a gate that
  // has not concluded waits (GitHub waits up to 30 days) unless the order already rules it out.
  it.each<[Gate, PreviousStatus, "approved" | "rejected" | "waiting"]>([
    ["passed", "succeeded", "approved"],
    ["passed", "failed", "rejected"],
    ["passed", "never", "rejected"],
    ["passed", "in_progress", "rejected"],
    ["failed", "succeeded", "rejected"],
    ["failed", "failed", "rejected"],
    ["failed", "never", "rejected"],
    ["overridden", "succeeded", "approved"],
    ["overridden", "failed", "rejected"],
    ["overridden", "never", "rejected"],
    ["missing", "succeeded", "waiting"],
    ["missing", "failed", "rejected"],
    ["missing", "never", "rejected"],
    ["pending", "succeeded", "waiting"],
    ["pending", "never", "rejected"],
    ["neutral", "succeeded", "rejected"],
    ["invalid_config", "succeeded", "rejected"],
  ])("gate %s, staging %s → %s", (gate, previous, expected) => {
    expect(decideProtection(input(gate, previous)).state).toBe(expected);
  });

  it("a rejection names exactly what is missing", () => {
    const d = decideProtection(input("failed", "never"));
    expect(d.state).toBe("rejected");
    if (d.state !== "rejected") return;
    expect(d.missing).toEqual([
      "0123456 has not deployed successfully to staging (it was never deployed there)",
      "the Tollgate gate of 0123456 failed: 1 of 5 gates failed: coverage",
    ]);
    expect(d.comment).toContain("Missing:");
    expect(d.comment).toContain("/gate override");
  });

  it("an order-only rejection does not suggest an override", () => {
    const d = decideProtection(input("passed", "failed"));
    expect(d.comment).toContain("its last deployment there failed");
    expect(d.comment).not.toContain("override");
  });

  it("an approval says why, including who overrode the gate", () => {
    expect(decideProtection(input("overridden", "succeeded")).comment).toBe(
      "Tollgate approved 0123456 for production: gate overridden by octocat (hotfix); deployed successfully to staging.",
    );
  });

  it("the waiting status report says what is already satisfied", () => {
    expect(decideProtection(input("pending", "succeeded")).comment).toBe(
      "Tollgate is waiting: the gate of 0123456 is still pending (CI running). Already deployed successfully to staging. The decision follows when the gate concludes.",
    );
  });

  it("an environment not in deployments.protect is approved whatever the gate", () => {
    expect(decideProtection(input("failed", "never", { environment: "preview" })).state).toBe("approved");
  });

  it("the first environment of the order needs only the gate", () => {
    const over = { environment: "staging", protect: ["staging", "production"] };
    expect(decideProtection(input("passed", "never", over)).state).toBe("approved");
    expect(decideProtection(input("failed", "never", over)).state).toBe("rejected");
  });

  it("compares environment names case-insensitively, as GitHub does", () => {
    expect(decideProtection(input("failed", "succeeded", { environment: "Production" })).state).toBe(
      "rejected",
    );
  });

  it("keeps the comment within GitHub's 1,024 characters", () => {
    const long = input("failed", "never", {
      gate: { conclusion: "failure", summary: "x".repeat(5000) },
    });
    const d = decideProtection(long);
    expect(d.comment.length).toBeLessThanOrEqual(PROTECTION_COMMENT_MAX);
    expect(d.comment.endsWith("…")).toBe(true);
  });
});

describe("shaStatusIn", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 1, 10, m));
  const rec = (environment: string, sha: string, status: string, m: number, succeeded = false) => ({
    environment,
    sha,
    status,
    createdAt: at(m),
    succeededAt: succeeded ? at(m + 1) : null,
  });

  it.each<[string, ReturnType<typeof rec>[], PreviousStatus]>([
    ["no deployment of the sha", [rec("staging", "other", "success", 1, true)], "never"],
    ["only in another environment", [rec("production", SHA, "success", 1, true)], "never"],
    [
      "succeeded once, failed later",
      [rec("staging", SHA, "success", 1, true), rec("staging", SHA, "failure", 5)],
      "succeeded",
    ],
    ["succeeded then superseded (inactive)", [rec("staging", SHA, "inactive", 1, true)], "succeeded"],
    ["latest failed", [rec("staging", SHA, "failure", 1)], "failed"],
    ["latest errored", [rec("staging", SHA, "error", 1)], "failed"],
    [
      "still running",
      [rec("staging", SHA, "failure", 1), rec("staging", SHA, "in_progress", 2)],
      "in_progress",
    ],
    ["different case of the name", [rec("Staging", SHA, "success", 1, true)], "succeeded"],
  ])("%s", (_name, records, expected) => {
    expect(shaStatusIn(records, "staging", SHA)).toBe(expected);
  });
});
