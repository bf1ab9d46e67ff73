// Gate failures on PRs and auto-merge decisions, for the features that make them (the judge step,
// the automerge issue) to call. A gate failure is told once per PR head sha.
import type { TollgateConfig } from "../config/schema.js";
import type { StateStore } from "../store/store.js";
import { automergeMessage, gateFailureMessage, type PullView } from "./blocks/pull.js";
import type { NotifyResult, SlackNotifier } from "./notifier.js";

export async function notifyGateFailure(
  deps: { slack: SlackNotifier; state: StateStore },
  config: TollgateConfig,
  pull: PullView,
  summary: string,
  checkUrl: string | null,
): Promise<NotifyResult | { queued: false; reason: "already_told" }> {
  const key = `slack:gate-failure:${pull.repo}#${pull.number}@${pull.sha}`;
  if ((await deps.state.get(key)) !== undefined) return { queued: false, reason: "already_told" };
  const res = await deps.slack.notify({
    config,
    event: "gate_failure",
    op: "post",
    messageKey: null,
    message: gateFailureMessage(pull, summary, checkUrl),
  });
  await deps.state.set(key, true);
  return res;
}

export async function notifyAutomerge(
  slack: SlackNotifier,
  config: TollgateConfig,
  pull: PullView,
  decision: "merged" | "enabled" | "skipped",
  reason: string,
): Promise<NotifyResult> {
  return slack.notify({
    config,
    event: "automerge",
    op: "post",
    messageKey: null,
    message: automergeMessage(pull, decision, reason),
  });
}
