// Signed command deliveries for the command-bypass suite: issue_comment (created/edited) and
// check_run.requested_action built from real payloads (@octokit/webhooks-examples), pointed at a
// repository of the GitHub simulator, and the per-scenario accounting of what reached GitHub.
import type { RunningServer } from "../../../src/app/start-server.js";
import type { SimComment, SimRepoState } from "../../support/github-sim.js";
import { type CommandSim, effectCount } from "../../support/github-sim-commands.js";
import { exampleEvent } from "../../support/webhooks.js";
import { deliver, idle } from "./app.js";

type Payload = Record<string, unknown>;
export interface Person {
  login: string;
  type?: "User" | "Bot";
}

export const INSTALLATION = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };

export function repositoryOf(repo: SimRepoState): Payload {
  const example = exampleEvent("issue_comment", "created");
  const base = example.repository as Payload;
  return {
    ...base,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { ...(base.owner as Payload), login: repo.owner },
    default_branch: repo.defaultBranch,
  };
}

const userJson = (p: Person, id = 1000) => ({ ...exampleUser(), login: p.login, id, type: p.type ?? "User" });
function exampleUser(): Payload {
  return { ...((exampleEvent("issue_comment", "created").sender ?? {}) as Payload) };
}

let nextCommentId = 880_000;

/** Stores a comment on GitHub (the simulator) as `author` wrote it; answers it. */
export function postComment(repo: SimRepoState, issue: number, author: Person, body: string): SimComment {
  const now = new Date().toISOString();
  const c: SimComment = {
    id: nextCommentId++,
    issue,
    body,
    user: { login: author.login, type: author.type ?? "User" },
    created_at: now,
    updated_at: now,
  };
  repo.comments.push(c);
  return c;
}

/** The issue_comment delivery GitHub sends for `comment` (`sender` differs from the author for an edit). */
export function commentEvent(
  repo: SimRepoState,
  comment: SimComment,
  action: "created" | "edited",
  options: { sender?: Person; bodyAtEvent?: string; from?: string; onIssue?: boolean } = {},
): Payload {
  const example = exampleEvent("issue_comment", action);
  const author: Person = { login: comment.user.login, type: comment.user.type === "Bot" ? "Bot" : "User" };
  return {
    ...example,
    ...(action === "edited" ? { changes: { body: { from: options.from ?? "" } } } : {}),
    issue: {
      ...(example.issue as Payload),
      number: comment.issue,
      state: "open",
      // An issue (not a PR) has no `pull_request`.
      ...(options.onIssue
        ? {}
        : {
            pull_request: {
              url: `https://api.github.com/repos/${repo.owner}/${repo.name}/pulls/${comment.issue}`,
            },
          }),
    },
    comment: {
      ...(example.comment as Payload),
      id: comment.id,
      body: options.bodyAtEvent ?? comment.body,
      user: userJson(author),
      created_at: comment.created_at,
      updated_at: comment.updated_at,
    },
    repository: repositoryOf(repo),
    sender: userJson(options.sender ?? author),
    installation: INSTALLATION,
  };
}

/** A press of one of the Tollgate check run's buttons by `sender`. */
export function buttonEvent(
  repo: SimRepoState,
  sha: string,
  pull: number,
  identifier: string,
  sender: Person,
): Payload {
  const example = exampleEvent("check_run", "requested_action");
  const run = example.check_run as Payload;
  return {
    ...example,
    check_run: {
      ...run,
      name: "Tollgate",
      head_sha: sha,
      pull_requests: [{ ...((run.pull_requests as Payload[])[0] ?? {}), number: pull }],
    },
    requested_action: { identifier },
    repository: repositoryOf(repo),
    sender: userJson(sender),
    installation: INSTALLATION,
  };
}

export interface ScenarioResult {
  name: string;
  installation: number;
  deliveries: number;
  /** GitHub requests made with this scenario's installation (token exchange included). */
  requests: number;
  effects: number;
  /** Comments the app created: replies (and sticky comments, where a judge ran). */
  replies: string[];
  reactions: string[];
}

let nextInstallation = 5_000;

/**
 * One scenario on its own installation (GitHub's write pacing is per installation, so scenarios run
 * concurrently): `act` delivers its events, then the app is waited on until idle, and what reached
 * GitHub with that installation's token is counted.
 */
export async function scenario(
  name: string,
  ctx: { app: RunningServer; cmd: CommandSim },
  act: (send: (event: string, payload: Payload) => Promise<void>, installation: number) => Promise<void>,
): Promise<ScenarioResult> {
  const installation = nextInstallation++;
  let deliveries = 0;
  await act(async (event, payload) => {
    const status = await deliver(ctx.app.webhookUrl, event, {
      ...payload,
      installation: { ...INSTALLATION, id: installation },
    });
    deliveries++;
    if (status !== 202) throw new Error(`${name}: delivery answered ${status}`);
  }, installation);
  await idle(ctx.app, 300);
  const mine = <T extends { installation: number }>(list: T[]) =>
    list.filter((x) => x.installation === installation);
  if (process.env.CHAOS_DEBUG)
    for (const q of mine(ctx.cmd.log)) console.log(`${name}: ${q.method} ${q.path}`);
  return {
    name,
    installation,
    deliveries,
    requests: mine(ctx.cmd.log).length,
    effects: effectCount(ctx.cmd.effects, installation),
    replies: mine(ctx.cmd.replies).map((r) => r.body),
    reactions: mine(ctx.cmd.reactions).map((r) => r.content),
  };
}
