// One picture of what a Dependabot PR changes, from everything it says about itself. Commit metadata
// is authoritative for names, dependency types and update types; the title and body add versions and
// directories; a missing update type is computed from the versions. Whatever stays unknown is left
// undefined and named in `problems`, so the policy fails closed on it.
import { parseBody } from "./body.js";
import { parseBranch } from "./branch.js";
import { parseCommitMetadata } from "./metadata.js";
import { parseTitle } from "./title.js";
import { type DependencyUpdate, largestUpdate, type UpdateInfo } from "./types.js";
import { computeUpdateType } from "./update-type.js";

export interface PullText {
  title: string;
  body: string | null;
  headRef: string;
  /** Commit messages, oldest first. */
  commitMessages: readonly string[];
}

export function describeUpdate(pr: PullText): UpdateInfo {
  const problems: string[] = [];
  const title = parseTitle(pr.title);
  const body = parseBody(pr.body);
  const branch = parseBranch(pr.headRef);
  const ecosystem = branch?.ecosystem;

  // The newest commit carrying a block describes the PR (Dependabot rewrites its branch as one commit).
  let dependencies: DependencyUpdate[] | undefined;
  for (const message of [...pr.commitMessages].reverse()) {
    const meta = parseCommitMetadata(message);
    if (!meta.found) continue;
    if (!meta.ok) problems.push(`commit metadata unreadable: ${meta.reason}`);
    else dependencies = meta.dependencies;
    break;
  }
  if (!dependencies) {
    if (!problems.length) problems.push("no commit carries Dependabot's updated-dependencies metadata");
    dependencies = title.names.map((name) => ({ name }));
  }

  const directories = [...new Set([...(title.directory ? [title.directory] : []), ...body.directories])];
  const out = dependencies.map((dep) => {
    const d: DependencyUpdate = { ...dep };
    const prose = body.versions.get(d.name);
    const fromTitle = title.names.length === 1 && title.names[0] === d.name ? title : undefined;
    const from = prose?.from ?? fromTitle?.from;
    if (from) d.from = from;
    if (!d.to) {
      const to = prose?.to ?? fromTitle?.to;
      if (to) d.to = to;
    }
    if (!d.group && title.group) d.group = title.group;
    if (!d.directory && directories.length === 1 && directories[0]) d.directory = directories[0];
    if (!d.updateType) {
      const computed = computeUpdateType(d.from, d.to, ecosystem);
      d.updateType = computed.updateType;
      d.updateTypeSource = computed.source;
      if (computed.source === "not-semver") problems.push(`${d.name}: ${computed.reason}, counted as major`);
    }
    if (!d.dependencyType) problems.push(`${d.name}: dependency type unknown`);
    return d;
  });
  if (out.length === 0) problems.push("the PR names no dependency Tollgate can read");

  const types = out.flatMap((d) => (d.updateType ? [d.updateType] : []));
  const updateType = types.length === out.length ? largestUpdate(types) : undefined;
  const group = title.group ?? out.find((d) => d.group)?.group;
  return {
    dependencies: out,
    ...(ecosystem ? { ecosystem } : {}),
    ...(group ? { group } : {}),
    directories,
    security: title.securityMarker || body.security,
    ...(updateType ? { updateType } : {}),
    problems,
  };
}
