// Who may run which command: GitHub's repository roles in order, and the minimum role per command.
// Fails closed: a role we cannot read (custom role without a known base, an API failure) is no role.
import type { CommandName } from "./grammar.js";

export const ROLES = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** DESIGN.md's "Slash commands" table. `/help` is for anyone who can comment. */
export const REQUIRED_ROLE: Readonly<Record<CommandName, Role>> = {
  help: "none",
  report: "write",
  rerun: "write",
  deploy: "write",
  rollback: "write",
  merge: "write",
  override: "maintain",
};

/** The check run's buttons follow the command they stand for. */
export const BUTTON_COMMAND: Readonly<Record<string, CommandName>> = {
  rerun_failed: "rerun",
  override: "override",
};

const isRole = (value: unknown): value is Role =>
  typeof value === "string" && (ROLES as readonly string[]).includes(value);

/**
 * The role from GET /repos/{o}/{r}/collaborators/{user}/permission. `role_name` carries triage and
 * maintain; `permission` is the legacy value (admin/write/read/none) and, for a custom role, its base.
 * A custom role's name is not ours to interpret, so its base `permission` counts (never more than
 * what the custom role grants). Neither readable: undefined, and every command but /help is refused.
 */
export function roleOf(answer: { role_name?: unknown; permission?: unknown } | undefined): Role | undefined {
  if (!answer) return undefined;
  const name = typeof answer.role_name === "string" ? answer.role_name.toLowerCase() : undefined;
  if (isRole(name)) return name;
  const permission = typeof answer.permission === "string" ? answer.permission.toLowerCase() : undefined;
  return isRole(permission) ? permission : undefined;
}

export function atLeast(role: Role | undefined, needed: Role): boolean {
  if (needed === "none") return true;
  if (role === undefined) return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** "write", "maintain or admin" — for the refusal reply. */
export function describeNeeded(needed: Role): string {
  const above = ROLES.slice(ROLES.indexOf(needed));
  return above.length === 1 ? needed : above.length === 2 ? above.join(" or ") : `${needed} (or higher)`;
}
