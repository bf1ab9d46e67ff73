// Shared by the security parser tests: detect with the security modules' sniffs and parse, as the app would.
import { readFileSync } from "node:fs";
import { memoryFile } from "../../../src/reports/file.js";
import type { Report, SecurityReport } from "../../../src/reports/model.js";
import {
  DEFAULT_PARSE_LIMITS,
  type FormatParser,
  HEAD_CHARS,
  type ParseContext,
} from "../../../src/reports/parser.js";
import { securityParsers } from "../../../src/reports/security/index.js";

export const ctx: ParseContext = { limits: DEFAULT_PARSE_LIMITS };

export function detect(text: string, path: string): FormatParser | undefined {
  const head = text.replace(/^\uFEFF/, "").slice(0, HEAD_CHARS);
  return securityParsers.find((p) => p.sniff(head, path));
}

/** Detects and parses text as the app would; throws when no security module claims it. */
export async function parseText(text: string, path: string): Promise<Report[]> {
  const parser = detect(text, path);
  if (parser === undefined) throw new Error(`no security parser claims ${path}`);
  return parser.parse(memoryFile(path, text), ctx);
}

export async function parseDisk(fsPath: string, path = fsPath): Promise<Report[]> {
  return parseText(readFileSync(fsPath, "utf8"), path);
}

export function only(reports: Report[]): SecurityReport {
  const [first, ...rest] = reports;
  if (first === undefined || rest.length > 0 || first.kind !== "security") {
    throw new Error(`expected exactly one security report, got ${JSON.stringify(reports).slice(0, 300)}`);
  }
  return first;
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}
