// ReportFile implementations for bytes in memory and for files on disk.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ReportFile } from "./parser.js";

export function memoryFile(path: string, bytes: Uint8Array | string): ReportFile {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return {
    path,
    size: data.byteLength,
    async *open() {
      const step = 64 * 1024;
      for (let i = 0; i < data.byteLength; i += step)
        yield data.subarray(i, Math.min(i + step, data.byteLength));
    },
  };
}

export async function diskFile(fsPath: string, reportPath = fsPath): Promise<ReportFile> {
  const { size } = await stat(fsPath);
  return {
    path: reportPath.split("\\").join("/"),
    size,
    open: () => createReadStream(fsPath, { highWaterMark: 256 * 1024 }),
  };
}
