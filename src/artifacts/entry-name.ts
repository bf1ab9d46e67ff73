// Decides whether a zip entry name is safe to treat as a relative path inside the artifact.
// Names are never used to write to disk, but they are shown to users and used as report paths, so
// anything that could escape the artifact (or confuse a reader) is refused with a reason.

export type EntryNameCheck = { ok: true; path: string } | { ok: false; reason: string };

export function checkEntryName(raw: string): EntryNameCheck {
  if (raw.includes("\0")) return { ok: false, reason: "entry name contains a NUL byte" };
  const name = raw.replace(/\\/g, "/");
  if (name.startsWith("/")) return { ok: false, reason: "absolute path in zip entry" };
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  // Also after dropping "./" (found by the fuzz: "./C:" came out as "C:").
  if (/^[A-Za-z]:/.test(name) || /^[A-Za-z]:/.test(parts[0] ?? ""))
    return { ok: false, reason: "drive-letter path in zip entry" };
  if (parts.some((p) => p === "..")) return { ok: false, reason: "path traversal ('..') in zip entry" };
  if (parts.length === 0) return { ok: false, reason: "empty entry name" };
  return { ok: true, path: parts.join("/") };
}
