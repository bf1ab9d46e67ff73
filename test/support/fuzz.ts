// fast-check run parameters shared by every property test: a fixed seed, so the normal test run is
// deterministic, and FUZZ_RUNS / FUZZ_SEED to run longer or explore (`npm run fuzz` sets FUZZ_RUNS).
// A failure prints the seed and path that replay it.
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);

/** `defaultRuns` in the normal test run; FUZZ_RUNS scaled by `share` (for costlier properties) otherwise. */
export function fuzzParams(defaultRuns: number, share = 1): { numRuns: number; seed: number } {
  const asked = process.env.FUZZ_RUNS;
  const numRuns = asked === undefined ? defaultRuns : Math.max(1, Math.floor(Number(asked) * share));
  return { numRuns, seed: FUZZ_SEED };
}

/** A test timeout that grows with the number of runs. */
export function fuzzTimeout(params: { numRuns: number }, msPerRun = 5): number {
  return Math.max(20_000, params.numRuns * msPerRun);
}
