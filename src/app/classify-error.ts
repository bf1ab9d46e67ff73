/**
 * Decides whether a failed job should be retried. Transient: the network, GitHub
 * 5xx, 408, 429 and rate limits (primary or secondary). Everything else is
 * permanent (a bug, a 404, a validation error): retrying would fail the same way.
 */
export type ErrorClass = { retry: true; reason: string } | { retry: false; reason: string };

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

export function classifyError(error: unknown): ErrorClass {
  if (error instanceof AggregateError) {
    const inner = error.errors.map(classifyError);
    const transient = inner.find((c) => c.retry);
    if (transient) return transient;
    return { retry: false, reason: inner.map((c) => c.reason).join("; ") || error.message };
  }
  if (!isObject(error)) return { retry: false, reason: String(error) };

  const status = typeof error.status === "number" ? error.status : undefined;
  const message = typeof error.message === "string" ? error.message : "";
  if (status !== undefined) {
    if (status >= 500 || status === 408 || status === 429) return { retry: true, reason: `HTTP ${status}` };
    if (status === 403 && (/rate limit/i.test(message) || rateLimitExhausted(error))) {
      return { retry: true, reason: "HTTP 403 rate limited" };
    }
    return { retry: false, reason: `HTTP ${status}: ${message}` };
  }
  const name = typeof error.name === "string" ? error.name : "";
  if (name === "AbortError" || name === "TimeoutError") return { retry: true, reason: name };
  const code = errorCode(error) ?? errorCode(error.cause);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return { retry: true, reason: code };
  if (message === "fetch failed") return { retry: true, reason: "fetch failed" };
  return { retry: false, reason: message || name || "unknown error" };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function errorCode(value: unknown): string | undefined {
  return isObject(value) && typeof value.code === "string" ? value.code : undefined;
}

function rateLimitExhausted(error: Record<string, unknown>): boolean {
  const response = error.response;
  if (!isObject(response) || !isObject(response.headers)) return false;
  return response.headers["x-ratelimit-remaining"] === "0" || response.headers["retry-after"] !== undefined;
}
