// When a commit was made, as its committer stamped it (GET /repos/{o}/{r}/commits/{sha}).
import type { Octokit, RepoRef } from "./octokit.js";

/** The committer date, or null when GitHub does not give one. */
export async function committerDate(octokit: Octokit, repo: RepoRef, sha: string): Promise<Date | null> {
  const { data } = await octokit.rest.repos.getCommit({ ...repo, ref: sha });
  const date = data.commit.committer?.date;
  if (!date) return null;
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
