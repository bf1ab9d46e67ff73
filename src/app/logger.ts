import pino, { type Logger } from "pino";
import type { LogLevel } from "../env.js";

/**
 * JSON logs on stdout. Writes are asynchronous (sonic-boom coalesces them while one is in flight)
 * so a busy intake does not block on a write(2) per line; `flushLogs` before a deliberate exit.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({ name: "tollgate", level }, pino.destination({ dest: 1, sync: false }));
}

export function flushLogs(log: Logger): Promise<void> {
  return new Promise((resolve) => log.flush(() => resolve()));
}
