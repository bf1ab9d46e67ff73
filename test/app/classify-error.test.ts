import { describe, expect, it } from "vitest";
import { classifyError } from "../../src/app/classify-error.js";

const httpError = (status: number, message = "x", headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers } });

describe("classifyError", () => {
  it.each([
    ["500", httpError(500), true],
    ["502", httpError(502), true],
    ["429", httpError(429), true],
    ["408", httpError(408), true],
    ["403 secondary rate limit", httpError(403, "You have exceeded a secondary rate limit"), true],
    ["403 primary limit exhausted", httpError(403, "Forbidden", { "x-ratelimit-remaining": "0" }), true],
    ["403 permission", httpError(403, "Resource not accessible by integration"), false],
    ["404", httpError(404, "Not Found"), false],
    ["422", httpError(422, "Validation Failed"), false],
    ["ECONNRESET", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), true],
    ["fetch failed with cause", new TypeError("fetch failed", { cause: { code: "ETIMEDOUT" } }), true],
    ["timeout", Object.assign(new Error("timed out"), { name: "TimeoutError" }), true],
    ["TypeError bug", new TypeError("Cannot read properties of undefined"), false],
    ["string thrown", "boom", false],
    ["aggregate with one transient", new AggregateError([new Error("bug"), httpError(503)]), true],
    ["aggregate all permanent", new AggregateError([httpError(404), new Error("bug")]), false],
  ])("%s → retry %s", (_name, error, retry) => {
    expect(classifyError(error).retry).toBe(retry);
  });
});
