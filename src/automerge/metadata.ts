// Dependabot's machine-readable block at the end of its commit messages:
//   ---
//   updated-dependencies:
//   - dependency-name: zod
//     dependency-version: 4.5.2
//     dependency-type: direct:production
//     update-type: version-update:semver-minor
//     dependency-group: minor-and-patch
//   ...
// Parsed with the YAML failsafe schema (every scalar stays a string: "1.10" is not the number 1.1) and no
// aliases, then validated field by field. Errors are values: the caller fails closed on them.
import { parse } from "yaml";
import type { DependencyType, DependencyUpdate, UpdateType } from "./types.js";

export type MetadataResult =
  | { found: false }
  | { found: true; ok: true; dependencies: DependencyUpdate[] }
  | { found: true; ok: false; reason: string };

const DEPENDENCY_TYPES: readonly string[] = ["direct:production", "direct:development", "indirect"];
const UPDATE_TYPES: Record<string, UpdateType> = {
  "version-update:semver-major": "major",
  "version-update:semver-minor": "minor",
  "version-update:semver-patch": "patch",
};
/** Bounds: a block longer than this is not Dependabot's (its largest groups list a few hundred entries). */
const MAX_BLOCK_CHARS = 200_000;

/** The text between the `updated-dependencies:` line and the YAML end marker `...`, or undefined. */
export function metadataBlock(message: string): string | undefined {
  const lines = message.replace(/\r\n?/g, "\n").split("\n");
  const start = lines.findIndex(
    (line, i) => line.trim() === "updated-dependencies:" && lines[i - 1]?.trim() === "---",
  );
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && line.trim() === "...");
  const body = lines.slice(start, end < 0 ? undefined : end);
  return body.join("\n");
}

function text(entry: Record<string, unknown>, key: string): string | undefined {
  const value = entry[key];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function toDependency(entry: unknown, index: number): DependencyUpdate | string {
  if (!entry || typeof entry !== "object" || Array.isArray(entry))
    return `entry ${index + 1} of updated-dependencies is not a map`;
  const record = entry as Record<string, unknown>;
  const name = text(record, "dependency-name");
  if (!name) return `entry ${index + 1} of updated-dependencies has no dependency-name`;
  const dep: DependencyUpdate = { name };
  const version = text(record, "dependency-version");
  if (version) dep.to = version;
  const type = text(record, "dependency-type");
  if (type && DEPENDENCY_TYPES.includes(type)) dep.dependencyType = type as DependencyType;
  const update = text(record, "update-type");
  const mapped = update ? UPDATE_TYPES[update] : undefined;
  if (mapped) {
    dep.updateType = mapped;
    dep.updateTypeSource = "metadata";
  }
  const group = text(record, "dependency-group");
  if (group) dep.group = group;
  return dep;
}

/** Reads the metadata block of one commit message. */
export function parseCommitMetadata(message: string): MetadataResult {
  const block = metadataBlock(message);
  if (block === undefined) return { found: false };
  if (block.length > MAX_BLOCK_CHARS)
    return { found: true, ok: false, reason: "the updated-dependencies block is implausibly long" };
  let doc: unknown;
  try {
    doc = parse(block, { schema: "failsafe", maxAliasCount: 0, uniqueKeys: true });
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { found: true, ok: false, reason: `the updated-dependencies block is not valid YAML (${why})` };
  }
  const list =
    doc && typeof doc === "object" ? (doc as Record<string, unknown>)["updated-dependencies"] : undefined;
  if (!Array.isArray(list) || list.length === 0)
    return { found: true, ok: false, reason: "the updated-dependencies block lists no dependency" };
  const dependencies: DependencyUpdate[] = [];
  for (const [i, entry] of list.entries()) {
    const dep = toDependency(entry, i);
    if (typeof dep === "string") return { found: true, ok: false, reason: dep };
    dependencies.push(dep);
  }
  return { found: true, ok: true, dependencies };
}
