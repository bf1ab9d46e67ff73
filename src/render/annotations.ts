// Check-run annotations for failed tests and security findings. Annotations cannot be removed once
// sent, so only what matters goes: failures and findings, lines the PR changed first, capped in total.
import type { MergedReports, Severity } from "../reports/model.js";
import { ANNOTATION_MESSAGE_MAX_CHARS, ANNOTATION_TITLE_MAX_CHARS } from "./limits.js";
import { stripControls } from "./markdown.js";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title: string;
  message: string;
  raw_details?: string;
}

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Candidates left out by the cap. */
  omitted: number;
}

/** Default total cap: 5 requests' worth. */
export const DEFAULT_ANNOTATION_CAP = 250;

const LEVEL: Record<Severity, Annotation["annotation_level"]> = {
  critical: "failure",
  high: "failure",
  medium: "warning",
  low: "notice",
  info: "notice",
  unknown: "warning",
};

function clipText(text: string, max: number): string {
  const t = stripControls(text);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

interface Candidate {
  annotation: Annotation;
  /** Lower sorts first. */
  rank: number;
}

/**
 * Plans the annotations for a verdict. `changedLines` (repo-relative path → changed line numbers) puts
 * annotations on lines the PR touched first. Pure: does not mutate its inputs.
 */
export function planAnnotations(
  merged: MergedReports,
  changedLines?: ReadonlyMap<string, readonly number[]>,
  cap = DEFAULT_ANNOTATION_CAP,
): AnnotationPlan {
  const touched = (path: string, line: number) => changedLines?.get(path)?.includes(line) ?? false;
  const candidates: Candidate[] = [];

  for (const c of merged.tests?.cases ?? []) {
    if ((c.status !== "failed" && c.status !== "error") || !c.file) continue;
    const line = c.line && c.line > 0 ? c.line : 1;
    const name = c.classname ? `${c.classname}.${c.name}` : c.name;
    candidates.push({
      rank: touched(c.file, line) ? 0 : 2,
      annotation: {
        path: c.file,
        start_line: line,
        end_line: line,
        annotation_level: "failure",
        title: clipText(
          `${c.status === "error" ? "Test error" : "Test failed"}: ${name}`,
          ANNOTATION_TITLE_MAX_CHARS,
        ),
        message: clipText(c.message || "(no message)", ANNOTATION_MESSAGE_MAX_CHARS),
        ...(c.details ? { raw_details: clipText(c.details, ANNOTATION_MESSAGE_MAX_CHARS) } : {}),
      },
    });
  }
  for (const f of merged.security?.findings ?? []) {
    if (!f.file) continue;
    const line = f.line && f.line > 0 ? f.line : 1;
    const end = f.end_line && f.end_line >= line ? f.end_line : line;
    const severe = f.severity === "critical" || f.severity === "high";
    candidates.push({
      rank: touched(f.file, line) ? (severe ? 0 : 1) : severe ? 2 : 3,
      annotation: {
        path: f.file,
        start_line: line,
        end_line: end,
        annotation_level: LEVEL[f.severity],
        title: clipText(`${f.severity.toUpperCase()} ${f.rule}`, ANNOTATION_TITLE_MAX_CHARS),
        message: clipText(f.message || f.rule, ANNOTATION_MESSAGE_MAX_CHARS),
      },
    });
  }
  // Stable sort keeps report order within a rank.
  const sorted = candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.rank - b.c.rank || a.i - b.i)
    .map(({ c }) => c.annotation);
  return { annotations: sorted.slice(0, cap), omitted: Math.max(0, sorted.length - cap) };
}

/** Splits annotations into GitHub's per-request batches. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
