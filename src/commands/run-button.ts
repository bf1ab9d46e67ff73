// The `command_button` job: a press of "Re-run failed jobs" or "Override…" on the Tollgate check run,
// under the same permission table as the commands (the role of the sender of the button event).
// "Override…" never overrides: GitHub's buttons carry no text, and an override needs a reason that is
// stored and shown. It answers on the PR with the command to type (maintainers) or the refusal.
import { replyOnIssue } from "../github/issue-comments.js";
import type { RepoRef } from "../github/octokit.js";
import { codeSpan } from "../render/markdown.js";
import type { CommandsDeps } from "./deps.js";
import { rerunSha } from "./handlers/rerun.js";
import { atLeast, BUTTON_COMMAND, describeNeeded, REQUIRED_ROLE } from "./permissions.js";
import { composeReply, type Outcome } from "./reply.js";

export interface ButtonJob {
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
  identifier: string;
  sender: string;
  senderType: string;
  deliveryId: string;
  pullNumbers: number[];
}

const LABEL: Record<string, string> = {
  rerun_failed: "Re-run failed jobs (button)",
  override: "Override… (button)",
};

export async function runButton(deps: CommandsDeps, job: ButtonJob): Promise<Outcome | undefined> {
  const command = BUTTON_COMMAND[job.identifier];
  if (!command) {
    deps.log.info({ identifier: job.identifier }, "unknown check run action; ignored");
    return undefined;
  }
  if (job.senderType === "Bot") return undefined;
  const octokit = await deps.octokitFor(job.installationId);
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const text = LABEL[job.identifier] ?? job.identifier;
  const number = job.pullNumbers[0] ?? null;
  const entry = {
    repo: `${job.owner}/${job.repo}`,
    source: `button:${job.deliveryId}`,
    line: 0,
    number,
    actor: job.sender,
    command: text,
  };
  const role = await deps.roleOf(octokit, repo, job.sender);
  const needed = REQUIRED_ROLE[command];
  let outcome: Outcome;
  if (!atLeast(role, needed)) {
    const reason = `needs ${describeNeeded(needed)} permission; @${job.sender} has ${role ?? "no readable permission"}`;
    if (!(await deps.commandLog.refused(entry, reason, deps.now()))) return undefined;
    outcome = { line: 0, text, result: "refused", reply: reason, escaped: false };
  } else {
    if (!(await deps.commandLog.start(entry, deps.now()))) return undefined;
    const r =
      command === "rerun"
        ? await rerunSha(octokit, repo, job.sha)
        : {
            ok: true,
            detail: "asked for a reason",
            reply: `To mark the gate of ${job.sha.slice(0, 7)} passed, comment ${codeSpan("/gate override <reason>")} on the pull request: the reason is stored and shown with your name, and a button cannot ask for it.`,
          };
    await deps.commandLog.finish(entry.repo, entry.source, 0, r.ok ? "done" : "failed", r.detail, deps.now());
    outcome = {
      line: 0,
      text,
      result: r.ok ? "done" : "failed",
      ...(r.reply ? { reply: r.reply, escaped: true } : {}),
    };
  }
  deps.log.info({ command: text, actor: job.sender, result: outcome.result }, "check run button handled");
  const reply = composeReply([outcome]);
  if (reply && number !== null) await replyOnIssue(octokit, repo, number, reply);
  return outcome;
}
