// Turns the paths written inside reports (absolute CI workspace paths, file:// URIs, Windows paths,
// "./src/x.ts") into repository-relative paths with forward slashes, so that coverage of one commit
// from several jobs lines up and annotations land on the right file. Never returns an absolute path.
import type { Report } from "./model.js";

export interface PathHints {
  /** The repository, "owner/name" or "name": its name marks where the checkout starts in an absolute path. */
  repo?: string;
  /** Absolute directories known to be the checkout root (the CLI passes its working directory). */
  roots?: string[];
}

/**
 * CI workspace prefixes, tried in order on the slash-normalised path. Each match ends at the checkout root.
 * GitHub runners check out into `<work dir>/<repo>/<repo>`, so a repeated segment marks the root.
 */
const WORKSPACE_PREFIXES: readonly RegExp[] = [
  // GitHub-hosted Linux/macOS: /home/runner/work/r/r/, /Users/runner/work/r/r/; self-hosted: …/_work/r/r/
  /^\/(?:[^/]+\/)*?_?work\/([^/]+)\/\1\//,
  // container jobs: /__w/r/r/
  /^\/__w\/([^/]+)\/\1\//,
  // GitHub-hosted Windows: D:\a\r\r\ (any drive)
  /^[A-Za-z]:\/a\/([^/]+)\/\1\//,
  // Docker container actions
  /^\/github\/workspace\//,
];

/** GitLab: /builds/<group>/<project>/; nested groups (/builds/group/sub/project/) need the repo hint. */
const GITLAB_BUILDS = /^\/builds\/[^/]+\/[^/]+\//;

function repoName(repo: string | undefined): string | undefined {
  if (repo === undefined) return undefined;
  const name = repo
    .split("/")
    .filter((s) => s !== "")
    .pop();
  return name === undefined || name === "." || name === ".." ? undefined : name;
}

function decodeFileUri(raw: string): string {
  // file:///home/x, file://localhost/home/x, file:/home/x, file:///C:/x
  let rest = raw.replace(/^file:(?:\/\/(?:localhost)?)?/i, "");
  if (/^\/[A-Za-z]:\//.test(rest)) rest = rest.slice(1);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

function normaliseRoot(root: string): string {
  const slashed = root.replace(/\\/g, "/").replace(/\/+$/, "");
  return `${slashed}/`;
}

/** Strips the checkout root from an absolute, slash-normalised path; returns it unchanged when none is found. */
function stripWorkspace(path: string, hints: PathHints | undefined): string {
  for (const root of hints?.roots ?? []) {
    const prefix = normaliseRoot(root);
    if (prefix.length > 1 && path.startsWith(prefix)) return path.slice(prefix.length);
  }
  const name = repoName(hints?.repo);
  if (name !== undefined) {
    const twice = `/${name}/${name}/`;
    const at = path.lastIndexOf(twice);
    if (at >= 0) return path.slice(at + twice.length);
  }
  for (const pattern of WORKSPACE_PREFIXES) {
    const match = pattern.exec(path);
    if (match) return path.slice(match[0].length);
  }
  const gitlab = GITLAB_BUILDS.exec(path);
  if (gitlab) {
    const at = name === undefined ? -1 : path.indexOf(`/${name}/`, "/builds/".length - 1);
    return at >= 0 && name !== undefined ? path.slice(at + name.length + 2) : path.slice(gitlab[0].length);
  }
  if (name !== undefined) {
    const once = `/${name}/`;
    const at = path.indexOf(once);
    if (at >= 0) return path.slice(at + once.length);
  }
  return path;
}

/** Removes "." segments and resolves ".." without ever climbing above the root (excess ".." are dropped). */
function collapse(path: string): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out.join("/");
}

/**
 * Repository-relative, forward-slash form of a path found in a report. Absolute paths lose their CI
 * workspace prefix when one is recognised, otherwise just their root ("/", "C:/"), so the result is never
 * absolute. Returns "" for paths that have nothing left (e.g. "/" or "./").
 */
export function normalizeReportPath(raw: string, hints?: PathHints): string {
  let path = raw.trim();
  if (/^file:/i.test(path)) path = decodeFileUri(path);
  path = path.replace(/\\/g, "/");
  // UNC paths (//server/share/...) and the Windows long-path prefix (//?/C:/...)
  path = path.replace(/^\/\/\?\//, "");
  const isAbsolute = path.startsWith("/") || /^[A-Za-z]:\//.test(path);
  if (isAbsolute) path = stripWorkspace(path.replace(/\/{2,}/g, "/"), hints);
  path = path.replace(/^[A-Za-z]:/, "");
  return collapse(path);
}

/** normalizeReportPath with a cache: a report names the same few files over and over (200,000 test cases). */
function memoised(hints: PathHints | undefined): (path: string) => string {
  const seen = new Map<string, string>();
  return (path) => {
    let normalised = seen.get(path);
    if (normalised === undefined) {
      normalised = normalizeReportPath(path, hints);
      seen.set(path, normalised);
    }
    return normalised;
  };
}

function withFile<T extends { file?: string }>(item: T, normalise: (path: string) => string): T {
  if (item.file === undefined) return item;
  const file = normalise(item.file);
  if (file === item.file) return item;
  const copy = { ...item };
  if (file === "") delete copy.file;
  else copy.file = file;
  return copy;
}

function withPath<T, K extends keyof T>(item: T, key: K, normalise: (path: string) => string): T {
  const path = item[key];
  if (typeof path !== "string") return item;
  const normalised = normalise(path);
  return normalised === path ? item : { ...item, [key]: normalised };
}

/**
 * A copy of the report with every file path in it normalised: test case files, coverage file paths, finding
 * files and complexity block files. The input is not changed; items whose path is already normal are shared.
 * A file path with nothing left (e.g. "/") is dropped where it is optional.
 */
export function normalizeReportPaths<R extends Report>(report: R, hints?: PathHints): R {
  const normalise = memoised(hints);
  switch (report.kind) {
    case "tests":
      return { ...report, cases: report.cases.map((c) => withFile(c, normalise)) };
    case "coverage":
      return { ...report, files: report.files.map((f) => withPath(f, "path", normalise)) };
    case "security":
      return { ...report, findings: report.findings.map((f) => withFile(f, normalise)) };
    case "complexity":
      return { ...report, blocks: report.blocks.map((b) => withPath(b, "file", normalise)) };
    default:
      return report;
  }
}
