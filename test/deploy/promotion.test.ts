import { describe, expect, it } from "vitest";
import { decidePromotion, type PromotionRules, previousEnvironment } from "../../src/deploy/promotion.js";

const rules: PromotionRules = { order: ["dev", "staging", "production"], allowBackwards: [] };

describe("promotion rules as data", () => {
  it.each<[string | null, string, boolean, string?]>([
    [null, "production", true],
    ["dev", "staging", true],
    ["staging", "production", true],
    ["dev", "production", true],
    ["staging", "staging", false, "cannot promote to the same environment (staging)"],
    ["Production", "production", false, "cannot promote to the same environment (production)"],
    [
      "production",
      "staging",
      false,
      "cannot promote backwards from production to staging (order: dev → staging → production)",
    ],
    ["staging", "dev", false],
    ["preview", "staging", true],
  ])("%s → %s allowed=%s", (from, to, allowed, reason) => {
    const d = decidePromotion(rules, from, to);
    expect(d.allowed).toBe(allowed);
    if (reason && !d.allowed) expect(d.reason).toBe(reason);
  });

  it("a configured backward move is allowed, only that one", () => {
    const r = { ...rules, allowBackwards: [{ from: "production", to: "staging" }] };
    expect(decidePromotion(r, "production", "staging").allowed).toBe(true);
    expect(decidePromotion(r, "production", "dev").allowed).toBe(false);
  });

  it.each<[string, string | null]>([
    ["dev", null],
    ["staging", "dev"],
    ["production", "staging"],
    ["PRODUCTION", "staging"],
    ["unknown", null],
  ])("previous environment of %s is %s", (env, prev) => {
    expect(previousEnvironment(rules.order, env)).toBe(prev);
  });
});
