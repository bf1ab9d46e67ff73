// A CliIo that records what a command writes, for in-process CLI tests.
import type { CliIo } from "../../src/cli/command.js";

export interface RecordedIo extends CliIo {
  out: string;
  err: string;
}

export function recordIo(cwd: string): RecordedIo {
  const io: RecordedIo = {
    out: "",
    err: "",
    cwd,
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
  };
  return io;
}
