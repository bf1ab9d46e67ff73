// Reactions on an issue or PR comment (the commands' 👀 / 🚀 / 😕). GitHub answers 200 with the
// existing reaction when it is added twice, so a retried job adds nothing new.
import type { Octokit, RepoRef } from "./octokit.js";

export type CommandReaction = "eyes" | "rocket" | "confused";

export async function reactToComment(
  octokit: Octokit,
  repo: RepoRef,
  commentId: number,
  content: CommandReaction,
): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
}
