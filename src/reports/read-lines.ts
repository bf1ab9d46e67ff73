// Streaming line reader for line formats (LCOV, ...): the file is decoded chunk by chunk and each line is
// handed over as a range of a string, so neither the whole text nor one string per line is ever built.
import type { ParseContext, ReportFile } from "./parser.js";
import { formatBytes, type ReadResult } from "./read.js";

/** Bytes decoded at a time (see readLines). */
const DECODE_BYTES = 32 * 1024;

/** One line: `text[start, end)`, without its `\n` or `\r\n`. `text` is only valid during the call. */
export type LineHandler = (text: string, start: number, end: number) => void;

/**
 * Splits text into lines like `text.split(/\r?\n/)` (a lone `\r` is not a break) and hands each complete one
 * to `onLine`; returns what follows the last line break (the start of a line that continues later).
 */
function completeLines(text: string, from: number, onLine: LineHandler): number {
  let start = from;
  for (let nl = text.indexOf("\n", start); nl >= 0; nl = text.indexOf("\n", start)) {
    onLine(text, start, nl > start && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl);
    start = nl + 1;
  }
  return start;
}

/** Feeds every line of `text` to `onLine` (the last one even without a final line break). */
export function eachLine(text: string, onLine: LineHandler): void {
  const rest = completeLines(text, 0, onLine);
  if (rest < text.length) onLine(text, rest, text.length);
}

/**
 * Reads the file as UTF-8 (BOM removed) and calls `onLine` for each line, in order; refuses files over the
 * report size bound. Holds at most one decoded chunk plus the line that crosses it.
 */
export async function readLines(
  file: ReportFile,
  ctx: ParseContext,
  onLine: LineHandler,
): Promise<ReadResult<{ bytes: number }>> {
  const max = ctx.limits.maxReportBytes;
  if (file.size > max) {
    return {
      ok: false,
      reason: `file is ${formatBytes(file.size)}, over the ${formatBytes(max)} limit for one report`,
    };
  }
  const decoder = new TextDecoder("utf-8");
  /** Pieces of a line that has no line break yet (kept apart so a very long line is joined only once). */
  let pending: string[] = [];
  let seen = 0;
  let first = true;
  const feed = (decoded: string) => {
    let text = decoded;
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const nl = text.indexOf("\n");
    if (nl < 0) {
      if (text.length > 0) pending.push(text);
      return;
    }
    let from = 0;
    if (pending.length > 0) {
      // The line that crossed the chunk boundary: join its pieces with the start of this chunk.
      const line = pending.join("") + text.slice(0, nl);
      onLine(
        line,
        0,
        line.length > 0 && line.charCodeAt(line.length - 1) === 0x0d ? line.length - 1 : line.length,
      );
      from = nl + 1;
    }
    const rest = completeLines(text, from, onLine);
    pending = rest < text.length ? [text.slice(rest)] : [];
  };
  for await (const chunk of file.open()) {
    seen += chunk.byteLength;
    if (seen > max) return { ok: false, reason: `file is over the ${formatBytes(max)} limit for one report` };
    // Decoded in pieces small enough for V8's young generation: a string over ~128 KB is a "large object"
    // that only a full GC frees, so 256 KB chunks decoded whole pile up in memory until one runs.
    for (let at = 0; at < chunk.byteLength; at += DECODE_BYTES) {
      feed(decoder.decode(chunk.subarray(at, at + DECODE_BYTES), { stream: true }));
    }
  }
  feed(decoder.decode());
  if (pending.length > 0) {
    const last = pending.join("");
    onLine(last, 0, last.length);
  }
  return { ok: true, value: { bytes: seen } };
}
