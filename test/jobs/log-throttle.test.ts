import { describe, expect, it } from "vitest";
import { throttleRepeats } from "../../src/jobs/log-throttle.js";

describe("throttleRepeats", () => {
  it("logs a message once per window, with the number of repeats it folded", () => {
    let t = 0;
    const throttle = throttleRepeats(30_000, () => t);
    const lines: string[] = [];
    const emit = (message: string) => throttle(message, (n) => lines.push(`${message} (+${n})`));
    for (t = 0; t < 60_000; t += 200) emit("connect ECONNREFUSED");
    emit("another error");
    expect(lines).toEqual(["connect ECONNREFUSED (+0)", "connect ECONNREFUSED (+149)", "another error (+0)"]);
  });
});
