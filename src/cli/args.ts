// A thin wrapper over node's util.parseArgs: unknown flags and bad values become a message, not a throw.
import { parseArgs } from "node:util";

type OptionSpec = { type: "boolean" | "string"; short?: string; multiple?: boolean };

export type ArgsResult<V> = { ok: true; values: V; positionals: string[] } | { ok: false; message: string };

export function parseCommandArgs<O extends Record<string, OptionSpec>>(
  args: string[],
  options: O,
): ArgsResult<ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>["values"]> {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { ok: true, values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
