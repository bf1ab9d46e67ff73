// Safe reading of an artifact zip: every entry becomes a ReportFile streamed on demand from the zip
// (nothing is extracted to disk), or a skipped entry with the reason a user is shown. Bounds: entry
// count, per-entry ratio and size, total uncompressed bytes (counted while streaming, so lying headers
// do not help), no traversal, absolute or symlink entries.
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import type { ReportFile } from "../reports/parser.js";
import { formatBytes } from "../reports/read.js";
import { checkEntryName } from "./entry-name.js";
import { type ArtifactLimits, RATIO_EXEMPT_BYTES } from "./limits.js";

export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface OpenedZip {
  files: ReportFile[];
  skipped: SkippedEntry[];
  close(): void;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      // decodeStrings: false — yauzl would reject the whole zip for one bad name; we judge names per entry.
      { lazyEntries: true, autoClose: false, decodeStrings: false },
      (err, zip) => (err || !zip ? reject(err ?? new Error("zip did not open")) : resolve(zip)),
    );
  });
}

function readEntries(zip: ZipFile, maxEntries: number): Promise<{ entries: Entry[]; tooMany: boolean }> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    let tooMany = false;
    zip.on("entry", (e: Entry) => {
      if (entries.length >= maxEntries) {
        tooMany = true;
        resolve({ entries, tooMany });
        return;
      }
      entries.push(e);
      zip.readEntry();
    });
    zip.on("end", () => resolve({ entries, tooMany }));
    zip.on("error", reject);
    zip.readEntry();
  });
}

function openEntryStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) =>
      err || !stream ? reject(err ?? new Error("no stream")) : resolve(stream),
    );
  });
}

/**
 * Opens a zip file on disk. A zip that cannot be read at all (not a zip, truncated central directory)
 * resolves to `{ ok: false, reason }`.
 */
export async function openArtifactZip(
  zipPath: string,
  prefix: string,
  limits: ArtifactLimits,
): Promise<{ ok: true; zip: OpenedZip } | { ok: false; reason: string }> {
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (err) {
    return { ok: false, reason: `not a readable zip archive: ${(err as Error).message}` };
  }
  let listed: { entries: Entry[]; tooMany: boolean };
  try {
    listed = await readEntries(zip, limits.maxEntries);
  } catch (err) {
    zip.close();
    return { ok: false, reason: `zip archive is damaged: ${(err as Error).message}` };
  }
  const files: ReportFile[] = [];
  const skipped: SkippedEntry[] = [];
  if (listed.tooMany) {
    skipped.push({
      path: `${prefix}…`,
      reason: `more than ${limits.maxEntries} entries in the artifact; the rest were not read`,
    });
  }
  // Shared budget of uncompressed bytes actually read from this artifact.
  const budget = { left: limits.maxUncompressedBytes };
  for (const entry of listed.entries) {
    const rawName = entryName(entry);
    if (rawName.endsWith("/")) continue; // directory
    const named = checkEntryName(rawName);
    const shown = `${prefix}${named.ok ? named.path : rawName}`;
    if (!named.ok) {
      skipped.push({ path: shown, reason: named.reason });
      continue;
    }
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK) {
      skipped.push({ path: shown, reason: "symbolic link entries are not followed" });
      continue;
    }
    if (entry.uncompressedSize > limits.maxFileBytes) {
      skipped.push({
        path: shown,
        reason: `file is ${formatBytes(entry.uncompressedSize)}, over the ${formatBytes(limits.maxFileBytes)} limit for one report`,
      });
      continue;
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > RATIO_EXEMPT_BYTES && ratio > limits.maxCompressionRatio) {
      skipped.push({
        path: shown,
        reason: `compression ratio ${Math.round(ratio)}:1 is over the ${limits.maxCompressionRatio}:1 limit (possible zip bomb)`,
      });
      continue;
    }
    files.push({
      path: shown,
      size: entry.uncompressedSize,
      open: () => streamEntry(zip, entry, budget, limits),
    });
  }
  return { ok: true, zip: { files, skipped, close: () => zip.close() } };
}

async function* streamEntry(
  zip: ZipFile,
  entry: Entry,
  budget: { left: number },
  limits: ArtifactLimits,
): AsyncGenerator<Uint8Array> {
  let stream: Readable | undefined;
  try {
    // Inside the try (found by the fuzz): a damaged local header fails here, and must skip this file
    // like any other damage, not fail the whole collect job.
    stream = await openEntryStream(zip, entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.left -= chunk.byteLength;
      if (budget.left < 0) {
        throw new ArtifactBoundError(
          `the artifact unpacks to more than ${formatBytes(limits.maxUncompressedBytes)}; the rest was not read`,
        );
      }
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ArtifactBoundError) throw err;
    // yauzl's checks of the entry (more bytes than declared, bad deflate data, CRC): this file is
    // unreadable, the rest of the artifact is not.
    throw new ArtifactBoundError(
      `the zip entry is damaged or lies about its size: ${(err as Error).message}`,
    );
  } finally {
    stream?.destroy();
  }
}

/** Entry names arrive as bytes (decodeStrings: false); zips from CI tools use UTF-8. */
function entryName(entry: Entry): string {
  const raw: unknown = entry.fileName;
  return Buffer.isBuffer(raw) ? raw.toString("utf8") : String(raw);
}

/** Raised while streaming an entry when a bound is crossed; the parse step turns it into `unreadable`. */
export class ArtifactBoundError extends Error {
  override name = "ArtifactBoundError";
}

/** True when the bytes start like a zip archive (local file header or empty-archive record). */
export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);
}

/** A single unzipped upload served as one file. */
export function singleFile(path: string, size: number, open: () => AsyncIterable<Uint8Array>): ReportFile {
  return { path, size, open };
}
