// Finding the part of the config schema at a path: used to suggest known keys for a typo and to tell a
// section (`gates:` left empty means "all defaults") from a nullable value (`schedule: null`).
import { z } from "zod";
import { tollgateConfigSchema } from "./schema.js";

function unwrapDefaults(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (
    current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault ||
    current instanceof z.ZodOptional
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function unwrapAll(schema: z.ZodType): z.ZodType {
  let current = unwrapDefaults(schema);
  while (current instanceof z.ZodNullable) current = unwrapDefaults(current.unwrap() as z.ZodType);
  return current;
}

/** The schema of the value at `path`, or undefined when the path is not part of the config. */
export function schemaAt(path: readonly PropertyKey[]): z.ZodType | undefined {
  let schema: z.ZodType = tollgateConfigSchema;
  for (const part of path) {
    const inner = unwrapAll(schema);
    let next: z.ZodType | undefined;
    if (inner instanceof z.ZodObject && typeof part === "string")
      next = inner.shape[part] as z.ZodType | undefined;
    else if (inner instanceof z.ZodArray && typeof part === "number") next = inner.element as z.ZodType;
    if (next === undefined) return undefined;
    schema = next;
  }
  return schema;
}

/** The keys known in the map at `path` (without Probot's `_extends`). */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(path);
  const inner = schema === undefined ? undefined : unwrapAll(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape).filter((key) => key !== "_extends") : [];
}

/** True for a map of settings that may not be null (an empty `gates:` then means "all defaults"). */
export function isSection(path: readonly PropertyKey[]): boolean {
  const schema = schemaAt(path);
  if (schema === undefined) return false;
  const inner = unwrapDefaults(schema);
  return inner instanceof z.ZodObject;
}
