import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const ENTRY = join(import.meta.dirname, "crash-server.ts");

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
  stderr: () => string;
}

/** Spawns test/support/crash-server.ts under tsx with `vars` as its environment. */
export async function spawnServer(vars: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    env: { ...process.env, ...vars, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 15_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
  return { url, child, exited, stderr: () => err };
}

/** The lines the child's job handler appended to $MARKER_DIR/events. */
export function markerEvents(dir: string): string[] {
  const file = join(dir, "events");
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
}
