import { describe, expect, it } from "vitest";
import { nextCursor } from "../../src/github/hook-deliveries.js";

describe("nextCursor", () => {
  it.each([
    [
      '<https://api.github.com/app/hook/deliveries?per_page=100&cursor=v1_123>; rel="next", <https://api.github.com/app/hook/deliveries?per_page=100>; rel="first"',
      "v1_123",
    ],
    ['<https://api.github.com/app/hook/deliveries?per_page=100>; rel="first"', undefined],
    [undefined, undefined],
  ])("reads the next page's cursor from %s", (link, expected) => {
    expect(nextCursor(link)).toBe(expected);
  });
});
