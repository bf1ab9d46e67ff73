// Cheap look at the start of an XML file for detection: the root element's name and attributes, and the
// names of the next few elements. Works on the first characters only, never throws.
import { sniffRoot } from "../xml.js";

export interface XmlHead {
  root: string;
  /** The root start tag's attribute text, e.g. ` line-rate="0.5" version="1"`. */
  rootAttrs: string;
  /** Names of the elements that follow the root start tag in the head, in order (at most 20). */
  next: string[];
}

const START_TAG = /<([A-Za-z_][\w:.-]*)([^>]*)>/g;

export function xmlHead(head: string): XmlHead | undefined {
  const text = head.replace(/<!--[\s\S]*?(?:-->|$)/g, "").replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, "");
  START_TAG.lastIndex = 0;
  const first = START_TAG.exec(text);
  if (!first?.[1]) return undefined;
  // The root must be what the file starts with (after a BOM, the XML declaration, comments, a DOCTYPE):
  // a JSON file that carries a Cobertura document in a string (Istanbul's spec bundles) is not XML.
  if (sniffRoot(head) !== first[1]) return undefined;
  const next: string[] = [];
  for (let m = START_TAG.exec(text); m && next.length < 20; m = START_TAG.exec(text)) {
    if (m[1]) next.push(m[1]);
  }
  return { root: first[1], rootAttrs: first[2] ?? "", next };
}
