// Real-shaped deployment payloads. deployment and deployment_status come from
// @octokit/webhooks-examples (MIT; recorded GitHub deliveries). That package has no
// deployment_protection_rule example, so that one is assembled from the recorded deployment,
// repository and installation plus the fields GitHub documents for the event
// (docs.github.com "Webhook events and payloads" → deployment_protection_rule: action "requested",
// environment, event, deployment_callback_url, deployment, pull_requests, repository, installation, sender).
import { exampleEvent } from "./webhooks.js";

type Payload = Record<string, unknown>;

const clone = <T>(value: T): T => structuredClone(value);

/** Recorded examples that carry an installation (the app's deliveries always do). */
function withInstallation(name: string): Payload {
  const group = exampleEvent(name);
  const p = clone(group);
  p.installation ??= { id: 2311213, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMjMxMTIxMw==" };
  return p;
}

export const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

export function deploymentPayload(over: { id?: number; environment?: string; sha?: string } = {}): Payload {
  const p = withInstallation("deployment");
  const d = p.deployment as Payload;
  if (over.id !== undefined) d.id = over.id;
  if (over.environment !== undefined) d.environment = over.environment;
  if (over.sha !== undefined) d.sha = over.sha;
  return p;
}

export function deploymentStatusPayload(
  state: string,
  over: { id?: number; environment?: string; sha?: string; at?: string; logUrl?: string } = {},
): Payload {
  const p = withInstallation("deployment_status");
  const d = p.deployment as Payload;
  const s = p.deployment_status as Payload;
  if (over.id !== undefined) d.id = over.id;
  if (over.environment !== undefined) {
    d.environment = over.environment;
    s.environment = over.environment;
  }
  if (over.sha !== undefined) d.sha = over.sha;
  s.state = state;
  if (over.at) s.created_at = over.at;
  s.log_url = over.logUrl ?? "https://github.com/Codertocat/Hello-World/actions/runs/42";
  return p;
}

export function protectionRulePayload(
  over: { environment?: string; sha?: string; runId?: number } = {},
): Payload {
  const base = withInstallation("deployment");
  const deployment = base.deployment as Payload;
  const environment = over.environment ?? "production";
  deployment.environment = environment;
  if (over.sha !== undefined) deployment.sha = over.sha;
  const repo = base.repository as { full_name: string };
  return {
    action: "requested",
    environment,
    event: "push",
    deployment_callback_url: `https://api.github.com/repos/${repo.full_name}/actions/runs/${over.runId ?? 1234}/deployment_protection_rule`,
    deployment,
    pull_requests: [],
    repository: base.repository,
    installation: base.installation,
    sender: base.sender,
  };
}
