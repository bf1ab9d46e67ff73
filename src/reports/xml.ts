// Streaming, safe XML scanning shared by the XML report formats (JUnit, TRX, NUnit, Cobertura, JaCoCo, ...).
// No DTD processing and no entity expansion beyond the five predefined entities and character references:
// a DOCTYPE is skipped unread (nothing is fetched), and a reference to any entity it might declare makes the
// file unreadable, naming the entity. Bounded: file size (maxReportBytes), nesting (maxXmlDepth), DOCTYPE
// length (1 MB); text is handed over in pieces, never accumulated here.
import type { ParseContext, ReportFile } from "./parser.js";
import { formatBytes } from "./read.js";
import { XmlLimitError, XmlSyntaxError, XmlTokenizer } from "./xml-tokenizer.js";

/**
 * Callbacks of a scan. Attribute values and text may be views of the chunk being scanned (V8 substrings):
 * a parser that keeps many of them (say one per test case) should keep copies (`detach`/`CaseTexts` in
 * tests/common.ts), or the whole file's text stays in memory.
 */
/** Bytes decoded and tokenized at a time. */
const DECODE_BYTES = 32 * 1024;

export interface XmlHandlers {
  /** An element starts; `depth` is 1 for the root. Attribute values are entity-decoded. */
  open(name: string, attrs: Record<string, string>, depth: number): void;
  close(name: string, depth: number): void;
  /** Text and CDATA content as it arrives (may come in pieces); runs of only whitespace between tags are left out. */
  text?(text: string): void;
}

export type XmlScanResult = { ok: true; root: string | undefined } | { ok: false; reason: string };

/** Throw this from a handler to stop scanning early; the scan then reports success. */
export class StopScan extends Error {
  constructor() {
    super("scan stopped by handler");
  }
}

/** Throw this from a handler to stop scanning and make the file unreadable with `reason`. */
export class XmlAbort extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export async function scanXml(
  file: ReportFile,
  ctx: ParseContext,
  handlers: XmlHandlers,
): Promise<XmlScanResult> {
  const { maxReportBytes, maxXmlDepth } = ctx.limits;
  if (file.size > maxReportBytes) {
    return {
      ok: false,
      reason: `file is ${formatBytes(file.size)}, over the ${formatBytes(maxReportBytes)} limit for one report`,
    };
  }
  const tokenizer = new XmlTokenizer(handlers, maxXmlDepth);
  const decoder = new TextDecoder("utf-8");
  let seen = 0;
  let first = true;
  try {
    for await (const chunk of file.open()) {
      seen += chunk.byteLength;
      if (seen > maxReportBytes)
        return { ok: false, reason: `file is over the ${formatBytes(maxReportBytes)} limit for one report` };
      // Decoded in pieces small enough for V8's young generation: a string over ~128 KB is a "large object"
      // that only a full GC frees, so large chunks decoded whole pile up in memory until one runs.
      for (let at = 0; at < chunk.byteLength; at += DECODE_BYTES) {
        let text = decoder.decode(chunk.subarray(at, at + DECODE_BYTES), { stream: true });
        if (first && text.length > 0) {
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          first = false;
        }
        tokenizer.write(text);
      }
    }
    if (seen === 0) return { ok: false, reason: "file is empty" };
    tokenizer.write(decoder.decode());
    tokenizer.end();
  } catch (err) {
    if (err instanceof StopScan) return { ok: true, root: tokenizer.rootName };
    if (err instanceof XmlAbort) return { ok: false, reason: err.reason };
    if (err instanceof XmlSyntaxError || err instanceof XmlLimitError)
      return { ok: false, reason: err.message };
    throw err;
  }
  return { ok: true, root: tokenizer.rootName };
}

/**
 * The name of the root element in the first characters of a file (for `sniff`), skipping a BOM, the XML
 * declaration, comments, processing instructions and a DOCTYPE. Undefined when the head has none.
 */
export function sniffRoot(head: string): string | undefined {
  let i = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < head.length && /\s/.test(head.charAt(i))) i++;
    if (head.charAt(i) !== "<") return undefined;
    if (head.startsWith("<?", i)) {
      const end = head.indexOf("?>", i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (head.startsWith("<!--", i)) {
      const end = head.indexOf("-->", i + 4);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (head.startsWith("<!", i)) {
      const end = skipDoctype(head, i);
      if (end < 0) return undefined;
      i = end;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(head.slice(i, i + 256));
      return m?.[1];
    }
  }
}

/** Index after a `<!DOCTYPE ...>` starting at `i`, including an internal subset in brackets; -1 if cut off. */
function skipDoctype(head: string, i: number): number {
  let bracket = 0;
  let quote = "";
  for (let j = i + 2; j < head.length; j++) {
    const c = head.charAt(j);
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") bracket++;
    else if (c === "]") bracket--;
    else if (c === ">" && bracket <= 0) return j + 1;
  }
  return -1;
}

/** The local part of a possibly prefixed name (`ns:testsuite` → `testsuite`). */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}
