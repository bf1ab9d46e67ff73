// Fixed vocabularies of the repository config, shared by the schema, the gates and the docs.

export const CONFIG_PATH = ".github/tollgate.yml";

export const REPORT_KINDS = [
  "tests",
  "coverage",
  "security",
  "performance",
  "licenses",
  "complexity",
] as const;
/** Gates a repository may mark informational: a report kind (all its gates) or one coverage gate. */
export const GATE_NAMES = [...REPORT_KINDS, "coverage.drop", "coverage.patch"] as const;
export const MERGE_METHODS = ["squash", "merge", "rebase"] as const;
export const UPDATE_TYPES = ["patch", "minor", "major"] as const;
export const DEPENDENCY_TYPES = ["direct:development", "direct:production", "indirect"] as const;
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const SLACK_EVENTS = ["deployment", "default_branch_failure", "gate_failure", "automerge"] as const;

const HOURS = /^(\d{2})-(\d{2})$/;

/** "09-17": from 09:00 to 17:00, start < end, 00..24. */
export function parseHours(text: string): { start: number; end: number } | undefined {
  const match = HOURS.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start < end && end <= 24 ? { start, end } : undefined;
}
