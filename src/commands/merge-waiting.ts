// `/merge` requests waiting for a sha's gate. Stored per repo+sha in the state store; the verdict that
// passes the gate on that sha (a success, or an override the judge renders as success) enqueues the
// `command_merge` job, which enables auto-merge for each request whose PR head is still that sha.
// A push moves the head to another sha: its requests never fire (the commenter did not see the code).

import { replyOnIssue } from "../github/issue-comments.js";
import { reactToComment } from "../github/reactions.js";
import type { EnqueueRequest } from "../queue/queue.js";
import { codeSpan } from "../render/markdown.js";
import type { StateStore } from "../store/store.js";
import type { CommandsDeps } from "./deps.js";
import { enableOnHead, gatePassed } from "./handlers/merge.js";

export const MERGE_FOLLOW_UP_JOB = "command_merge";

// A type, not an interface: it must be assignable to the state store's Json.
export type WaitingMerge = {
  installationId: number;
  number: number;
  commentId: number | null;
  actor: string;
  /** The command log row to finish: `comment:<id>` and the line. */
  source: string;
  line: number;
};

const keyOf = (repo: string, sha: string): string => `commands:merge:${repo.toLowerCase()}@${sha}`;

function isWaiting(v: unknown): v is WaitingMerge {
  if (!v || typeof v !== "object") return false;
  const w = v as Record<string, unknown>;
  return (
    typeof w.installationId === "number" &&
    typeof w.number === "number" &&
    (w.commentId === null || typeof w.commentId === "number") &&
    typeof w.actor === "string" &&
    typeof w.source === "string" &&
    typeof w.line === "number"
  );
}

async function read(state: Pick<StateStore, "get">, key: string): Promise<WaitingMerge[]> {
  const value = await state.get(key);
  return Array.isArray(value) ? (value as unknown[]).filter(isWaiting) : [];
}

export async function addWaitingMerge(
  state: StateStore,
  repo: string,
  sha: string,
  w: WaitingMerge,
): Promise<void> {
  const key = keyOf(repo, sha);
  const list = (await read(state, key)).filter((x) => !(x.source === w.source && x.line === w.line));
  await state.set(key, [...list, { ...w }]);
}

/** For the judge's after-verdict hook: a passed gate may have `/merge` requests waiting on it. */
export function mergeFollowUp(e: {
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
  conclusion: string;
}): EnqueueRequest | undefined {
  if (e.conclusion !== "success") return undefined;
  return {
    kind: MERGE_FOLLOW_UP_JOB,
    key: `${e.owner}/${e.repo}@${e.sha}#merge`.toLowerCase(),
    debounceMs: 0,
    payload: { installationId: e.installationId, owner: e.owner, repo: e.repo, sha: e.sha },
  };
}

export interface MergeFollowUpJob {
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
}

/** Handles every request waiting on the sha once its gate passed; answers how many were handled. */
export async function mergeWaiting(deps: CommandsDeps, job: MergeFollowUpJob): Promise<number> {
  const full = `${job.owner}/${job.repo}`;
  const key = keyOf(full, job.sha);
  const waiting = await read(deps.state, key);
  if (waiting.length === 0) return 0;
  if (!(await gatePassed(deps.reports, full, job.sha)).passed) return 0;
  const octokit = await deps.octokitFor(job.installationId);
  const repo = { owner: job.owner, repo: job.repo };
  const loaded = await deps.loadConfig(octokit, repo);
  const method = loaded.ok ? loaded.config.automerge.dependabot.method : "squash";
  for (const w of waiting) {
    const r = await enableOnHead(octokit, repo, w.number, job.sha, method);
    await deps.commandLog.finish(full, w.source, w.line, r.ok ? "done" : "failed", r.detail, deps.now());
    deps.log.info(
      { actor: w.actor, number: w.number, result: r.ok ? "done" : "failed", detail: r.detail },
      "waiting /merge handled",
    );
    if (w.commentId !== null) await reactToComment(octokit, repo, w.commentId, r.ok ? "rocket" : "confused");
    if (r.reply) await replyOnIssue(octokit, repo, w.number, `${codeSpan("/merge")} — ${r.reply}`);
  }
  await deps.state.delete(key);
  return waiting.length;
}
