// One issue/PR comment read back (its body, author and time, as stored now) and plain replies.
import type { Octokit, RepoRef } from "./octokit.js";

export interface IssueComment {
  id: number;
  body: string;
  createdAt: Date;
  author: { login: string; type: string } | null;
  htmlUrl: string;
}

const statusOf = (error: unknown): number | undefined =>
  error && typeof error === "object" && typeof (error as { status?: unknown }).status === "number"
    ? (error as { status: number }).status
    : undefined;

/** The comment, or undefined when it was deleted since. */
export async function getIssueComment(
  octokit: Octokit,
  repo: RepoRef,
  commentId: number,
): Promise<IssueComment | undefined> {
  try {
    const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: commentId });
    return {
      id: data.id,
      body: data.body ?? "",
      createdAt: new Date(data.created_at),
      author: data.user ? { login: data.user.login, type: data.user.type } : null,
      htmlUrl: data.html_url,
    };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

export async function replyOnIssue(
  octokit: Octokit,
  repo: RepoRef,
  number: number,
  body: string,
): Promise<void> {
  await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
}
