/**
 * The redelivery sweeper. GitHub does not retry a failed webhook delivery; it can be redelivered for
 * 3 days. Periodically (and at start) one replica lists the app's recent delivery attempts, newest
 * first, back to the previous sweep (minus an overlap), and asks GitHub to redeliver the guids that
 * never succeeded and that intake never recorded. Bounded: `maxPages` pages of 100, `max` redeliveries.
 */
import type { HookDeliveriesApi, HookDelivery } from "../github/hook-deliveries.js";
import type { DeliveryStore, StateStore } from "../store/store.js";
import { groupAttempts, planRedeliveries } from "./plan.js";

export const SWEEP_STATE_KEY = "redelivery:sweep";
const HOUR = 3_600_000;
/** GitHub keeps deliveries redeliverable for 3 days; stay an hour inside. */
const WINDOW_MS = 71 * HOUR;

export interface SweepDeps {
  api: HookDeliveriesApi;
  deliveries: Pick<DeliveryStore, "get">;
  state: StateStore;
  /** Only one replica sweeps at a time: true when this one holds the lease (embedded: always true). */
  lease: () => Promise<boolean>;
  now: () => number;
}

export interface SweepOptions {
  maxPages?: number;
  max?: number;
  maxAttemptsPerGuid?: number;
  /** Look this far before the previous sweep, for attempts that were still in flight (default 10 min). */
  overlapMs?: number;
}

export type SweepResult =
  | { swept: false; reason: "not leader" }
  | {
      swept: true;
      scanned: number;
      candidates: number;
      redelivered: number[];
      failed: number[];
      since: number;
    };

function sinceOf(saved: unknown, now: number, overlapMs: number): number {
  const floor = now - WINDOW_MS;
  const at =
    typeof saved === "object" && saved !== null && "at" in saved && typeof saved.at === "number"
      ? saved.at
      : floor;
  return Math.max(floor, at - overlapMs);
}

export async function sweepRedeliveries(deps: SweepDeps, options: SweepOptions = {}): Promise<SweepResult> {
  if (!(await deps.lease())) return { swept: false, reason: "not leader" };
  const startedAt = deps.now();
  const since = sinceOf(await deps.state.get(SWEEP_STATE_KEY), startedAt, options.overlapMs ?? 10 * 60_000);
  const items: HookDelivery[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < (options.maxPages ?? 10); page++) {
    const { items: batch, next } = await deps.api.listPage(cursor);
    const recent = batch.filter((d) => Date.parse(d.delivered_at) >= since);
    items.push(...recent);
    if (!next || recent.length < batch.length) break;
    cursor = next;
  }
  const groups = groupAttempts(items).filter((g) => !g.succeeded);
  // "Recorded" means a worker has taken it. A delivery still `received` may never have reached the
  // queue (the queue was down, or the process died between the two writes) while GitHub saw our 503:
  // ask for it again — if its job does exist, the queue's idempotent id makes the redelivery a no-op.
  const recorded = new Set<string>();
  for (const g of groups) {
    const known = await deps.deliveries.get(g.guid);
    if (known && known.status !== "received") recorded.add(g.guid);
  }
  const plan = planRedeliveries(groups, recorded, {
    max: options.max ?? 50,
    maxAttemptsPerGuid: options.maxAttemptsPerGuid ?? 3,
  });
  const redelivered: number[] = [];
  const failed: number[] = [];
  for (const g of plan) {
    try {
      await deps.api.redeliver(g.latestId);
      redelivered.push(g.latestId);
    } catch {
      failed.push(g.latestId);
    }
  }
  await deps.state.set(SWEEP_STATE_KEY, { at: startedAt });
  return { swept: true, scanned: items.length, candidates: groups.length, redelivered, failed, since };
}
