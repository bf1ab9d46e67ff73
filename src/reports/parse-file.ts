// One file in, normalised reports out: bounds, detection, the format module, path normalisation.
// Whatever goes wrong with one file becomes an `unreadable` report naming why; it never stops a job.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { detectFormat, isBinaryHead, isNeverReportPath, looksLikeReportPath } from "./detect.js";
import { diskFile } from "./file.js";
import type { Report } from "./model.js";
import { unreadable } from "./model.js";
import type { FormatParser, ParseContext, ParseLimits, ReportFile } from "./parser.js";
import { DEFAULT_PARSE_LIMITS, HEAD_CHARS } from "./parser.js";
import type { PathHints } from "./paths.js";
import { normalizeReportPaths } from "./paths.js";
import { formatBytes } from "./read.js";
import { ALL_PARSERS } from "./registry.js";
import { walkFiles } from "./walk.js";

export interface ParseFileOptions {
  limits?: Partial<ParseLimits>;
  /** Where the repository's checkout starts in absolute paths found inside reports. */
  hints?: PathHints;
  /** Format modules to try, in order; all registered ones by default. */
  parsers?: readonly FormatParser[];
  /** Called when a format module throws (a bug worth logging); the file still yields an unreadable report. */
  onInternalError?: (error: unknown, format: string, path: string) => void;
}

/** The first bytes of a file, decoded: enough for detection. */
async function readHead(file: ReportFile): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of file.open()) {
    chunks.push(chunk);
    length += chunk.byteLength;
    if (length >= HEAD_CHARS) break;
  }
  const head = new Uint8Array(Math.min(length, HEAD_CHARS));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, head.byteLength - at);
    head.set(part, at);
    at += part.byteLength;
    if (at >= head.byteLength) break;
  }
  return head;
}

type Utf16 = "utf-16le" | "utf-16be";

function utf16Encoding(head: Uint8Array): Utf16 | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return undefined;
}

/** Presents a UTF-16 file (Visual Studio writes TRX that way) as the UTF-8 the format modules read. */
function asUtf8(file: ReportFile, encoding: Utf16): ReportFile {
  return {
    path: file.path,
    size: file.size,
    async *open() {
      const decoder = new TextDecoder(encoding);
      const encoder = new TextEncoder();
      for await (const chunk of file.open()) {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== "") yield encoder.encode(text);
      }
      const tail = decoder.decode();
      if (tail !== "") yield encoder.encode(tail);
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses one file into normalised reports. Returns [] for files that are not reports (see detect.ts), an
 * `unreadable` report for files that look like reports but cannot be read, and the parsed reports, with
 * their paths made repository-relative, otherwise. Rejects only when the file's bytes cannot be read at all
 * (I/O, which the caller may retry).
 */
export async function parseReportFile(input: ReportFile, options: ParseFileOptions = {}): Promise<Report[]> {
  const ctx: ParseContext = { limits: { ...DEFAULT_PARSE_LIMITS, ...options.limits } };
  const source = input.path;
  if (isNeverReportPath(source)) return [];

  const headBytes = await readHead(input);
  const encoding = utf16Encoding(headBytes);
  const file = encoding === undefined ? input : asUtf8(input, encoding);
  const head = new TextDecoder(encoding ?? "utf-8").decode(headBytes, { stream: true });

  const parser = detectFormat(head, source, options.parsers ?? ALL_PARSERS);
  if (parser === undefined) {
    if (!looksLikeReportPath(source)) return [];
    if (head.trim() === "") return [unreadable(source, "file is empty")];
    if (isBinaryHead(head))
      return [unreadable(source, "unrecognised format: binary content (NUL bytes), not a text report")];
    return [unreadable(source, "unrecognised format: no supported report format matches this file")];
  }

  const max = ctx.limits.maxReportBytes;
  if (input.size > max) {
    const reason = `file is ${formatBytes(input.size)}, over the ${formatBytes(max)} limit for one report`;
    return [unreadable(source, reason, parser.format)];
  }

  let reports: Report[];
  try {
    reports = await parser.parse(file, ctx);
    if (!Array.isArray(reports)) throw new TypeError("parse() did not return an array");
  } catch (error) {
    options.onInternalError?.(error, parser.format, source);
    return [
      unreadable(source, `internal error in ${parser.format} parser: ${errorMessage(error)}`, parser.format),
    ];
  }
  return reports.map((report) => normalizeReportPaths(report, options.hints));
}

export interface ParsePathsOptions extends ParseFileOptions {
  /** At most this many files are read under one directory (DESIGN.md bounds: 10,000 entries). */
  maxFiles?: number;
  /** Relative inputs are resolved against this directory; default: the process's. */
  cwd?: string;
}

export interface ParsePathsResult {
  reports: Report[];
  /** Inputs that do not exist: a usage error the caller reports (the CLI exits 2). When any, nothing was read. */
  missing: string[];
}

function displayPath(path: string): string {
  const slashed = path.split("\\").join("/");
  return slashed.startsWith("./") ? slashed.slice(2) : slashed;
}

async function parseDiskFile(fsPath: string, source: string, options: ParseFileOptions): Promise<Report[]> {
  try {
    return await parseReportFile(await diskFile(fsPath, source), options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [unreadable(source, `could not read the file: ${code ?? errorMessage(error)}`)];
  }
}

/**
 * Parses files and directories (recursively; node_modules and .git skipped) from the local disk. A file's
 * `source` is the path as given; under a directory it is the path relative to that directory.
 */
export async function parseReportPaths(
  paths: string[],
  options: ParsePathsOptions = {},
): Promise<ParsePathsResult> {
  const maxFiles = options.maxFiles ?? 10_000;
  const inputs = await Promise.all(
    paths.map(async (path) => {
      const fsPath = resolve(options.cwd ?? ".", path);
      return { path, fsPath, info: await stat(fsPath).catch(() => undefined) };
    }),
  );
  // A missing input is a usage error: say so before reading anything.
  const missing = inputs.filter((i) => i.info === undefined).map((i) => i.path);
  if (missing.length > 0) return { reports: [], missing };

  const reports: Report[] = [];
  for (const { path, fsPath, info } of inputs) {
    if (info?.isDirectory()) {
      const walked = await walkFiles(fsPath, maxFiles);
      for (const file of walked.files) {
        const fileInfo = await stat(file.fsPath).catch(() => undefined);
        if (fileInfo?.isFile()) reports.push(...(await parseDiskFile(file.fsPath, file.relPath, options)));
      }
      if (walked.truncated) {
        const reason = `more than ${maxFiles} files in this directory; only the first ${maxFiles} were read`;
        reports.push(unreadable(displayPath(path), reason));
      }
    } else {
      reports.push(...(await parseDiskFile(fsPath, displayPath(path), options)));
    }
  }
  return { reports, missing };
}
