// A failing dependency repeats the same error many times a second (every Redis client reconnecting
// every few hundred ms during an outage). The first occurrence of a message is logged at once; repeats
// within `windowMs` are only counted, and the first repeat after the window is logged with that count
// (`suppressed`), so an hour-long outage is a couple of lines a minute, not tens of thousands.
export type ThrottledLog = (message: string, log: (suppressed: number) => void) => void;

export function throttleRepeats(windowMs: number, now: () => number = Date.now): ThrottledLog {
  const seen = new Map<string, { at: number; suppressed: number }>();
  return (message, log) => {
    const t = now();
    const entry = seen.get(message);
    if (entry && t - entry.at < windowMs) {
      entry.suppressed++;
      return;
    }
    log(entry?.suppressed ?? 0);
    seen.set(message, { at: t, suppressed: 0 });
    if (seen.size > 100) seen.delete(seen.keys().next().value ?? "");
  };
}
