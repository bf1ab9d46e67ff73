// What every command handler gets, and what it answers.
import type { TollgateConfig } from "../../config/schema.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { PullInfo } from "../../github/pulls.js";
import type { CommandsDeps } from "../deps.js";

export interface CommandContext {
  deps: CommandsDeps;
  octokit: Octokit;
  repo: RepoRef;
  installationId: number;
  pull: PullInfo;
  /** Login of whoever asked (the commenter, or the sender of a button event). */
  actor: string;
  /** The command as typed, e.g. "/deploy staging" (payloads and logs). */
  text: string;
  /** `comment:<id>` or `button:<delivery id>`: idempotency ids of follow-up jobs derive from it. */
  source: string;
  /** Undefined when .github/tollgate.yml is invalid. */
  config: TollgateConfig | undefined;
}

export interface HandlerResult {
  ok: boolean;
  /** For the command log and the job log. */
  detail: string;
  /** Markdown for the reply (already escaped), when there is something to say. */
  reply?: string;
  /** Accepted but not done yet (`/merge` before the gate passed): no 🚀 until it is. */
  waiting?: boolean;
}

export const fullRepo = (r: { owner: string; repo: string }): string => `${r.owner}/${r.repo}`;
export const short = (sha: string): string => sha.slice(0, 7);
