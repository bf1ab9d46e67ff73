// A small streaming XML tokenizer for report files: elements, attributes, text, CDATA; comments and
// processing instructions skipped; a DOCTYPE skipped without being processed. It checks what matters for
// trusting a report (tags nest and match, attributes are quoted and unique, one root, entity references are
// the five predefined ones or valid character references) and reports the line and column of the first
// problem; raw control characters (a NUL byte) are refused too.
// Deliberate leniencies (none affects safety): a raw `<` inside a quoted attribute value is accepted
// (web-test-runner writes them); `]]>` in text and the content of processing instructions are not checked.
// It exists because it is several times faster than a general-purpose parser (saxes, sax) on 40 MB reports;
// it was checked against saxes by differential fuzzing (only the leniencies above differ).

export interface TokenSink {
  open(name: string, attrs: Record<string, string>, depth: number): void;
  close(name: string, depth: number): void;
  text?(text: string): void;
}

/** The input is not well-formed; `line`/`column` are 1-based and point at the problem. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly what: string,
  ) {
    super(`not well-formed XML at line ${line}, column ${column}: ${what}`);
  }
}

/** A limit of the tokenizer (depth, DOCTYPE size) was exceeded. */
export class XmlLimitError extends Error {}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQ = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** A Map, not an object literal: `&constructor;` must not find Object.prototype.constructor. */
const PREDEFINED = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["apos", "'"],
  ["quot", '"'],
]);
const MAX_DOCTYPE_CHARS = 1024 * 1024;
const STALL_CHARS = 1024 * 1024;
/**
 * One construct (a tag with its attributes, a comment, a processing instruction) longer than this makes
 * the file unreadable: no report needs it, and holding it would cost memory in proportion (a 200 MB
 * single-line file once peaked at 1.4 GB).
 */
export const MAX_CONSTRUCT_CHARS = 32 * 1024 * 1024;
/** What may stand between `&` and `;`: a name or a decimal/hex character number. */
const REFERENCE = /^(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_:\u0080-\uFFFF][\w.:\-\u0080-\uFFFF]*)$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

function isSpace(c: number): boolean {
  return c <= 0x20 && (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d);
}

/** ASCII characters that end a name: all but letters, digits, `.`, `-`, `_`, `:` (a table beats comparisons). */
const NAME_END = new Uint8Array(128).fill(1);
for (let c = 0; c < 128; c++) {
  if (/[A-Za-z0-9._:-]/.test(String.fromCharCode(c))) NAME_END[c] = 0;
}

function endsName(c: number): boolean {
  return c < 128 && NAME_END[c] === 1;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

/** True when text[start, end) holds `&` or a control character (an attribute value to decode and check). */
function needsDecoding(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const v = text.charCodeAt(k);
    if (v === 0x26 || v < 0x20) return true;
  }
  return false;
}

/** Characters XML 1.0 allows (as a character reference). */
function isXmlChar(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return cp <= 0xfffd || (cp >= 0x10000 && cp <= 0x10ffff);
}

type Pending = "none" | "cdata";

export class XmlTokenizer {
  private buf = "";
  private pos = 0;
  /** Absolute character offset of buf[0], the line it is on, and where that line starts. */
  private bufAbs = 0;
  private line = 1;
  private lineStartAbs = 0;
  private readonly stack: string[] = [];
  private sawRoot = false;
  private rootSeen: string | undefined;
  private rootClosed = false;
  private pending: Pending = "none";
  /** When a construct is incomplete: how far past `pos` we already searched, so the next search resumes there. */
  private scanned = 0;
  /** Where (relative to `pos`) the quoted attribute value that ran past the buffer's end starts. */
  private quoteAt = -1;
  /** A text run was cut by a chunk boundary and part of it was reported: report the rest even if blank. */
  private textGoing = false;
  private waiting: string[] = [];
  private waitingChars = 0;
  private readonly names: (string | undefined)[] = new Array(1024);
  /** The names cache slot of the last name read. */
  private slot = 0;
  /**
   * Per element name (by its names slot): [element name, its attribute names in order] as last seen, the
   * guess for the next tag of that name.
   */
  private readonly orders: (string[] | undefined)[] = new Array(1024);
  /** Names of the attributes of the start tag being read (reused from tag to tag). */
  private readonly attrNames: string[] = [];

  constructor(
    private readonly sink: TokenSink,
    private readonly maxDepth: number,
  ) {}

  /** The root element's name, once seen. */
  get rootName(): string | undefined {
    return this.rootSeen;
  }

  write(chunk: string): void {
    // While one construct (a huge attribute or comment) spans many chunks, gather chunks and retry only once
    // the new input is as long as the buffer, so the total work stays linear in the file size.
    if (
      this.pos === 0 &&
      this.buf.length > STALL_CHARS &&
      this.waitingChars + chunk.length < this.buf.length
    ) {
      this.waiting.push(chunk);
      this.waitingChars += chunk.length;
      if (this.buf.length + this.waitingChars > MAX_CONSTRUCT_CHARS) this.tooLong();
      return;
    }
    this.forget();
    if (this.buf.length > MAX_CONSTRUCT_CHARS) this.tooLong();
    const more = this.waiting.length === 0 ? chunk : this.waiting.join("") + chunk;
    this.waiting = [];
    this.waitingChars = 0;
    // join() builds one flat string; `+` would build a rope that every charCodeAt then has to go through.
    this.buf = this.buf.length === 0 ? more : [this.buf, more].join("");
    this.run(false);
  }

  private tooLong(): never {
    const line = this.line + (this.buf.slice(0, 1) === "\n" ? 1 : 0);
    throw new XmlLimitError(
      `one piece of XML (a tag, comment or unbroken text) from line ${line} on is longer than ${MAX_CONSTRUCT_CHARS / (1024 * 1024)} MB; the file was not read further`,
    );
  }

  end(): void {
    if (this.waiting.length > 0) {
      this.buf += this.waiting.join("");
      this.waiting = [];
    }
    this.run(true);
    if (this.pending === "cdata") this.fail(this.buf.length, "the file ends inside a CDATA section");
    if (this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1];
      this.fail(this.buf.length, `the file ends before <${open}> is closed (truncated?)`);
    }
    if (!this.sawRoot) this.fail(this.buf.length, "no root element");
  }

  /** Drops the consumed part of the buffer, counting its line breaks first. */
  private forget(): void {
    const pos = this.pos;
    if (pos === 0) return;
    const buf = this.buf;
    for (let i = buf.indexOf("\n"); i >= 0 && i < pos; i = buf.indexOf("\n", i + 1)) {
      this.line++;
      this.lineStartAbs = this.bufAbs + i + 1;
    }
    this.bufAbs += pos;
    this.buf = pos >= buf.length ? "" : buf.slice(pos);
    this.pos = 0;
  }

  private fail(at: number, what: string): never {
    let line = this.line;
    let lineStart = this.lineStartAbs;
    const buf = this.buf;
    for (let i = buf.indexOf("\n"); i >= 0 && i < at; i = buf.indexOf("\n", i + 1)) {
      line++;
      lineStart = this.bufAbs + i + 1;
    }
    throw new XmlSyntaxError(line, this.bufAbs + at - lineStart + 1, what);
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    let pos = this.pos;
    try {
      while (pos < n) {
        if (this.pending === "cdata") {
          const end = buf.indexOf("]]>", pos);
          if (end < 0) {
            const safe = Math.max(pos, n - 2);
            if (safe > pos) this.cdata(pos, safe);
            pos = safe;
            break;
          }
          if (end > pos) this.cdata(pos, end);
          this.pending = "none";
          pos = end + 3;
          continue;
        }
        if (buf.charCodeAt(pos) !== LT) {
          // Indentation between tags (most text in a report): skipped without searching or slicing.
          if (!this.textGoing) {
            let p = pos;
            while (p < n && isSpace(buf.charCodeAt(p))) p++;
            if (p < n && buf.charCodeAt(p) === LT) {
              pos = p;
              continue;
            }
          }
          let lt = buf.indexOf("<", pos);
          if (lt < 0) {
            if (!final) {
              // Keep a possibly cut entity reference (`&am` + `p;`) for the next chunk.
              const amp = buf.lastIndexOf("&");
              const cut = amp >= pos && buf.indexOf(";", amp) < 0 ? amp : n;
              if (cut > pos) this.textRun(pos, cut, false);
              pos = cut;
              break;
            }
            lt = n;
          }
          this.textRun(pos, lt, true);
          pos = lt;
          continue;
        }
        if (pos + 1 >= n) break;
        const c1 = buf.charCodeAt(pos + 1);
        if (c1 === SLASH) {
          const gt = buf.indexOf(">", pos + 2);
          if (gt < 0) break;
          this.endTag(pos, gt);
          pos = gt + 1;
        } else if (c1 === BANG) {
          const next = this.markup(pos);
          if (next < 0) break;
          pos = next;
        } else if (c1 === QUESTION) {
          const end = buf.indexOf("?>", pos + 2);
          if (end < 0) break;
          if (!isNameStart(buf.charCodeAt(pos + 2)))
            this.fail(pos + 2, "a processing instruction must start with a name");
          pos = end + 2;
        } else {
          const next = this.startTag(pos);
          if (next < 0) break;
          pos = next;
        }
        this.scanned = 0;
        this.quoteAt = -1;
      }
    } finally {
      this.pos = pos;
    }
    if (final && pos < n) this.fail(pos, this.incomplete(pos));
  }

  private incomplete(pos: number): string {
    const buf = this.buf;
    if (buf.startsWith("<!--", pos)) return "the file ends inside a comment";
    if (buf.startsWith("<?", pos)) return "the file ends inside a processing instruction";
    if (buf.startsWith("<!", pos)) return "the file ends inside a declaration";
    return "the file ends inside a tag";
  }

  /** `<!--`, `<![CDATA[`, `<!DOCTYPE` at `pos`; returns where to continue, or -1 for "need more input". */
  private markup(pos: number): number {
    const buf = this.buf;
    if (buf.startsWith("<!--", pos)) {
      const end = buf.indexOf("-->", Math.max(pos + 4, pos + this.scanned - 2));
      if (end < 0) {
        this.scanned = buf.length - pos;
        return -1;
      }
      return end + 3;
    }
    if (buf.startsWith("<![CDATA[", pos)) {
      if (this.stack.length === 0) this.fail(pos, "CDATA section outside the root element");
      this.pending = "cdata";
      return pos + 9;
    }
    if (buf.startsWith("<!DOCTYPE", pos)) {
      if (this.sawRoot) this.fail(pos, "DOCTYPE after the root element");
      const end = this.doctypeEnd(pos);
      if (end < 0) {
        if (buf.length - pos > MAX_DOCTYPE_CHARS)
          throw new XmlLimitError("the DOCTYPE declaration is longer than 1 MB");
        return -1;
      }
      return end;
    }
    if (buf.length - pos < 9) return -1;
    return this.fail(pos, "unexpected '<!' (only comments, CDATA sections and a DOCTYPE may start so)");
  }

  /** Index after the `>` closing a DOCTYPE (internal subset in brackets, quotes respected); -1 if not yet seen. */
  private doctypeEnd(pos: number): number {
    const buf = this.buf;
    let depth = 0;
    let quote = 0;
    for (let i = pos + 9; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === DQUOTE || c === SQUOTE) quote = c;
      else if (c === 0x5b) depth++;
      else if (c === 0x5d) depth--;
      else if (c === GT && depth <= 0) return i + 1;
    }
    return -1;
  }

  /** Reads the start tag at `pos` and reports it; returns where to continue, or -1 when it is cut off. */
  private startTag(pos: number): number {
    const buf = this.buf;
    const n = buf.length;
    if (this.rootClosed) this.fail(pos, "a second root element (only one is allowed)");
    let i = pos + 1;
    if (!isNameStart(buf.charCodeAt(i))) this.fail(i, "an element name must follow '<'");
    i++;
    while (i < n && !endsName(buf.charCodeAt(i))) i++;
    if (i >= n) return -1;
    const name = this.name(pos + 1, i);
    const slot = this.slot;
    const known = this.orders[slot];
    const order = known !== undefined && known[0] === name ? known : undefined;
    /** True while every attribute name so far came from `order`. */
    let guessed = true;
    const attrs: Record<string, string> = {};
    /** How many attributes so far (their names in attrNames[0, count)). */
    let count = 0;
    let selfClosing = false;
    for (;;) {
      const gap = i;
      // Never read past the buffer (charCodeAt would give NaN, and the optimised code would be thrown away).
      let c = i < n ? buf.charCodeAt(i) : -1;
      while (isSpace(c)) c = ++i < n ? buf.charCodeAt(i) : -1;
      if (i >= n) return -1;
      if (c === GT) break;
      if (c === SLASH) {
        if (i + 1 >= n) return -1;
        if (buf.charCodeAt(i + 1) !== GT) this.fail(i + 1, `'>' expected after '/' in <${name}>`);
        selfClosing = true;
        i++;
        break;
      }
      if (c === LT) this.fail(i, `'<' inside the tag <${name}>`);
      if (!isNameStart(c)) this.fail(i, `unexpected character '${buf.charAt(i)}' in <${name}>`);
      if (i === gap) this.fail(i, `whitespace is needed before an attribute in <${name}>`);
      const nameStart = i;
      // Most tags repeat the attribute names of the last tag of that name, in the same order: compare with
      // that name while reading (no second pass over the characters, no lookup).
      const guess = order?.[count + 1];
      let attr: string | undefined;
      if (guess !== undefined && i + guess.length < n) {
        let j = 0;
        while (j < guess.length && buf.charCodeAt(i + j) === guess.charCodeAt(j)) j++;
        if (j === guess.length && endsName(buf.charCodeAt(i + j))) {
          attr = guess;
          i += j;
        }
      }
      if (attr === undefined) {
        i++;
        while (i < n && !endsName(buf.charCodeAt(i))) i++;
      }
      const nameEnd = i;
      c = i < n ? buf.charCodeAt(i) : -1;
      while (isSpace(c)) c = ++i < n ? buf.charCodeAt(i) : -1;
      if (i >= n) return -1;
      if (c !== EQ)
        this.fail(i, `attribute ${buf.slice(nameStart, nameEnd)} of <${name}> has no value ('=' expected)`);
      c = ++i < n ? buf.charCodeAt(i) : -1;
      while (isSpace(c)) c = ++i < n ? buf.charCodeAt(i) : -1;
      if (i >= n) return -1;
      if (c !== DQUOTE && c !== SQUOTE) {
        this.fail(i, `the value of attribute ${buf.slice(nameStart, nameEnd)} of <${name}> must be quoted`);
      }
      // Find the closing quote and, on the way, whether the value needs decoding (`&`, control characters).
      const resumed = this.quoteAt === i - pos;
      let close = resumed ? pos + this.scanned : i + 1;
      let special = false;
      for (; close < n; close++) {
        const v = buf.charCodeAt(close);
        if (v === c) break;
        if (v === 0x26 || v < 0x20) special = true;
      }
      if (close >= n) {
        this.quoteAt = i - pos;
        this.scanned = n - pos;
        return -1;
      }
      if (resumed && !special) special = needsDecoding(buf, i + 1, close);
      if (attr === undefined) {
        attr = this.name(nameStart, nameEnd);
        guessed = false;
      }
      const value = special ? this.attrValue(buf.slice(i + 1, close), i + 1) : buf.slice(i + 1, close);
      const seen = this.attrNames;
      for (let k = 0; k < count; k++) {
        if (seen[k] === attr) this.fail(nameStart, `attribute ${attr} appears twice in <${name}>`);
      }
      seen[count++] = attr;
      if (attr !== "__proto__") attrs[attr] = value;
      i = close + 1;
    }
    // A tag with fewer attributes than the guess (a prefix of it) keeps the guess: `<line number hits>` and
    // `<line number hits branch condition-coverage>` alternate.
    if (!guessed || order === undefined || order.length < count + 1) {
      this.orders[slot] = [name, ...this.attrNames.slice(0, count)];
    }
    const depth = this.stack.length + 1;
    if (depth > this.maxDepth) throw new XmlLimitError(`XML is nested deeper than ${this.maxDepth} elements`);
    if (depth === 1) this.rootSeen = name;
    this.sawRoot = true;
    this.sink.open(name, attrs, depth);
    if (selfClosing) {
      this.sink.close(name, depth);
      if (depth === 1) this.rootClosed = true;
    } else {
      this.stack.push(name);
    }
    return i + 1;
  }

  /**
   * buf[start, end) as a string, reusing the string seen last time for a name of that length and first
   * character: report files repeat the same few element and attribute names millions of times.
   */
  private name(start: number, end: number): string {
    const buf = this.buf;
    const slot = (buf.charCodeAt(start) * 31 + (end - start)) & 1023;
    this.slot = slot;
    const known = this.names[slot];
    if (known !== undefined && known.length === end - start) {
      let j = 0;
      while (j < known.length && known.charCodeAt(j) === buf.charCodeAt(start + j)) j++;
      if (j === known.length) return known;
    }
    const fresh = buf.slice(start, end);
    this.names[slot] = fresh;
    return fresh;
  }

  private endTag(pos: number, gt: number): void {
    const buf = this.buf;
    let end = gt;
    while (end > pos + 2 && isSpace(buf.charCodeAt(end - 1))) end--;
    const open = this.stack[this.stack.length - 1];
    // Compare in place: no new string per closing tag.
    if (open === undefined || end - pos - 2 !== open.length || !buf.startsWith(open, pos + 2)) {
      const name = buf.slice(pos + 2, end);
      if (open === undefined) this.fail(pos, `closing tag </${name}> without an opening tag`);
      this.fail(pos, `closing tag </${name}> where </${open}> was expected`);
    }
    const depth = this.stack.length;
    this.sink.close(open, depth);
    this.stack.pop();
    if (depth === 1) this.rootClosed = true;
  }

  /**
   * An attribute value found at buf[start] that holds `&` or control characters. A raw `<` is tolerated
   * (XML forbids it, but the value is quoted so it is unambiguous, and real reporters such as
   * web-test-runner write `time="<<computed>>"`).
   */
  private attrValue(raw: string, start: number): string {
    this.checkControls(raw, start);
    // Attribute-value normalisation: literal tabs and line breaks read as spaces (references are kept).
    const value =
      raw.indexOf("\r") >= 0 || raw.indexOf("\n") >= 0 || raw.indexOf("\t") >= 0
        ? raw.replace(/\r\n|[\t\n\r]/g, " ")
        : raw;
    const amp = value.indexOf("&");
    return amp < 0 ? value : this.decode(value, start, amp);
  }

  /**
   * Text between markup; a whole run of only whitespace (indentation between elements) is not reported.
   * `complete` is false for the part of a run before a chunk boundary.
   */
  private textRun(start: number, end: number, complete: boolean): void {
    const buf = this.buf;
    let first = start;
    while (first < end && isSpace(buf.charCodeAt(first))) first++;
    if (first === end && (this.stack.length === 0 || (complete && !this.textGoing))) {
      this.textGoing = false;
      return;
    }
    this.textGoing = !complete;
    if (this.stack.length === 0) {
      this.fail(
        first,
        this.sawRoot ? "text after the root element" : "text before the root element (is this XML?)",
      );
    }
    const sink = this.sink.text;
    if (sink === undefined) {
      this.checkControls(buf.slice(start, end), start);
      // Still check entity references, so a file is judged the same whoever reads it.
      const amp = buf.indexOf("&", start);
      if (amp >= 0 && amp < end) this.decode(buf.slice(start, end), start, amp - start);
      return;
    }
    let text = buf.slice(start, end);
    this.checkControls(text, start);
    const amp = text.indexOf("&");
    if (amp >= 0) text = this.decode(text, start, amp);
    if (text.indexOf("\r") >= 0) text = text.replace(/\r\n?/g, "\n");
    this.sink.text?.(text);
  }

  private cdata(start: number, end: number): void {
    const text = this.buf.slice(start, end);
    this.checkControls(text, start);
    this.sink.text?.(text);
  }

  /** Refuses control characters XML does not allow (a NUL byte in a report is a broken file). */
  private checkControls(text: string, base: number): void {
    const bad = FORBIDDEN_CONTROL.exec(text);
    if (bad !== null) {
      const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      this.fail(base + bad.index, `control character U+${code} is not allowed in XML`);
    }
  }

  /** Replaces entity and character references in `raw` (found at buf[base]); `amp` is the first `&`. */
  private decode(raw: string, base: number, amp: number): string {
    let out = "";
    let from = 0;
    for (let i = amp; i >= 0; i = raw.indexOf("&", from)) {
      const semi = raw.indexOf(";", i + 1);
      if (semi < 0 || semi - i > 12) this.fail(base + i, "'&' must start an entity reference such as &amp;");
      const ref = raw.slice(i + 1, semi);
      if (!REFERENCE.test(ref)) this.fail(base + i, "'&' must start an entity reference such as &amp;");
      let ch = PREDEFINED.get(ref);
      if (ch === undefined) {
        if (ref.charCodeAt(0) !== 0x23) {
          this.fail(
            base + i,
            `undefined entity &${ref}; (only &lt; &gt; &amp; &apos; &quot; and character references are read; DTD entities are never expanded)`,
          );
        }
        const hex = ref.charCodeAt(1) === 0x78;
        const digits = ref.slice(hex ? 2 : 1);
        const cp =
          /^[0-9a-fA-F]+$/.test(digits) && (hex || /^\d+$/.test(digits))
            ? Number.parseInt(digits, hex ? 16 : 10)
            : -1;
        if (!isXmlChar(cp)) this.fail(base + i, `&${ref}; is not a character XML allows`);
        ch = String.fromCodePoint(cp);
      }
      out += raw.slice(from, i) + ch;
      from = semi + 1;
    }
    return out + raw.slice(from);
  }
}
