// Bounded readers shared by the format modules: whole text (for JSON and line formats) and JSON values.
import type { ParseContext, ReportFile } from "./parser.js";

export type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const BOM = "\uFEFF";

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Reads the whole file as UTF-8 (BOM removed), refusing files over the report size bound. */
export async function readText(file: ReportFile, ctx: ParseContext): Promise<ReadResult<string>> {
  const max = ctx.limits.maxReportBytes;
  if (file.size > max) {
    return {
      ok: false,
      reason: `file is ${formatBytes(file.size)}, over the ${formatBytes(max)} limit for one report`,
    };
  }
  const decoder = new TextDecoder("utf-8");
  const parts: string[] = [];
  let seen = 0;
  for await (const chunk of file.open()) {
    seen += chunk.byteLength;
    if (seen > max) {
      return { ok: false, reason: `file is over the ${formatBytes(max)} limit for one report` };
    }
    parts.push(decoder.decode(chunk, { stream: true }));
  }
  parts.push(decoder.decode());
  return { ok: true, value: stripBom(parts.join("")) };
}

/** Reads and parses a JSON file; a syntax error becomes a reason naming where it broke. */
export async function readJson(file: ReportFile, ctx: ParseContext): Promise<ReadResult<unknown>> {
  const text = await readText(file, ctx);
  if (!text.ok) return text;
  if (text.value.trim() === "") return { ok: false, reason: "file is empty" };
  try {
    return { ok: true, value: JSON.parse(text.value) as unknown };
  } catch (err) {
    return { ok: false, reason: `not valid JSON: ${(err as Error).message}` };
  }
}

/** Narrowing helpers for untyped JSON. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function asNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Cuts text to `max` characters, saying how much was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
