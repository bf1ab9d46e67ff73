// Octokit plugin: requests that create something (POST) are never re-sent by the retry plugin.
// When a POST's answer is lost (connection reset, 5xx), GitHub may already have created the comment or
// check run; re-sending would create a second one. The failure goes to the queue instead, whose retry
// of the whole job finds the first one again (by marker, by name + sha) and edits it.
import type { Octokit } from "@octokit/core";

export function noRetryOnCreate(octokit: Octokit): void {
  octokit.hook.before("request", (options) => {
    if (options.method === "POST") options.request = { ...options.request, retries: 0 };
  });
}
