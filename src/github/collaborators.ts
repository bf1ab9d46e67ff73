// A user's permission on a repository: GET /repos/{o}/{r}/collaborators/{user}/permission answers
// `permission` (admin/write/read/none) and `role_name` (admin/maintain/write/triage/read or a custom
// role). A 404 (no such user) means no permission; other errors are thrown (retry the job).
import type { Octokit, RepoRef } from "./octokit.js";

export interface PermissionAnswer {
  permission: string | null;
  roleName: string | null;
}

const statusOf = (error: unknown): number | undefined =>
  error && typeof error === "object" && typeof (error as { status?: unknown }).status === "number"
    ? (error as { status: number }).status
    : undefined;

export async function getPermission(
  octokit: Octokit,
  repo: RepoRef,
  username: string,
): Promise<PermissionAnswer> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    const raw = data as { permission?: unknown; role_name?: unknown };
    return {
      permission: typeof raw.permission === "string" ? raw.permission : null,
      roleName: typeof raw.role_name === "string" ? raw.role_name : null,
    };
  } catch (error) {
    if (statusOf(error) === 404) return { permission: "none", roleName: null };
    throw error;
  }
}
