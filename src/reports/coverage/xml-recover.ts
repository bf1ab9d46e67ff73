// A narrow tolerance for one kind of broken XML seen in real Cobertura files (coverallsapp's
// `cobertura/cobertura.xml`, written by an old scoverage): surplus closing tags such as `</methods>` or
// `</lines>` that match no open element, after the last element of the document.
//
// The strict scan stops at the first mismatched closing tag. We accept the file anyway only when nothing was
// lost: the error is a closing-tag mismatch (not a truncation or a bad attribute) and every element start tag
// in the file had already been delivered to the handlers (start tags counted again in the raw text, with
// comments, CDATA, processing instructions and the DOCTYPE left out). Broken markup followed by further
// elements, or a truncated file, stays unreadable. This lives with the coverage formats rather than in
// xml.ts so the other XML formats keep the strict behaviour their conformance fixtures expect.
import type { ParseContext, ReportFile } from "../parser.js";
import { readText } from "../read.js";
import { scanXml, type XmlHandlers } from "../xml.js";

export type RecoveringScanResult =
  | { ok: true; root: string | undefined; recovered?: string }
  | { ok: false; reason: string };

/** xml.ts words a mismatched or unopened closing tag like this (xml-tokenizer.ts); the conformance test on
 * coverallsapp cobertura.xml and the edge-case tests fail if that wording changes. */
const CLOSING_TAG_MISMATCH = /closing tag <\/[^>]*> (?:where|without)/;

export async function scanXmlRecovering(
  file: ReportFile,
  ctx: ParseContext,
  handlers: XmlHandlers,
): Promise<RecoveringScanResult> {
  let opened = 0;
  let root: string | undefined;
  const counting: XmlHandlers = {
    open(name, attrs, depth) {
      opened++;
      if (depth === 1) root = name;
      handlers.open(name, attrs, depth);
    },
    close: (name, depth) => handlers.close(name, depth),
  };
  if (handlers.text) counting.text = (t) => handlers.text?.(t);
  const result = await scanXml(file, ctx, counting);
  if (result.ok || !CLOSING_TAG_MISMATCH.test(result.reason) || root === undefined) return result;
  const text = await readText(file, ctx);
  if (!text.ok || countStartTags(text.value) !== opened) return result;
  return { ok: true, root, recovered: `${result.reason} (ignored: no element follows it)` };
}

/** Number of element start tags (`<name`, self-closing included) outside comments, CDATA, PIs and DOCTYPE. */
export function countStartTags(xml: string): number {
  const bare = xml
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "")
    .replace(/<\?[\s\S]*?\?>/g, "");
  let n = 0;
  for (let i = bare.indexOf("<"); i >= 0; i = bare.indexOf("<", i + 1)) {
    const c = bare[i + 1];
    if (c !== undefined && c !== "/" && c !== "!") n++;
  }
  return n;
}
