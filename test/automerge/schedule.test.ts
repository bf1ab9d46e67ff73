import { describe, expect, it } from "vitest";
import { insideWindow, localTime } from "../../src/automerge/schedule.js";

const berlin = { days: ["mon", "tue", "wed", "thu", "fri"], hours: "09-17", timezone: "Europe/Berlin" };

describe("merge window", () => {
  it.each([
    ["no window: always inside", null, "2026-11-08T03:00:00Z", true],
    ["Tuesday 08:00 UTC = 09:00 Berlin (winter): inside", berlin, "2026-11-03T08:00:00Z", true],
    ["Tuesday 07:59 UTC = 08:59 Berlin: outside", berlin, "2026-11-03T07:59:00Z", false],
    ["Tuesday 16:00 UTC = 17:00 Berlin: end is exclusive", berlin, "2026-11-03T16:00:00Z", false],
    ["summer time: 07:00 UTC = 09:00 Berlin (CEST)", berlin, "2026-07-07T07:00:00Z", true],
    ["Saturday: outside", berlin, "2026-11-07T10:00:00Z", false],
    [
      "00-24 covers midnight",
      { days: ["sun"], hours: "00-24", timezone: "UTC" },
      "2026-11-08T00:00:00Z",
      true,
    ],
    [
      "fail closed: unknown time zone",
      { days: ["tue"], hours: "00-24", timezone: "Mars/Olympus" },
      "2026-11-03T10:00:00Z",
      false,
    ],
    [
      "fail closed: unreadable hours",
      { days: ["tue"], hours: "9-5", timezone: "UTC" },
      "2026-11-03T10:00:00Z",
      false,
    ],
  ])("%s", (_, window, at, inside) => {
    expect(insideWindow(window, new Date(at)).inside).toBe(inside);
  });

  it("reads weekday and hour in the zone", () => {
    expect(localTime(new Date("2026-11-03T23:30:00Z"), "Asia/Tokyo")).toEqual({ day: "wed", hour: 8 });
    expect(localTime(new Date("2026-11-03T00:30:00Z"), "America/Los_Angeles")).toEqual({
      day: "mon",
      hour: 16,
    });
  });
});
