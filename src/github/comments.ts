// The one sticky PR comment, found again by its hidden marker and edited in place — only when its
// text changes. If duplicates ever exist (two writers raced before serialisation), the oldest is kept
// and the others are removed.
import type { Octokit, RepoRef } from "./octokit.js";

export const COMMENT_MARKER = "<!-- tollgate:report -->";

export interface StickyResult {
  id: number;
  /** The body now on GitHub (with the marker), to remember for the next render. */
  body: string;
  action: "created" | "updated" | "unchanged";
  removedDuplicates: number;
  requests: number;
}

interface RawComment {
  id: number;
  body?: string;
  created_at: string;
  user: { type: string } | null;
}

/** Body with the marker as its first line (the marker is what finds the comment again). */
export function withMarker(body: string): string {
  return body.startsWith(COMMENT_MARKER) ? body : `${COMMENT_MARKER}\n${body}`;
}

/**
 * Ensures the PR has exactly one Tollgate comment with `body`. `known` is the id and body we wrote last
 * time (from the store): when the body is unchanged nothing is sent; when it changed, one PATCH; when
 * the comment was deleted meanwhile (404), it is found again or re-created.
 */
export async function ensureStickyComment(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  body: string,
  known?: { id: number; body: string },
): Promise<StickyResult> {
  const text = withMarker(body);
  let requests = 0;
  if (known) {
    if (known.body === text)
      return { id: known.id, body: text, action: "unchanged", removedDuplicates: 0, requests };
    try {
      requests++;
      await octokit.rest.issues.updateComment({ ...repo, comment_id: known.id, body: text });
      return { id: known.id, body: text, action: "updated", removedDuplicates: 0, requests };
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      // Deleted by someone: fall through to the marker search.
    }
  }
  const all = (await octokit.paginate(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  })) as RawComment[];
  requests += Math.max(1, Math.ceil(all.length / 100));
  const ours = all
    .filter((c) => c.user?.type === "Bot" && (c.body ?? "").startsWith(COMMENT_MARKER))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  const [keep, ...dupes] = ours;
  for (const d of dupes) {
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: d.id });
    requests++;
  }
  if (!keep) {
    const { data } = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: issueNumber,
      body: text,
    });
    return {
      id: data.id,
      body: text,
      action: "created",
      removedDuplicates: dupes.length,
      requests: requests + 1,
    };
  }
  if (keep.body === text)
    return { id: keep.id, body: text, action: "unchanged", removedDuplicates: dupes.length, requests };
  await octokit.rest.issues.updateComment({ ...repo, comment_id: keep.id, body: text });
  return {
    id: keep.id,
    body: text,
    action: "updated",
    removedDuplicates: dupes.length,
    requests: requests + 1,
  };
}
