export { type ConfigError, renderConfigErrors } from "./errors.js";
export { type LoadResult, loadRepoConfig } from "./load.js";
export { parseConfigText } from "./parse-text.js";
export { CONFIG_PATH, DEFAULT_CONFIG, type TollgateConfig, tollgateConfigSchema } from "./schema.js";
export { type ConfigResult, validateConfig } from "./validate.js";
