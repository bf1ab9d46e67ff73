// Matching report paths with repository paths. Coverage tools write paths relative to where they ran
// or absolute on the runner (`/home/runner/work/app/app/src/a.py`); a repository path matches a
// report path when they are equal or the report path ends with "/" + the repository path.
import picomatch from "picomatch";

export function normalisePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}

export function sameFile(reportPath: string, repoPath: string): boolean {
  const a = normalisePath(reportPath);
  const b = normalisePath(repoPath);
  return a === b || a.endsWith(`/${b}`);
}

/** A glob matcher for repository paths that also accepts report paths with a prefix before them. */
export function globMatcher(glob: string): (path: string) => boolean {
  const matcher = picomatch(glob, { dot: true });
  return (path) => {
    const normal = normalisePath(path);
    if (matcher(normal)) return true;
    // Try every suffix after a "/" so "/runner/work/app/src/billing/a.py" matches "src/billing/**".
    for (let index = normal.indexOf("/"); index !== -1; index = normal.indexOf("/", index + 1)) {
      if (matcher(normal.slice(index + 1))) return true;
    }
    return false;
  };
}
