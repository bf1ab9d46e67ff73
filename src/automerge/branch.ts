// Dependabot's branch names: dependabot/<ecosystem>/<directory…>/<name>-<version>, e.g.
//   dependabot/npm_and_yarn/web/app/webpack-5.111.1
//   dependabot/github_actions/actions/checkout-4
//   dependabot/npm_and_yarn/npm_and_yarn-99e8bff974          (a group: the group name and a hash)
// The ecosystem is the only part that is unambiguous: names and directories both contain slashes.

export interface BranchInfo {
  ecosystem: string;
  /** Everything after the ecosystem (directory, name and version run together). */
  rest: string;
}

/** Ecosystem directory names Dependabot uses in branch names. */
export const KNOWN_ECOSYSTEMS = new Set([
  "bundler",
  "bun",
  "cargo",
  "composer",
  "devcontainers",
  "docker",
  "docker_compose",
  "dotnet_sdk",
  "elm",
  "github_actions",
  "gitsubmodule",
  "go_modules",
  "gradle",
  "helm",
  "hex",
  "maven",
  "npm_and_yarn",
  "nuget",
  "pip",
  "pub",
  "swift",
  "terraform",
  "uv",
]);

export function parseBranch(ref: string | null | undefined): BranchInfo | undefined {
  if (!ref) return undefined;
  const parts = ref.replace(/^refs\/heads\//, "").split("/");
  // Dependabot's separator is configurable (pull-request-branch-name.separator): "/" default, "-" or "_".
  if (parts[0] !== "dependabot" || parts.length < 3) return undefined;
  const ecosystem = parts[1];
  if (!ecosystem) return undefined;
  return { ecosystem, rest: parts.slice(2).join("/") };
}
