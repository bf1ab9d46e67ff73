// Fault plans for the simulated GitHub: which requests get which injected answer, and how many did.
import type { GitHubSim, SimFault } from "../../support/github-sim.js";

export interface SimRequest {
  method: string;
  path: string;
  authorization?: string;
}

export interface FaultRule {
  method?: string;
  path: RegExp;
  fault: SimFault;
  /** How many matching requests get the fault (then they pass). */
  times: number;
  /** Let this many matching requests pass before the faults start. */
  after?: number;
}

/** Installs `rules` on the simulator; returns a counter of the faults actually injected. */
export function injectFaults(sim: GitHubSim, rules: FaultRule[]): { injected: () => number } {
  let injected = 0;
  const seen = rules.map(() => 0);
  sim.fault = (req: SimRequest) => {
    for (const [i, rule] of rules.entries()) {
      if (rule.method !== undefined && rule.method !== req.method) continue;
      if (!rule.path.test(req.path)) continue;
      const n = seen[i] ?? 0;
      seen[i] = n + 1;
      const after = rule.after ?? 0;
      if (n >= after && n < after + rule.times) {
        injected++;
        return rule.fault;
      }
    }
    return undefined;
  };
  return { injected: () => injected };
}

export const status = (
  code: number,
  headers?: Record<string, string>,
  message = "injected fault",
): SimFault => ({
  status: code,
  headers,
  body: { message },
});
