// A config given as YAML text (the CLI's `--config file.yml`): syntax errors with line and column.
import YAML from "yaml";
import { type ConfigError, yamlErrorToConfigError } from "./errors.js";
import { type ConfigResult, validateConfig } from "./validate.js";

/** Aliases expanded at most this often (a "billion laughs" file is refused, not expanded). */
const MAX_ALIAS_COUNT = 100;

export function parseConfigText(text: string, file?: string): ConfigResult {
  const document = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return { ok: false, errors: document.errors.map((error) => yamlErrorToConfigError(error, file)) };
  }
  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problem: ConfigError = { path: "", message: `YAML could not be expanded: ${reason}` };
    if (file !== undefined) problem.file = file;
    return { ok: false, errors: [problem] };
  }
  return validateConfig([file === undefined ? { config: raw ?? {} } : { file, config: raw ?? {} }]);
}
