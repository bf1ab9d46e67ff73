// Cheap content checks for `sniff`: look for JSON keys in the first characters of a file without parsing it
// (the head may be cut in the middle of the document).

/** True when `"key"` appears as an object key (followed by a colon) in the head. */
export function hasJsonKey(head: string, key: string): boolean {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`"${escaped}"\\s*:`).test(head);
}

/** First non-space character of the head: "{" or "[" for JSON documents. */
export function firstChar(head: string): string {
  const m = /\S/.exec(head);
  return m ? m[0] : "";
}
