// Which failed deliveries to ask GitHub to send again: a pure decision over the app's delivery attempts.
import type { HookDelivery } from "../github/hook-deliveries.js";

export interface RedeliveryPlanOptions {
  /** At most this many redeliveries per sweep. */
  max: number;
  /** A guid that already failed this many times is left alone (it fails for a reason). */
  maxAttemptsPerGuid: number;
}

export interface GuidAttempts {
  guid: string;
  /** The newest attempt's id (what `POST …/attempts` redelivers). */
  latestId: number;
  attempts: number;
  succeeded: boolean;
}

const succeeded = (d: HookDelivery) => d.status_code >= 200 && d.status_code < 300;

/** Attempts grouped by guid, newest guid first. */
export function groupAttempts(items: readonly HookDelivery[]): GuidAttempts[] {
  const byGuid = new Map<string, GuidAttempts & { at: number }>();
  for (const d of items) {
    const at = Date.parse(d.delivered_at);
    const g = byGuid.get(d.guid);
    if (!g) {
      byGuid.set(d.guid, { guid: d.guid, latestId: d.id, attempts: 1, succeeded: succeeded(d), at });
      continue;
    }
    g.attempts++;
    g.succeeded ||= succeeded(d);
    if (at > g.at || (at === g.at && d.id > g.latestId)) {
      g.at = at;
      g.latestId = d.id;
    }
  }
  return [...byGuid.values()].sort((a, b) => b.at - a.at).map(({ at: _at, ...g }) => g);
}

/**
 * Guids with no successful attempt, not given up on, and not recorded as taken by a worker (such a
 * delivery was received even if GitHub saw a timeout): the newest attempt of each, at most `max`.
 */
export function planRedeliveries(
  groups: readonly GuidAttempts[],
  recorded: ReadonlySet<string>,
  options: RedeliveryPlanOptions,
): GuidAttempts[] {
  return groups
    .filter((g) => !g.succeeded && !recorded.has(g.guid) && g.attempts < options.maxAttemptsPerGuid)
    .slice(0, options.max);
}
