// Fingerprints that stay the same when code moves: never the line number, only what the finding *is*.
import { createHash } from "node:crypto";

/** Lower-case, whitespace collapsed, digit runs replaced by "#" (so "line 12" and "line 14" agree). */
export function normaliseForFingerprint(text: string): string {
  return text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

/** Hex SHA-256 (first 32 characters) of the parts, each length-prefixed so ("ab","c") ≠ ("a","bc"). */
export function hashParts(parts: readonly string[]): string {
  const h = createHash("sha256");
  h.update("tollgate-finding/1");
  for (const p of parts) h.update(`\u0000${p.length}:${p}`);
  return h.digest("hex").slice(0, 32);
}
