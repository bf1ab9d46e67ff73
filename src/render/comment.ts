// The sticky PR comment: verdict first, then tests, coverage, security, performance, problems, runs.
// Degrades detail (full → short lists → headline figures) to stay under GitHub's comment limit.
import { COMMENT_MARKER } from "../github/comments.js";
import type { RenderInput } from "./context.js";
import { headline } from "./format.js";
import { COMMENT_MAX_CHARS } from "./limits.js";
import { inline } from "./markdown.js";
import {
  coverageSection,
  type Detail,
  gateTable,
  performanceSection,
  problemsSection,
  runsLine,
  securitySection,
  testsSection,
} from "./sections.js";

export interface RenderedText {
  text: string;
  /** What the renderer had to give up, for logs. */
  warnings: string[];
}

export function overrideLine(input: RenderInput): string | undefined {
  const o = input.verdict.override;
  if (!o) return undefined;
  return `> **Gate overridden** by ${inline(o.by, 80)}: ${inline(o.reason, 500)}`;
}

function compose(input: RenderInput, detail: Detail): string {
  const parts = [
    COMMENT_MARKER,
    `## ${inline(headline(input.verdict), 300)}`,
    overrideLine(input),
    input.pending.length > 0
      ? `⏳ Still waiting for: ${input.pending.map((p) => inline(p, 80)).join(", ")} — this report updates when they finish.`
      : undefined,
    gateTable(input, detail),
    ...(input.notes ?? []),
    testsSection(input, detail),
    coverageSection(input, detail),
    securitySection(input, detail),
    performanceSection(input, detail),
    problemsSection(input, detail),
    runsLine(input),
  ];
  return parts.filter((p): p is string => p !== undefined && p !== "").join("\n\n");
}

export function renderComment(input: RenderInput, maxChars = COMMENT_MAX_CHARS): RenderedText {
  const warnings: string[] = [];
  for (const detail of [2, 1, 0] as const) {
    const text = compose(input, detail);
    if (text.length <= maxChars) return { text, warnings };
    warnings.push(`comment over ${maxChars} characters at detail ${detail}; reducing detail`);
  }
  const note = "\n\n… (report cut to fit GitHub's comment size limit)";
  const text = compose(input, 0);
  warnings.push("comment truncated at the lowest detail");
  return { text: text.slice(0, maxChars - note.length) + note, warnings };
}
