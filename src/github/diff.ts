// Changed lines of a PR from the unified-diff patches GitHub returns per file (GET /pulls/{n}/files).
// Pure: the lines ADDED or modified on the new side, which is what patch coverage judges.

/** Line numbers (new file) of the added lines in one file's patch. */
export function addedLines(patch: string): number[] {
  const out: number[] = [];
  let line = 0;
  let inHunk = false;
  for (const raw of patch.split("\n")) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (hunk) {
      line = Number(hunk[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (raw.startsWith("+")) {
      out.push(line);
      line++;
    } else if (raw.startsWith("-")) {
      // removed: the new side does not advance
    } else if (raw.startsWith("\\")) {
      // "\ No newline at end of file"
    } else {
      line++;
    }
  }
  return out;
}
