// The promotion rules the original pipelines hand-rolled in shell ("cannot promote to the same
// environment", "never production → staging", "production only after staging"), held as data:
// an ordered list of environments plus the backward moves a repository explicitly allows.
// Pure: no I/O, no clock. Environment names compare exactly (GitHub's are case-insensitive for
// lookups, but the config and the payload spell them the same way in practice; see normalizeEnv).

export interface PromotionRules {
  /** Environments in promotion order, e.g. [staging, production]. */
  order: readonly string[];
  /** Backward moves that are allowed anyway, e.g. [{from: "production", to: "staging"}]. Default none. */
  allowBackwards: readonly { from: string; to: string }[];
}

export type PromotionDecision = { allowed: true } | { allowed: false; reason: string };

/** GitHub treats environment names case-insensitively; so do we. */
export function normalizeEnv(name: string): string {
  return name.trim().toLowerCase();
}

function indexOf(order: readonly string[], env: string): number {
  const wanted = normalizeEnv(env);
  return order.findIndex((e) => normalizeEnv(e) === wanted);
}

/** The environment a sha must have succeeded in before `env`, or null (first in order, or not in it). */
export function previousEnvironment(order: readonly string[], env: string): string | null {
  const i = indexOf(order, env);
  return i > 0 ? (order[i - 1] ?? null) : null;
}

/**
 * May a sha currently in `from` (null: a fresh deployment) be promoted to `to`?
 * Refused: same environment; backwards in `order` unless listed in `allowBackwards`.
 * "Only after the previous environment succeeded" is checked against history by decideProtection;
 * here it is the shape of the move.
 */
export function decidePromotion(rules: PromotionRules, from: string | null, to: string): PromotionDecision {
  if (from === null) return { allowed: true };
  if (normalizeEnv(from) === normalizeEnv(to))
    return { allowed: false, reason: `cannot promote to the same environment (${to})` };
  const fi = indexOf(rules.order, from);
  const ti = indexOf(rules.order, to);
  if (fi >= 0 && ti >= 0 && ti < fi) {
    const allowed = rules.allowBackwards.some(
      (m) => normalizeEnv(m.from) === normalizeEnv(from) && normalizeEnv(m.to) === normalizeEnv(to),
    );
    if (!allowed)
      return {
        allowed: false,
        reason: `cannot promote backwards from ${from} to ${to} (order: ${rules.order.join(" → ")})`,
      };
  }
  return { allowed: true };
}
