// The Octokit type the adapters take: Probot's, with retry and throttling composed in by Probot.
import type { ProbotOctokit } from "probot";

export type Octokit = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

export function fullName(r: RepoRef): string {
  return `${r.owner}/${r.repo}`;
}
