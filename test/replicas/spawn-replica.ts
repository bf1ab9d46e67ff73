import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

const ENTRY = join(import.meta.dirname, "replica-server.ts");

export interface Replica {
  url: string;
  child: ChildProcess;
  exited: Promise<number | string>;
  stderr: () => string;
}

/** Spawns test/replicas/replica-server.ts under tsx with `vars` as its environment. */
export async function spawnReplica(vars: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    env: { ...process.env, ...vars, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start: ${err}`)), 30_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    exited.then((code) => reject(new Error(`replica exited (${code}) before listening: ${err}`)));
  });
  return { url, child, exited, stderr: () => err };
}
