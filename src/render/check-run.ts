// The `Tollgate` check run's output: a title, the verdict table as summary, the detail as text, the
// annotations, and the buttons. Summary and text are each at most 65,535 BYTES; detail degrades first.
import type { CheckConclusion, CheckRunAction, CheckRunPlan } from "../github/checks.js";
import { type AnnotationPlan, planAnnotations } from "./annotations.js";
import { overrideLine } from "./comment.js";
import type { RenderInput } from "./context.js";
import { headline } from "./format.js";
import { CHECK_RUN_TEXT_MAX_BYTES, CHECK_RUN_TITLE_MAX_CHARS } from "./limits.js";
import { truncateBytes, utf8Bytes } from "./markdown.js";
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

export const ACTION_RERUN: CheckRunAction = {
  label: "Re-run failed jobs",
  description: "Re-run the failed jobs of this commit's workflow runs",
  identifier: "rerun_failed",
};
export const ACTION_OVERRIDE: CheckRunAction = {
  label: "Override…",
  description: "Mark this commit's gate passed (maintainers)",
  identifier: "override",
};

function fitToLimit(compose: (d: Detail) => string, warnings: string[], what: string): string {
  for (const detail of [2, 1, 0] as const) {
    const text = compose(detail);
    if (utf8Bytes(text) <= CHECK_RUN_TEXT_MAX_BYTES) return text;
    warnings.push(`check run ${what} over ${CHECK_RUN_TEXT_MAX_BYTES} bytes at detail ${detail}`);
  }
  return truncateBytes(compose(0), CHECK_RUN_TEXT_MAX_BYTES, "\n\n… (cut to fit GitHub's 65,535-byte limit)");
}

export interface CheckRunRender {
  plan: CheckRunPlan;
  annotations: AnnotationPlan;
  warnings: string[];
}

export function renderCheckRun(
  input: RenderInput,
  changedLines?: ReadonlyMap<string, readonly number[]>,
  annotationCap?: number,
): CheckRunRender {
  const warnings: string[] = [];
  const v = input.verdict;
  const annotations = planAnnotations(input.merged, changedLines, annotationCap);
  const summary = fitToLimit(
    (d) =>
      [
        overrideLine(input),
        gateTable(input, d),
        annotations.omitted > 0
          ? `${annotations.annotations.length} annotations shown; ${annotations.omitted} more findings and failures are listed below and in the PR comment.`
          : undefined,
        runsLine(input),
      ]
        .filter(Boolean)
        .join("\n\n"),
    warnings,
    "summary",
  );
  const text = fitToLimit(
    (d) =>
      [
        testsSection(input, d),
        coverageSection(input, d),
        securitySection(input, d),
        performanceSection(input, d),
        problemsSection(input, d),
      ]
        .filter(Boolean)
        .join("\n\n"),
    warnings,
    "text",
  );
  const conclusion: CheckConclusion = v.conclusion;
  const pending = input.pending.length > 0;
  const title = (
    pending ? `Waiting for: ${input.pending.join(", ")}` : headline(v).replace(/^\S+ Tollgate: /, "")
  ).slice(0, CHECK_RUN_TITLE_MAX_CHARS);
  const actions: CheckRunAction[] = [ACTION_RERUN];
  if (v.conclusion === "failure") actions.push(ACTION_OVERRIDE);
  const plan: CheckRunPlan = pending
    ? { status: "in_progress", title, summary, text, annotations: [], actions }
    : {
        status: "completed",
        conclusion,
        title,
        summary,
        text,
        annotations: annotations.annotations,
        actions,
      };
  return { plan, annotations, warnings };
}
