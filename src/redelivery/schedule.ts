// Runs the sweeper at start and then every `intervalMs`, never two sweeps of this process at once.
import type { Logger } from "pino";
import { type SweepDeps, type SweepOptions, sweepRedeliveries } from "./sweeper.js";

export interface SweeperSchedule {
  stop(): Promise<void>;
}

export function startRedeliverySweeper(
  deps: SweepDeps,
  log: Logger,
  intervalMs = 10 * 60_000,
  options: SweepOptions = {},
): SweeperSchedule {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= sweepRedeliveries(deps, options)
      .then((result) => {
        if (result.swept && (result.redelivered.length > 0 || result.failed.length > 0)) {
          log.info(result, "redelivery sweep requested redeliveries");
        }
      })
      .catch((err: unknown) => log.warn({ err }, "redelivery sweep failed; next interval retries"))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
