// Which format module reads a file, and which files are not reports at all.
//
// Artifacts hold much more than reports (screenshots, logs, binaries, archives), so every file falls in
// one of three classes:
//   - claimed: a format module's sniff() recognised its first characters → parsed;
//   - not a report, ignored silently: images, archives, media and binaries by extension
//     (NEVER_REPORT_EXTENSIONS), binary content (a NUL byte in the head) unless the extension announces a
//     report, and any file that no module claims whose extension is not a report extension (`.log`, `.txt`,
//     `.html`, `.golden`, ...);
//   - unrecognised: no module claims it but its extension says it is meant to be a report (REPORT_EXTENSIONS:
//     `.xml`, `.json`, `.sarif`, `.info`, `.lcov`, `.csv`, `.trx`, ...; well-known project files such as
//     package.json or pom.xml excepted) → an `unreadable` report ("file is empty", "binary content",
//     "unrecognised format"), so the user learns that e.g. their `coverage.json` was seen but not understood.
// A report-named file with a stray NUL byte is still offered to the modules: an XML report with one broken
// character gets its parser's precise "not well-formed at line N" rather than "binary".
import type { FormatParser } from "./parser.js";
import { HEAD_CHARS } from "./parser.js";
import { stripBom } from "./read.js";
import { ALL_PARSERS } from "./registry.js";

/** Extensions of files that are never reports, whatever their content. */
const NEVER_REPORT_EXTENSIONS = new Set(
  [
    // images
    "png jpg jpeg gif webp bmp ico svg tif tiff avif",
    // archives and compressed files
    "zip tar gz tgz bz2 xz zst 7z rar jar war nupkg whl",
    // media, documents, fonts, binaries
    "mp4 webm mov avi mp3 wav pdf woff woff2 ttf otf eot exe dll so dylib class pyc o a wasm bin db sqlite",
    // JSON that is never a report: source maps, HTTP archives
    "map har",
  ].flatMap((group) => group.split(" ")),
);

/** Extensions that announce a report: unclaimed files with one of these become "unrecognised format". */
const REPORT_EXTENSIONS = new Set(["xml", "json", "sarif", "info", "lcov", "csv", "trx", "ndjson", "jsonl"]);

/** Well-known project and tool files with a report extension that are never reports (lower case). */
const NON_REPORT_NAMES = new Set([
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "composer.json",
  "tsconfig.json",
  "jsconfig.json",
  ".last-run.json", // Playwright's test-results/ bookkeeping
  "pom.xml",
  "androidmanifest.xml",
]);

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/** True for files that are not reports whatever their content: images, archives, media, binaries. */
export function isNeverReportPath(path: string): boolean {
  return NEVER_REPORT_EXTENSIONS.has(extensionOf(path));
}

/** True when the file's extension says it is meant to be a report (see the header comment). */
export function looksLikeReportPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return REPORT_EXTENSIONS.has(extensionOf(path)) && !NON_REPORT_NAMES.has(base);
}

/** A NUL character in the first characters means binary content (reports are text). */
export function isBinaryHead(head: string): boolean {
  return head.includes("\u0000");
}

/**
 * The format module that claims the file, from its first characters and its path; undefined when it is
 * not a report or no module recognises it. Reads at most HEAD_CHARS characters; a leading BOM is skipped.
 * A module whose sniff() throws (a bug) is treated as not claiming the file.
 */
export function detectFormat(
  head: string,
  path: string,
  parsers: readonly FormatParser[] = ALL_PARSERS,
): FormatParser | undefined {
  const text = stripBom(head.length > HEAD_CHARS ? head.slice(0, HEAD_CHARS) : head);
  if (isNeverReportPath(path)) return undefined;
  if (isBinaryHead(text) && !looksLikeReportPath(path)) return undefined;
  for (const parser of parsers) {
    try {
      if (parser.sniff(text, path)) return parser;
    } catch {
      // sniff() must never throw; a module that does simply does not claim the file.
    }
  }
  return undefined;
}
