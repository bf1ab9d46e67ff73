// A fetch for Octokit that gives up on a GitHub request after `ms` (a hung connection would otherwise hold
// a worker for undici's 300 s default). The abort surfaces as a retriable error: octokit's retry for
// reads, then the queue's retry of the job.
export function fetchWithTimeout(ms: number, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}
