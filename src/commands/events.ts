// The check run's buttons: `check_run.requested_action` on the Tollgate check run → a `command_button`
// job (a locator only; the sender's permission is read in the job, like a commenter's).
import type { Probot } from "probot";
import { CHECK_NAME } from "../github/checks.js";
import type { EnqueueRequest, EnqueueResult } from "../queue/queue.js";

export const BUTTON_JOB = "command_button";
export const COMMAND_JOB = "command";

export function mapCommandEvents(app: Probot, enqueue: (r: EnqueueRequest) => Promise<EnqueueResult>): void {
  app.on("check_run.requested_action", async (context) => {
    const { check_run: run, repository, requested_action: action, sender } = context.payload;
    const installationId = context.payload.installation?.id;
    if (installationId === undefined || run.name !== CHECK_NAME || !action) return;
    await enqueue({
      kind: BUTTON_JOB,
      id: `${BUTTON_JOB}:${context.id}`,
      key: `${repository.full_name}@${run.head_sha}`.toLowerCase(),
      payload: {
        installationId,
        owner: repository.owner.login,
        repo: repository.name,
        sha: run.head_sha,
        identifier: action.identifier ?? "",
        sender: sender.login,
        senderType: sender.type,
        deliveryId: context.id,
        pullNumbers: run.pull_requests.map((p) => p.number),
      },
    });
  });
}
