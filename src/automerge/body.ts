// What a Dependabot PR body (or commit message body) says besides the metadata block: the versions of
// each dependency ("Bumps [x](url) from A to B.", "Updates `x` from A to B"), the directories of a
// multi-directory group ("... in the /frontend directory"), and whether it is a security update.

export interface BodyInfo {
  /** name → versions, as the prose states them. */
  versions: Map<string, { from?: string; to: string }>;
  directories: string[];
  security: boolean;
}

const BUMPS = /Bumps (?:\[([^\]\n]+)\]\([^)\n]*\)|([^\s[\]()]+)) from (\S+?) to (\S+?)\.?(?:\s|$)/g;
const UPDATES = /Updates [`\\]*`([^`\n]+?)\\?` from ([^\s]+) to ([^\s]+?)\.?(?:\s|$)/g;
const REQUIREMENT = /Updates the requirements on \[([^\]\n]+)\]\([^)\n]*\) to permit the latest version/g;
const DIRECTORY = /in the (\/\S*) directory/g;
const SECURITY = /automated security fix PRs|Dependabot security update|security vulnerabilit(?:y|ies) in/i;

const clean = (v: string) => v.replace(/^`|`$/g, "").replace(/\.$/, "");

export function parseBody(body: string | null | undefined): BodyInfo {
  const text = (body ?? "").replace(/\r\n?/g, "\n").slice(0, 200_000);
  const versions = new Map<string, { from?: string; to: string }>();
  for (const m of text.matchAll(BUMPS)) {
    const name = m[1] ?? m[2];
    if (name && m[3] && m[4]) versions.set(name, { from: clean(m[3]), to: clean(m[4]) });
  }
  for (const m of text.matchAll(UPDATES)) {
    if (m[1] && m[2] && m[3] && !versions.has(m[1]))
      versions.set(m[1], { from: clean(m[2]), to: clean(m[3]) });
  }
  for (const m of text.matchAll(REQUIREMENT)) {
    if (m[1] && !versions.has(m[1])) versions.set(m[1], { to: "latest" });
  }
  const directories = [...new Set([...text.matchAll(DIRECTORY)].flatMap((m) => (m[1] ? [m[1]] : [])))];
  return { versions, directories, security: SECURITY.test(text) };
}
