// The update type of one dependency when Dependabot's metadata does not state it, computed from the
// versions. Honest about what is not semver: Docker tags with variants ("3.11-slim"), commit SHAs
// (GitHub Actions pinned by SHA, git submodules), "latest" — those count as major.
import semver from "semver";
import type { UpdateType } from "./types.js";

export type Computed =
  | { updateType: UpdateType; source: "semver" }
  | { updateType: "major"; source: "not-semver"; reason: string };

const NUMERIC = /^v?(\d+(?:\.\d+)*)$/;
const SHA = /^[0-9a-f]{7,40}$/i;

function byComponents(from: string, to: string): UpdateType | undefined {
  const a = NUMERIC.exec(from)?.[1]?.split(".").map(Number);
  const b = NUMERIC.exec(to)?.[1]?.split(".").map(Number);
  if (!a || !b) return undefined;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return i === 0 ? "major" : i === 1 ? "minor" : "patch";
  }
  return "patch";
}

function bySemver(from: string, to: string): UpdateType | undefined {
  const a = semver.parse(from.replace(/^v/, ""));
  const b = semver.parse(to.replace(/^v/, ""));
  if (!a || !b) return undefined;
  switch (semver.diff(a, b)) {
    case "major":
    case "premajor":
      return "major";
    case "minor":
    case "preminor":
      return "minor";
    case "patch":
    case "prepatch":
      return "patch";
    case null:
      return "patch";
    default:
      // "prerelease": between two pre-releases of one version anything may change.
      return "major";
  }
}

/**
 * `ecosystem` is Dependabot's branch name for it ("docker", "github_actions", …): Docker tags with a
 * variant suffix are never read as semver pre-releases.
 */
export function computeUpdateType(
  from: string | undefined,
  to: string | undefined,
  ecosystem?: string,
): Computed {
  if (!from || !to)
    return { updateType: "major", source: "not-semver", reason: "the versions are not known" };
  if (SHA.test(from) && SHA.test(to) && !NUMERIC.test(from))
    return {
      updateType: "major",
      source: "not-semver",
      reason: `${from} → ${to} are commit SHAs, not versions`,
    };
  const numeric = byComponents(from, to);
  if (numeric) return { updateType: numeric, source: "semver" };
  if (ecosystem !== "docker") {
    const sv = bySemver(from, to);
    if (sv) return { updateType: sv, source: "semver" };
  }
  return {
    updateType: "major",
    source: "not-semver",
    reason: `${from} → ${to} is not a semver version change`,
  };
}
