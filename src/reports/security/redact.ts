// Secret values never leave the parser: every occurrence of a secret in kept text is replaced.
export const REDACTED = "[REDACTED]";

/** Replaces every occurrence of each secret (ignoring very short ones that would mangle ordinary words). */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    const value = s?.trim();
    if (value === undefined || value.length < 4) continue;
    out = out.split(value).join(REDACTED);
  }
  return out;
}
