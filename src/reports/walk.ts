// Lists the files under a directory for the CLI and local artifact folders: recursive, sorted (so output
// is deterministic), bounded in count, never following symlinked directories, skipping dependency and VCS
// folders that never hold a project's reports.
import { readdir } from "node:fs/promises";
import { join } from "node:path";

export const SKIPPED_DIRS: ReadonlySet<string> = new Set(["node_modules", ".git", ".hg", ".svn"]);

export interface WalkedFile {
  /** Path to open, as the OS wants it. */
  fsPath: string;
  /** Path relative to the walked root, forward slashes. */
  relPath: string;
}

export interface WalkResult {
  files: WalkedFile[];
  /** True when the directory held more than `maxFiles` files; the rest were not listed. */
  truncated: boolean;
}

/** Files under `root` in path order (depth first, entries sorted by name), at most `maxFiles` of them. */
export async function walkFiles(root: string, maxFiles: number): Promise<WalkResult> {
  const result: WalkResult = { files: [], truncated: false };
  await visit(root, "", maxFiles, result);
  return result;
}

async function visit(dir: string, rel: string, maxFiles: number, result: WalkResult): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (result.truncated) return;
    const path = join(dir, entry.name);
    const relPath = rel === "" ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await visit(path, relPath, maxFiles, result);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      // Symlinks are listed, not followed here: the caller stats them and reads only regular files.
      if (result.files.length >= maxFiles) result.truncated = true;
      else result.files.push({ fsPath: path, relPath });
    }
  }
}
