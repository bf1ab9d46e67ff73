// Percentiles from a response-time histogram ({ time in ms → number of requests }), as Locust keeps them.

/**
 * Nearest-rank percentile: the smallest recorded time t such that at least `fraction` of all requests
 * took ≤ t. Locust's histogram keys are already rounded (exact below 100 ms, to 10 ms below 1 s, to
 * 100 ms above), so the result is as precise as the histogram and no more. Undefined for no requests.
 */
export function histogramPercentile(
  histogram: ReadonlyMap<number, number>,
  fraction: number,
): number | undefined {
  const entries = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(fraction * total));
  let seen = 0;
  for (const [time, n] of entries) {
    seen += n;
    if (seen >= rank) return time;
  }
  return entries.at(-1)?.[0];
}
