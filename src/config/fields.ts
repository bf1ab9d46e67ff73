// Building blocks for the config schema: each field carries the one sentence a user sees when the value
// is wrong ("must be a number between 0 and 100, got \"eighty\""), so errors.ts never guesses.
import { z } from "zod";

const MAX_SHOWN = 40;

/** A value as a user would recognise it in their YAML, kept short. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null (empty)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") {
    const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(cut);
  }
  return String(value);
}

/** zod error option: every issue on this field reads "must be <phrase>, got <value>". */
export function must(phrase: string): { error: (issue: { input?: unknown }) => string } {
  return {
    error: (issue) =>
      issue.input === undefined
        ? `is missing (must be ${phrase})`
        : `must be ${phrase}, got ${show(issue.input)}`,
  };
}

/** A percentage 0..100 (inclusive). */
export function percent(fallback: number) {
  const m = must("a number between 0 and 100");
  return z.number(m).min(0, m).max(100, m).default(fallback);
}

/** A whole number ≥ 0 (a count of things allowed). */
export function count(fallback: number) {
  const m = must("a whole number, 0 or more");
  return z.int(m).min(0, m).default(fallback);
}

/** Longest string accepted where a name or glob is expected; longer is a mistake, not a name. */
export const MAX_NAME_CHARS = 500;
/** Most entries accepted in one list; keeps evaluation bounded whatever a repository writes. */
export const MAX_LIST_ENTRIES = 500;

export function nonEmptyString(phrase = "a non-empty text") {
  const m = must(phrase);
  return z.string(m).trim().min(1, m).max(MAX_NAME_CHARS, m);
}

/** A list of unique values; duplicates are reported on the index that repeats. */
export function uniqueList<T extends z.ZodType>(item: T, what: string) {
  const m = must(`a list of ${what}`);
  return z
    .array(item, m)
    .max(MAX_LIST_ENTRIES, { error: `must have at most ${MAX_LIST_ENTRIES} entries` })
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((entry, index) => {
        const key = JSON.stringify(entry);
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index], message: `repeats ${show(entry)}` });
        seen.add(key);
      });
    });
}

/** One of a fixed set of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, must(`one of ${values.join(", ")}`));
}

/** A list of globs (picomatch syntax). */
export function globList(what: string) {
  return uniqueList(
    nonEmptyString(`a non-empty glob pattern (${what})`),
    `${what} (non-empty glob patterns)`,
  );
}

/** A section: a map with known keys only; `{}` (or an omitted section) gives all its defaults. */
export function section<S extends z.ZodRawShape>(shape: S, description: string) {
  const object = z.strictObject(shape, must("a map of settings (key: value)"));
  // Every field of a section has a default, so `{}` is a valid input; TypeScript cannot see that generically.
  const empty = {} as z.input<typeof object>;
  return object.prefault(empty).meta({ description });
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
