// Loads `.github/tollgate.yml` through Probot's config loader (@probot/octokit-plugin-config, part of
// ProbotOctokit): the repository's file, else the organisation's `.github` repository's file, following
// `_extends`. Problems with the files are values; HTTP failures other than 404 are thrown so the queue
// retries the job.
import { type ConfigError, yamlErrorToConfigError } from "./errors.js";
import { CONFIG_PATH, type TollgateConfig } from "./schema.js";
import { type SourcedConfig, validateConfig } from "./validate.js";

/** What the loader reports for each file it looked at (`config` is null when the file is absent). */
export interface PluginConfigFile {
  owner: string;
  repo: string;
  path: string;
  url: string;
  config: Record<string, unknown> | null;
}

/** The narrow part of ProbotOctokit used here (the `config` plugin). */
export interface ConfigReader {
  config: {
    get(options: { owner: string; repo: string; path: string; branch?: string }): Promise<{
      files: PluginConfigFile[];
    }>;
  };
}

export interface LoadedFile {
  owner: string;
  repo: string;
  path: string;
}

export type LoadResult =
  | { ok: true; config: TollgateConfig; files: LoadedFile[] }
  | { ok: false; errors: ConfigError[] };

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config] ";

export function describeFile(file: { owner: string; repo: string; path: string }): string {
  return `${file.owner}/${file.repo}:${file.path}`;
}

/** `https://api.github.com/repos/o/r/contents/.github%2Ftollgate.yml` → `o/r:.github/tollgate.yml`. */
function fileFromUrl(text: string): string | undefined {
  const match = /\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^\s?)]+)/.exec(text);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return describeFile({ owner: match[1], repo: match[2], path: decodeURIComponent(match[3]) });
}

function hasStatus(error: unknown): boolean {
  return typeof error === "object" && error !== null && "status" in error && typeof error.status === "number";
}

/** A problem the plugin found in a config file, as a value; undefined when `error` is not one (rethrow). */
export function pluginErrorToConfigError(error: unknown): ConfigError | undefined {
  if (!(error instanceof Error) || hasStatus(error) || !error.message.startsWith(PLUGIN_PREFIX))
    return undefined;
  const file = fileFromUrl(error.message);
  if (error.message.includes("(invalid YAML)")) return yamlErrorToConfigError(error.cause, file);
  const text = error.message.slice(PLUGIN_PREFIX.length);
  let message = text;
  let path = "";
  if (text.includes("for _extends")) {
    path = "_extends";
    message = `${text.replace(/ for _extends in .*$/, "").replace(/^Invalid value/, "invalid value")}: expected "repo", "owner/repo" or "owner/repo:path.yml"`;
  } else if (text.includes("Recursion detected")) {
    path = "_extends";
    message = "the files extend each other in a loop";
  } else if (text.includes("YAML is not an object")) {
    message = "the file must be a map of settings (key: value) at the top level";
  } else if (text.includes("is either a directory or a submodule")) {
    message = "is a directory or a submodule, not a file";
  }
  return file === undefined ? { path, message } : { path, message, file };
}

export async function loadRepoConfig(
  octokit: ConfigReader,
  target: { owner: string; repo: string; ref?: string },
): Promise<LoadResult> {
  let files: PluginConfigFile[];
  try {
    const options = { owner: target.owner, repo: target.repo, path: CONFIG_PATH };
    const result = await octokit.config.get(
      target.ref === undefined ? options : { ...options, branch: target.ref },
    );
    files = result.files;
  } catch (error) {
    const problem = pluginErrorToConfigError(error);
    if (problem === undefined) throw error;
    return { ok: false, errors: [problem] };
  }
  // The plugin lists the repository's file first and what it extends after; precedence is the reverse.
  const found = files.filter((file) => file.config !== null);
  const sources: SourcedConfig[] = [...found]
    .reverse()
    .map((file) => ({ file: describeFile(file), config: file.config }));
  const result = validateConfig(sources);
  if (!result.ok) return result;
  return {
    ok: true,
    config: result.config,
    files: found.map(({ owner, repo, path }) => ({ owner, repo, path })),
  };
}
