/** Retry delays: exponential backoff with full jitter (delay uniformly in [0, min(cap, base·2^(n−1)))). */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay (default 1 000 ms). */
  baseMs: number;
  /** Largest ceiling (default 5 minutes). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 5 * 60_000 };

/**
 * Delay before the retry that follows failed attempt `attempt` (1-based). `random` returns [0, 1).
 * A `floorMs` (e.g. an error's Retry-After) is honoured even above the cap.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
  floorMs = 0,
): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 52);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const jittered = Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
  return Math.max(jittered, Math.ceil(floorMs));
}
