// Raw parsed YAML (one or several files) → a validated TollgateConfig or errors as values.
import { type ConfigError, type ConfigInvalid, issuesToErrors } from "./errors.js";
import { type TollgateConfig, tollgateConfigSchema } from "./schema.js";
import { isSection } from "./schema-walk.js";

export type ConfigResult = { ok: true; config: TollgateConfig } | ConfigInvalid;

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Removes sections left empty (`gates:` with every key commented out parses as null) so they take their
 * defaults instead of failing; a nullable value such as `schedule: null` is kept. Returns a copy.
 */
export function dropEmptySections(value: unknown, path: readonly string[] = []): unknown {
  if (!isPlain(value)) return value;
  const out: Plain = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    if (child === null && isSection(childPath)) continue;
    out[key] = dropEmptySections(child, childPath);
  }
  return out;
}

/** Maps merge key by key; lists and scalars of `override` replace those of `base`. Never mutates. */
export function mergeConfig(base: unknown, override: unknown): unknown {
  if (!isPlain(base) || !isPlain(override)) return override === undefined ? base : override;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeConfig(base[key], value);
  return out;
}

export interface SourcedConfig {
  /** Shown in errors, e.g. `acme/api:.github/tollgate.yml`. */
  file?: string;
  config: unknown;
}

function has(value: unknown, path: readonly PropertyKey[]): boolean {
  let current: unknown = value;
  for (const part of path) {
    if (typeof part === "number" && Array.isArray(current)) current = current[part];
    else if (typeof part === "string" && isPlain(current) && Object.hasOwn(current, part))
      current = current[part];
    else return false;
  }
  return true;
}

/**
 * Validates configs given from lowest to highest precedence (org defaults first, the repository's own
 * file last). Each error names the highest-precedence file that sets the offending key, when one does.
 */
export function validateConfig(sources: readonly SourcedConfig[]): ConfigResult {
  const cleaned = sources.map((source) => ({ ...source, config: dropEmptySections(source.config) }));
  for (const source of cleaned) {
    if (source.config !== undefined && source.config !== null && !isPlain(source.config)) {
      const error: ConfigError = {
        path: "",
        message: "the file must be a map of settings (key: value) at the top level",
      };
      if (source.file !== undefined) error.file = source.file;
      return { ok: false, errors: [error] };
    }
  }
  const merged = cleaned.reduce<unknown>((acc, source) => mergeConfig(acc, source.config ?? {}), {});
  const parsed = tollgateConfigSchema.safeParse(merged);
  if (parsed.success) {
    const { _extends: _ignored, ...config } = parsed.data;
    return { ok: true, config };
  }
  const locate = (path: readonly PropertyKey[]) =>
    [...cleaned].reverse().find((source) => source.file !== undefined && has(source.config, path))?.file;
  return { ok: false, errors: issuesToErrors(parsed.error.issues, locate) };
}
