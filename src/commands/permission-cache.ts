// The commenter's role, cached briefly per installation + repo + user: a comment with several commands
// (and a burst of comments) asks GitHub once. Short TTL: a revoked permission stops counting quickly.
import { getPermission } from "../github/collaborators.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { type Role, roleOf } from "./permissions.js";

export const PERMISSION_TTL_MS = 60_000;
const MAX_ENTRIES = 1_000;

export type RoleLookup = (octokit: Octokit, repo: RepoRef, login: string) => Promise<Role | undefined>;

export function cachedRoleLookup(now: () => Date, ttlMs = PERMISSION_TTL_MS): RoleLookup {
  const cache = new Map<string, { role: Role | undefined; until: number }>();
  return async (octokit, repo, login) => {
    const key = `${repo.owner}/${repo.repo}@${login}`.toLowerCase();
    const t = now().getTime();
    const hit = cache.get(key);
    if (hit && hit.until > t) return hit.role;
    const answer = await getPermission(octokit, repo, login);
    const role = roleOf({
      role_name: answer.roleName ?? undefined,
      permission: answer.permission ?? undefined,
    });
    if (cache.size >= MAX_ENTRIES) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(key, { role, until: t + ttlMs });
    return role;
  };
}
