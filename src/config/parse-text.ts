// A config given as YAML text (the CLI's `--config file.yml`): syntax errors with line and column.
import YAML from "yaml";
import { yamlErrorToConfigError } from "./errors.js";
import { type ConfigResult, validateConfig } from "./validate.js";

export function parseConfigText(text: string, file?: string): ConfigResult {
  const document = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return { ok: false, errors: document.errors.map((error) => yamlErrorToConfigError(error, file)) };
  }
  const raw: unknown = document.toJS({ maxAliasCount: 100 });
  return validateConfig([file === undefined ? { config: raw ?? {} } : { file, config: raw ?? {} }]);
}
