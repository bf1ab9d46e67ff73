// GitHub's validation of what Tollgate writes, as the simulator enforces it: a request over a limit
// gets 422 "Validation Failed", as from GitHub. Written from GitHub's REST docs ("Create a check run",
// "Update a check run", "Create an issue comment"), deliberately not from src/render/limits.ts, so a
// wrong constant in the app shows up as a 422 in the tests instead of being agreed with.

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const LEVELS = new Set(["notice", "warning", "failure"]);

/** Why GitHub would refuse this check-run `output`, or undefined. */
export function checkOutputViolation(output: unknown): string | undefined {
  if (output === undefined) return undefined;
  if (typeof output !== "object" || output === null) return "output must be an object";
  const o = output as Record<string, unknown>;
  if (typeof o.title !== "string" || o.title === "") return "output.title is required";
  if (typeof o.summary !== "string" || o.summary === "") return "output.summary is required";
  if (bytes(o.summary) > 65_535) return `output.summary is ${bytes(o.summary)} bytes (maximum 65535)`;
  if (o.text !== undefined && (typeof o.text !== "string" || bytes(o.text) > 65_535))
    return `output.text is ${typeof o.text === "string" ? bytes(o.text) : "not a string"} bytes (maximum 65535)`;
  if (o.annotations === undefined) return undefined;
  if (!Array.isArray(o.annotations)) return "output.annotations must be an array";
  if (o.annotations.length > 50) return `${o.annotations.length} annotations in one request (maximum 50)`;
  for (const [i, a] of o.annotations.entries()) {
    const why = annotationViolation(a);
    if (why) return `annotations[${i}]: ${why}`;
  }
  return undefined;
}

function annotationViolation(annotation: unknown): string | undefined {
  if (typeof annotation !== "object" || annotation === null) return "must be an object";
  const a = annotation as Record<string, unknown>;
  if (typeof a.path !== "string" || a.path === "") return "path is required";
  if (!Number.isInteger(a.start_line) || !Number.isInteger(a.end_line))
    return "start_line and end_line are required";
  if ((a.end_line as number) < (a.start_line as number)) return "end_line is before start_line";
  if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line)
    return "columns are only allowed when start_line equals end_line";
  if (typeof a.annotation_level !== "string" || !LEVELS.has(a.annotation_level))
    return `annotation_level ${String(a.annotation_level)} is not notice, warning or failure`;
  if (typeof a.message !== "string" || a.message === "") return "message is required";
  if (bytes(a.message) > 64 * 1024) return `message is ${bytes(a.message)} bytes (maximum 64 KB)`;
  if (a.title !== undefined && (typeof a.title !== "string" || a.title.length > 255))
    return "title is longer than 255 characters";
  if (a.raw_details !== undefined && (typeof a.raw_details !== "string" || bytes(a.raw_details) > 64 * 1024))
    return "raw_details is longer than 64 KB";
  return undefined;
}

/** Why GitHub would refuse this comment body, or undefined. */
export function commentBodyViolation(body: unknown): string | undefined {
  if (typeof body !== "string" || body === "") return "body is required";
  if (body.length > 65_536) return `Body is too long (maximum is 65536 characters), got ${body.length}`;
  return undefined;
}
