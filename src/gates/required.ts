// Required report kinds (`gates.required`). A gate whose report kind is absent is skipped, unless the
// kind is required: then it fails (fail closed), naming the unreadable files of that kind if any.
import type { ReportKindName } from "../config/schema.js";
import type { ReportKind, UnreadableReport } from "../reports/model.js";
import { ALL_PARSERS } from "../reports/registry.js";
import { isInformational, plural } from "./result.js";
import type { GateId, GateInput, GateResult } from "./types.js";

const KIND_NAMES: Record<ReportKind, string> = {
  tests: "test",
  coverage: "coverage",
  security: "security",
  performance: "performance",
  licenses: "licence",
  complexity: "complexity",
};

export function kindName(kind: ReportKind): string {
  return KIND_NAMES[kind];
}

export function isRequired(input: GateInput, kind: ReportKindName): boolean {
  return input.config.gates.required.includes(kind);
}

/** The report kind an unreadable file was meant to be, when detection recognised its format. */
export function kindOfUnreadable(report: UnreadableReport): ReportKind | undefined {
  if (report.format === undefined) return undefined;
  return ALL_PARSERS.find((parser) => parser.format === report.format)?.kind;
}

export function unreadableOfKind(input: GateInput, kind: ReportKind): UnreadableReport[] {
  return input.merged.unreadable.filter((report) => kindOfUnreadable(report) === kind);
}

/** The result of a gate whose kind has no readable report: skipped, or failed when required. */
export function absent(gate: GateId, kind: ReportKind, input: GateInput): GateResult {
  const unreadable = unreadableOfKind(input, kind);
  const required = isRequired(input, kind);
  const what = `no readable ${kindName(kind)} report`;
  // Files whose format was not recognised may be the missing report: say so when it matters.
  const unrecognised = required
    ? input.merged.unreadable.filter((report) => kindOfUnreadable(report) === undefined)
    : [];
  const why =
    unreadable.length > 0
      ? `${what}: ${unreadable.map((report) => `${report.source} (${report.reason})`).join("; ")}`
      : unrecognised.length > 0
        ? `${what} was found (${plural(unrecognised.length, "other file")} could not be read)`
        : `${what} was found`;
  const result: GateResult = {
    gate,
    status: required ? "failed" : "skipped",
    informational: isInformational(input.config, gate),
    reason: required ? `${why}, and ${kind} is required` : why,
  };
  if (unreadable.length > 0) result.details = { kind: "unreadable", files: unreadable };
  return result;
}

/**
 * A report that is present but holds nothing to measure (no test cases, no executable lines): skipped,
 * or failed when its kind is required, since a required kind must give something to judge.
 */
export function empty(gate: GateId, kind: ReportKindName, input: GateInput, why: string): GateResult {
  const required = isRequired(input, kind);
  return {
    gate,
    status: required ? "failed" : "skipped",
    informational: isInformational(input.config, gate),
    reason: required ? `${why}, and ${kind} is required` : why,
  };
}
