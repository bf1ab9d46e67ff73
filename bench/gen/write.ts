// Writes a generated file in large pieces, once: an existing file of the same name is reused (names carry
// a version, so changing a generator means changing its file name).
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "out");

export interface Generated {
  path: string;
  bytes: number;
}

/** Calls `produce(emit)`; everything emitted is written to bench/out/<name> (via a temporary file). */
export function generate(name: string, produce: (emit: (text: string) => void) => void): Generated {
  const path = join(OUT_DIR, name);
  if (existsSync(path)) return { path, bytes: statSync(path).size };
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const fd = openSync(partial, "w");
  let buffer: string[] = [];
  let buffered = 0;
  const flush = () => {
    writeSync(fd, buffer.join(""));
    buffer = [];
    buffered = 0;
  };
  produce((text) => {
    buffer.push(text);
    buffered += text.length;
    if (buffered > 1 << 20) flush();
  });
  flush();
  closeSync(fd);
  renameSync(partial, path);
  return { path, bytes: statSync(path).size };
}
