// Helpers shared by the test-result formats: bounded text capture, durations, totals.
import type { TestCase, TestStatus, TestTotals } from "../model.js";

/** How bad a result is: when one case holds several results, the worst one wins. */
export const STATUS_RANK: Record<TestStatus, number> = { passed: 0, skipped: 1, failed: 2, error: 3 };

/**
 * Collects text that arrives in pieces, keeping at most `max` characters but counting all of them,
 * so a 50 MB stack trace costs `max` characters of memory.
 */
export class BoundedText {
  private parts: string[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly max: number) {}

  add(piece: string): void {
    this.total += piece.length;
    if (this.kept > this.max) return;
    this.parts.push(piece);
    this.kept += piece.length;
  }

  /** The text with surrounding whitespace trimmed and cut to `max` with a note; undefined when blank. */
  value(): string | undefined {
    const text = this.parts.join("").trim();
    if (text === "") return undefined;
    return clipCounted(text, this.max, this.total - this.kept);
  }
}

/** Cuts `text` to `max` characters; `dropped` characters were already dropped before it. */
export function clipCounted(text: string, max: number, dropped = 0): string {
  const more = Math.max(0, text.length - max) + dropped;
  if (more === 0) return text;
  return `${text.slice(0, max)}… (${more} more characters)`;
}

/** First non-blank line of a text, cut to `max`. */
export function firstLine(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  for (const line of text.split("\n", 50)) {
    const t = line.trim();
    if (t !== "") return clipCounted(t, max);
  }
  return undefined;
}

const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Seconds as written in a report (`"0.123"`, `"1,234.5"` from locale-formatting Surefire versions) →
 * milliseconds, rounded to microseconds. Undefined when absent, negative or not a number.
 */
export function secondsToMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const fast = plainNumber(value);
  if (fast >= 0) return plausibleMs(Math.round(fast * 1_000_000) / 1000);
  const text = value.indexOf(",") >= 0 && GROUPED.test(value) ? value.replaceAll(",", "") : value;
  if (text.trim() === "") return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return plausibleMs(Math.round(seconds * 1_000_000) / 1000);
}

/** 10^0 … 10^22, the powers of ten that are exact doubles. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * `Number(value)` for the common case `"12"` / `"0.0546"`, without Number()'s general parser: at most 15 digits and 22
 * decimals, so the digits as an integer and 10^decimals are exact doubles and their quotient is the
 * correctly rounded value, the same double Number() gives. -1 for anything else (the general path decides).
 */
export function plainNumber(value: string): number {
  const n = value.length;
  if (n === 0 || n > 24) return -1;
  let digits = 0;
  let mantissa = 0;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && dot < 0 && i > 0) dot = i;
    else return -1;
  }
  if (digits > 15 || dot === n - 1) return -1;
  if (dot < 0) return mantissa;
  const scale = POWERS_OF_TEN[n - 1 - dot];
  return scale === undefined ? -1 : mantissa / scale;
}

/** Longer than this (about 31,700 years) is not a test's duration, and sums of such could overflow. */
const MAX_DURATION_MS = 1e15;

/** `ms` when it is a finite, non-negative duration of at most MAX_DURATION_MS; else undefined. */
export function plausibleMs(ms: number): number | undefined {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** A whole number ≥ 1 (line numbers), else undefined. */
export function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const fast = plainNumber(value);
  const n = fast >= 0 ? fast : Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

export function emptyTotals(): TestTotals {
  return { tests: 0, passed: 0, failed: 0, errors: 0, skipped: 0, duration_ms: 0 };
}

/** Adds one case to the totals (duration is summed separately by each format). */
export function countCase(totals: TestTotals, status: TestStatus): void {
  totals.tests++;
  if (status === "passed") totals.passed++;
  else if (status === "failed") totals.failed++;
  else if (status === "error") totals.errors++;
  else totals.skipped++;
}

/**
 * A copy of `s` that does not share memory with the (much larger) text it was cut from. V8 represents a
 * substring as a view of its parent string, so keeping a 40-character test name could keep a 256 KB chunk
 * of the report alive; copying what we keep lets the report's text be freed as the scan goes on.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/**
 * Detaches the texts of many cases at once: cases are handed over with texts that may still be views of
 * the report's chunks, and every `batch` cases their name, message and details are replaced by compact
 * copies cut from one flat copy of the batch's texts (one native copy, instead of two strings each as with
 * `detach`).
 * Call `flush()` after the last case.
 */
export class CaseTexts {
  private pending: TestCase[] = [];

  constructor(private readonly batch = 1024) {}

  add(c: TestCase): void {
    this.pending.push(c);
    if (this.pending.length >= this.batch) this.flush();
  }

  flush(): void {
    const cases = this.pending;
    if (cases.length === 0) return;
    this.pending = [];
    const names: string[] = [];
    const notes: string[] = [];
    for (const c of cases) {
      names.push(c.name);
      if (c.message !== undefined) notes.push(c.message);
      if (c.details !== undefined) notes.push(c.details);
    }
    // One flat copy of the names and one of the messages and details, cut back into their pieces: each
    // piece is then a slice of that copy (which holds only kept text) or, when short, a copy of its own,
    // never a view of the report's chunks. Two copies, so a non-Latin-1 character in a stack trace does not
    // make every name of the batch take two bytes a character.
    const nameCopy = new Slicer(names.join(""));
    const noteCopy = new Slicer(notes.join(""));
    for (const c of cases) {
      c.name = nameCopy.next(c.name.length);
      if (c.message !== undefined) c.message = noteCopy.next(c.message.length);
      if (c.details !== undefined) c.details = noteCopy.next(c.details.length);
    }
  }
}

/** Hands out consecutive pieces of a text. */
class Slicer {
  private at = 0;

  constructor(private readonly text: string) {}

  next(length: number): string {
    const start = this.at;
    this.at += length;
    return this.text.slice(start, this.at);
  }
}

/** Shares one detached copy of strings that repeat across cases (class names, files, suites). */
export class Interner {
  private readonly seen = new Map<string, string>();
  /** The last string asked for: consecutive cases mostly share their class name and file. */
  private last = "";

  constructor(private readonly maxEntries = 100_000) {}

  get(s: string | undefined): string | undefined {
    if (s === undefined || s === "") return undefined;
    if (s === this.last) return this.last;
    let known = this.seen.get(s);
    if (known === undefined) {
      known = detach(s);
      if (this.seen.size < this.maxEntries) this.seen.set(known, known);
    }
    this.last = known;
    return known;
  }
}

/** Drops undefined fields and detaches kept strings, so 200,000 cases stay lean in memory and in JSON. */
export function leanCase(c: TestCase): TestCase {
  const out: TestCase = { name: detach(c.name), status: c.status };
  if (c.classname !== undefined && c.classname !== "") out.classname = c.classname;
  if (c.file !== undefined && c.file !== "") out.file = c.file;
  if (c.line !== undefined) out.line = c.line;
  if (c.message !== undefined) out.message = detach(c.message);
  if (c.details !== undefined) out.details = detach(c.details);
  if (c.duration_ms !== undefined) out.duration_ms = c.duration_ms;
  if (c.flaky === true) out.flaky = true;
  if (c.suite !== undefined && c.suite !== "") out.suite = c.suite;
  return out;
}

/** Total duration rounded to whole microseconds, so sums of float seconds do not print as 0.30000000000000004. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
