// Changed lines per file from a whole unified diff (`git diff`), for `tollgate evaluate --diff`.
import { addedLines } from "./diff.js";

export function changedLinesFromDiff(diff: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let file: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (file !== undefined && file !== "/dev/null") {
      const lines = addedLines(body.join("\n"));
      if (lines.length > 0) out.set(file, [...(out.get(file) ?? []), ...lines]);
    }
    body = [];
  };
  for (const line of diff.split(/\r?\n/)) {
    if (line.startsWith("diff --git ")) {
      flush();
      file = undefined;
      continue;
    }
    if (line.startsWith("+++ ")) {
      flush();
      const target = line.slice(4).replace(/\t.*$/, "");
      file = target === "/dev/null" ? target : target.replace(/^b\//, "");
      continue;
    }
    if (line.startsWith("--- ") && body.length === 0) continue;
    if (file !== undefined) body.push(line);
  }
  flush();
  return out;
}
