// The contract between the format modules and the rest of the app.
import type { Report, ReportKind } from "./model.js";

/** A file found in an artifact or on disk, readable as many times as needed. */
export interface ReportFile {
  /** Path as found (artifact-relative or as given on the command line), forward slashes. */
  path: string;
  /** Size in bytes (uncompressed). */
  size: number;
  /** Opens a fresh stream of the file's bytes. */
  open(): AsyncIterable<Uint8Array>;
}

export interface ParseLimits {
  /** One report file at most this many bytes (DESIGN.md: 200 MB). */
  maxReportBytes: number;
  /** XML deeper than this is refused (guards the parser's stack and our memory). */
  maxXmlDepth: number;
  /** Longest message/details text kept per test case or finding; longer text is cut with a note. */
  maxTextChars: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxReportBytes: 200 * 1024 * 1024,
  maxXmlDepth: 256,
  maxTextChars: 4_000,
};

export interface ParseContext {
  limits: ParseLimits;
}

export interface FormatParser {
  /** Format name as it appears in the report JSON (`junit`, `cobertura`, `sarif`, ...). */
  readonly format: string;
  readonly kind: ReportKind;
  /**
   * Claims a file from its first characters (UTF-8 decoded, BOM removed, at most HEAD_CHARS) and its path.
   * Decide by content (root element, top-level keys); the path is a tie-breaker only. Cheap; never throws.
   */
  sniff(head: string, path: string): boolean;
  /**
   * Parses the whole file. Problems with the input are returned as `unreadable` reports with a reason a
   * person understands; only bugs throw. A file may hold several reports (a SARIF log with several runs).
   */
  parse(file: ReportFile, ctx: ParseContext): Promise<Report[]>;
}

/** How much of a file detection looks at. */
export const HEAD_CHARS = 64 * 1024;
