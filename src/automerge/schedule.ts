// The merge window (automerge.dependabot.schedule): weekdays and hours in an IANA time zone, read with
// Intl so daylight-saving changes need no table of our own. The clock is a parameter.
import { parseHours } from "../config/names.js";

export interface MergeWindow {
  days: readonly string[];
  hours: string;
  timezone: string;
}

export type WindowResult = { inside: true } | { inside: false; reason: string };

const WEEKDAY: Record<string, string> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

/** Weekday ("mon"…) and hour (0–23) of `now` in `timezone`. */
export function localTime(now: Date, timezone: string): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    weekday: "short",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const weekday = parts.find((p) => p.type === "weekday")?.value ?? "";
  const hour = Number(parts.find((p) => p.type === "hour")?.value);
  return { day: WEEKDAY[weekday] ?? weekday.toLowerCase(), hour: hour === 24 ? 0 : hour };
}

export function insideWindow(window: MergeWindow | null, now: Date): WindowResult {
  if (!window) return { inside: true };
  const hours = parseHours(window.hours);
  // The config schema validates both; a window that cannot be read never opens (fail closed).
  if (!hours) return { inside: false, reason: `the merge window's hours "${window.hours}" cannot be read` };
  let local: { day: string; hour: number };
  try {
    local = localTime(now, window.timezone);
  } catch {
    return { inside: false, reason: `the merge window's time zone "${window.timezone}" is unknown` };
  }
  const describe = `${window.days.join(", ")} ${window.hours} ${window.timezone}`;
  if (!window.days.includes(local.day))
    return { inside: false, reason: `outside the merge window (${describe}): it is ${local.day} there` };
  if (local.hour < hours.start || local.hour >= hours.end)
    return {
      inside: false,
      reason: `outside the merge window (${describe}): it is ${String(local.hour).padStart(2, "0")}:xx there`,
    };
  return { inside: true };
}
