// Opening the store when it is not there yet: a PostgreSQL that starts after Tollgate (docker compose,
// a failover, a managed database restarting) is waited for, with capped backoff, while the process
// already answers /health (alive) and /ready with 503 and the reason, so an orchestrator neither kills
// it nor routes deliveries to it. A configuration the database refuses for good (a SQLite path that
// cannot be opened, a wrong password, a missing database) still fails at once, with its message.
import { classifyError } from "./classify-error.js";

/** PostgreSQL SQLSTATEs that mean "not now": starting up, too many connections, connection failures. */
const PG_NOT_NOW = new Set(["57P03", "53300", "08000", "08001", "08003", "08004", "08006"]);

export function storeNotYetAvailable(error: unknown): boolean {
  if (typeof error === "object" && error !== null) {
    const code = "code" in error ? error.code : undefined;
    if (typeof code === "string" && PG_NOT_NOW.has(code)) return true;
    const message = "message" in error && typeof error.message === "string" ? error.message : "";
    // pg's own wording when the server goes away mid-handshake or does not answer in time
    if (/Connection terminated|timeout expired|Connection refused/i.test(message)) return true;
  }
  return classifyError(error).retry;
}

export interface WaitOptions {
  /** Called before each retry with the reason and the wait (for /ready and the log). */
  onWaiting: (reason: string, attempt: number, waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  baseMs?: number;
  maxMs?: number;
}

/** Runs `open` until it succeeds or fails for a reason waiting cannot fix (then rethrows). */
export async function waitForBackends<T>(open: () => Promise<T>, options: WaitOptions): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const base = options.baseMs ?? 1_000;
  const max = options.maxMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!storeNotYetAvailable(error)) throw error;
      const waitMs = Math.min(max, base * 2 ** (attempt - 1));
      options.onWaiting(describe(error), attempt, waitMs);
      await sleep(waitMs);
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? `${error.code}: ` : "";
    return `${code}${error.message || error.name}`;
  }
  return String(error);
}
