// How Slack's answers become retry/permanent decisions. A 200 whose body is not JSON (a proxy's error
// page) reached the outbox as a "platform error" with the page as its code and was failed for good:
// the message was lost. Found by test/chaos/slack-faults.test.ts; it is retried now.
import { ErrorCode } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { classifyWebApiError } from "../../src/slack/web-client.js";

const platform = (error: unknown) => ({ code: ErrorCode.PlatformError, data: { ok: false, error } });

describe("classifyWebApiError", () => {
  it("a body that is not Slack's JSON is retried, not failed for good", () => {
    const e = classifyWebApiError(platform("<html><body>502 Bad Gateway</body></html>"));
    expect({ kind: e.kind, code: e.code }).toEqual({ kind: "retry", code: "invalid_response" });
    expect(classifyWebApiError(platform("")).kind).toBe("retry");
    expect(classifyWebApiError(platform(new Error("gzip"))).kind).toBe("retry");
  });

  it("Slack's own codes keep their meaning", () => {
    expect(classifyWebApiError(platform("channel_not_found")).kind).toBe("permanent");
    expect(classifyWebApiError(platform("internal_error")).kind).toBe("retry");
    expect(classifyWebApiError(platform("ratelimited")).kind).toBe("retry");
  });

  it("an HTTP 5xx with Retry-After (maintenance) waits that long; without one, the outbox's backoff", () => {
    const http = (statusCode: number, headers: Record<string, string>) => ({
      code: ErrorCode.HTTPError,
      statusCode,
      headers,
    });
    const busy = classifyWebApiError(http(503, { "retry-after": "120" }));
    expect({ kind: busy.kind, retryAfterMs: busy.retryAfterMs }).toEqual({
      kind: "retry",
      retryAfterMs: 120_000,
    });
    expect(classifyWebApiError(http(500, {})).retryAfterMs).toBeUndefined();
    expect(classifyWebApiError(http(404, { "retry-after": "5" }))).toMatchObject({
      kind: "permanent",
      retryAfterMs: undefined,
    });
  });

  it("maybeApplied: no answer may mean Slack applied the call; a refusal or a connection never made means it did not", () => {
    const request = (cause: unknown) => ({
      code: ErrorCode.RequestError,
      original: Object.assign(new TypeError("fetch failed"), { cause }),
    });
    const maybe = (e: unknown) => classifyWebApiError(e).maybeApplied;
    expect(maybe(request(Object.assign(new Error("other side closed"), { code: "ECONNRESET" })))).toBe(true);
    expect(
      maybe({ code: ErrorCode.RequestError, original: new DOMException("timed out", "TimeoutError") }),
    ).toBe(true);
    expect(maybe(request(Object.assign(new Error("connect"), { code: "ECONNREFUSED" })))).toBe(false);
    expect(maybe(request(Object.assign(new Error("dns"), { code: "ENOTFOUND" })))).toBe(false);
    expect(maybe(platform("<html>502</html>"))).toBe(true);
    expect(maybe(platform("internal_error"))).toBe(true);
    expect(maybe(platform("ratelimited"))).toBe(false);
    expect(maybe(platform("channel_not_found"))).toBe(false);
    expect(maybe({ code: ErrorCode.RateLimitedError, retryAfter: 1 })).toBe(false);
    expect(maybe({ code: ErrorCode.HTTPError, statusCode: 504, headers: {} })).toBe(true);
    expect(maybe({ code: ErrorCode.HTTPError, statusCode: 503, headers: {} })).toBe(false);
  });
});
