// Loads the shared conformance corpus (../shared/conformance): real report files with the results the
// projects they come from expect. See its README for what each `expected` field means.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const CONFORMANCE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../shared/conformance",
);

export interface ConformanceEntry {
  path: string;
  format: string;
  dialect?: string;
  source: { repo: string; path: string; commit: string; license: string };
  bytes: number;
  expected: Record<string, unknown> | null;
  expected_source?: string;
  file_declared?: Record<string, unknown> | null;
  file_facts?: Record<string, unknown> | null;
  companions?: { path: string; role: string }[];
  derived?: { path: string; role: string }[];
  tags?: string[];
  notes?: string | null;
}

// manifest.json is JSON except for bare `NaN` values (copied verbatim from a MATLAB Cobertura file's
// `file_declared`); they are read back as NaN.
const NAN_TOKEN = "\u0000NaN";

export function loadManifest(): ConformanceEntry[] {
  const text = readFileSync(join(CONFORMANCE_DIR, "manifest.json"), "utf8").replace(
    /(:\s*)NaN(?=\s*[,}\]])/g,
    `$1"${JSON.stringify(NAN_TOKEN).slice(1, -1)}"`,
  );
  return JSON.parse(text, (_key, value: unknown) =>
    value === NAN_TOKEN ? Number.NaN : value,
  ) as ConformanceEntry[];
}

export function entriesOf(...formats: string[]): ConformanceEntry[] {
  return loadManifest().filter((e) => formats.includes(e.format));
}

export function fixturePath(entry: ConformanceEntry | string): string {
  return join(CONFORMANCE_DIR, typeof entry === "string" ? entry : entry.path);
}
