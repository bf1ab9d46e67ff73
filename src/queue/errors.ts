/**
 * Error taxonomy the queue understands. Anything else a handler throws is transient: retried with
 * backoff until the job's attempts run out.
 */

/** Retrying cannot help (bad payload, repository gone, permission denied): the job goes dead at once. */
export class PermanentError extends Error {
  readonly permanent = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentError";
  }
}

/** Transient, but not before `retryAfterMs` (e.g. a rate limit's Retry-After). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RetryLaterError";
  }
}

function field(error: unknown, name: string): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** `PermanentError`, or any error with `permanent === true` (duck-typed so adapters need not import us). */
export function isPermanent(error: unknown): boolean {
  return error instanceof PermanentError || field(error, "permanent") === true;
}

/** The error's `retryAfterMs` when it is a non-negative finite number. */
export function retryAfterMs(error: unknown): number | undefined {
  const value = field(error, "retryAfterMs");
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A short, single-line description for storage and logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 2000);
  return String(error).slice(0, 2000);
}
