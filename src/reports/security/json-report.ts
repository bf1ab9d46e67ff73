// The common shape of the JSON-based security parsers: read, check the shape, build one report.
import type { Report } from "../model.js";
import { unreadable } from "../model.js";
import type { ParseContext, ReportFile } from "../parser.js";
import { readJson } from "../read.js";
import { buildReport, type FindingDraft } from "./collect.js";

/** What a format module extracts from the parsed JSON: the findings, or why this is not a report of its kind. */
export type Extracted = { ok: true; tool: string; drafts: FindingDraft[] } | { ok: false; reason: string };

export async function parseJsonReport(
  file: ReportFile,
  ctx: ParseContext,
  format: string,
  extract: (doc: unknown) => Extracted,
): Promise<Report[]> {
  const json = await readJson(file, ctx);
  if (!json.ok) return [unreadable(file.path, json.reason, format)];
  const got = extract(json.value);
  if (!got.ok) return [unreadable(file.path, got.reason, format)];
  return [buildReport({ format, tool: got.tool, source: file.path }, got.drafts, ctx)];
}

/** Adds the optional fields that are defined (keeps drafts free of `undefined` properties). */
export function withOptional(draft: FindingDraft, extra: Partial<FindingDraft>): FindingDraft {
  const out: FindingDraft = { ...draft };
  for (const [k, v] of Object.entries(extra)) {
    if (v !== undefined && v !== "") Object.assign(out, { [k]: v });
  }
  return out;
}
