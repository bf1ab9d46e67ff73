// The shared XML scanner: events, safety bounds and error messages. All inputs are small hand-written
// documents (or generated in the test), written for these tests.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryFile } from "../../src/reports/file.js";
import { DEFAULT_PARSE_LIMITS, type ParseContext, type ReportFile } from "../../src/reports/parser.js";
import {
  localName,
  StopScan,
  scanXml,
  sniffRoot,
  XmlAbort,
  type XmlScanResult,
} from "../../src/reports/xml.js";
import { fuzzParams } from "../support/fuzz.js";

const ctx: ParseContext = { limits: DEFAULT_PARSE_LIMITS };

/** Scans and records every event as a compact string. */
async function events(
  xml: string | Uint8Array,
  c: ParseContext = ctx,
): Promise<{ result: XmlScanResult; log: string[] }> {
  const log: string[] = [];
  const result = await scanXml(memoryFile("t.xml", xml), c, {
    open: (name, attrs, depth) =>
      log.push(
        `<${name}${Object.entries(attrs)
          .map(([k, v]) => ` ${k}=${v}`)
          .join("")} @${depth}`,
      ),
    close: (name, depth) => log.push(`</${name} @${depth}`),
    text: (t) => log.push(`"${t}"`),
  });
  return { result, log };
}

/** A file delivered in chunks of `size` bytes, to exercise tokens cut at chunk boundaries. */
function chunked(text: string, size: number): ReportFile {
  const bytes = new TextEncoder().encode(text);
  return {
    path: "chunked.xml",
    size: bytes.byteLength,
    async *open() {
      for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
    },
  };
}

async function reason(xml: string, c: ParseContext = ctx): Promise<string> {
  const { result } = await events(xml, c);
  if (result.ok) throw new Error("expected the scan to fail");
  return result.reason;
}

describe("scanXml events", () => {
  it("reports elements with depth, decoded attributes, text and CDATA", async () => {
    const { result, log } = await events(
      `<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y='&lt;&#65;&#x42;'>hi &quot;you&quot;<b/><![CDATA[<raw> & ]]></a>`,
    );
    expect(result).toEqual({ ok: true, root: "a" });
    expect(log).toEqual(["<a x=1 & 2 y=<AB @1", '"hi "you""', "<b @2", "</b @2", '"<raw> & "', "</a @1"]);
  });

  it("reads attribute names afresh when they differ from those of the last tag of the same name", async () => {
    const { log } = await events(
      `<r><a xy="1" b="2"/><a xyz="3" xy="4"/><a x="5"/><a xy="6" b="7" c="8"/><a xy="9" b="10"/></r>`,
    );
    expect(log.filter((e) => e.startsWith("<a"))).toEqual([
      "<a xy=1 b=2 @2",
      "<a xyz=3 xy=4 @2",
      "<a x=5 @2",
      "<a xy=6 b=7 c=8 @2",
      "<a xy=9 b=10 @2",
    ]);
  });

  it("skips a UTF-8 BOM and decodes multi-byte characters cut between chunks", async () => {
    const text = `\uFEFF<r n="日本語 ✓ é">ünïcödé 🎉</r>`;
    for (const size of [1, 2, 3, 7]) {
      const names: string[] = [];
      const texts: string[] = [];
      const result = await scanXml(chunked(text, size), ctx, {
        open: (_n, a) => names.push(a.n ?? ""),
        close: () => {},
        text: (t) => texts.push(t),
      });
      expect(result).toEqual({ ok: true, root: "r" });
      expect(names).toEqual(["日本語 ✓ é"]);
      expect(texts.join("")).toBe("ünïcödé 🎉");
    }
  });

  it("gives the same events whatever the chunk size (tags, entities, CDATA, comments cut anywhere)", async () => {
    const doc = `<?xml version="1.0"?><!-- long comment --><s a="x &amp; y" b='q"q'><c>one &lt; two</c><![CDATA[ ]]> kept ]]><d e="&#x1F600;"/></s>`;
    const reference = (await events(doc)).log;
    for (const size of [1, 2, 3, 5, 11]) {
      const log: string[] = [];
      await scanXml(chunked(doc, size), ctx, {
        open: (n, a) =>
          log.push(
            `<${n}${Object.entries(a)
              .map(([k, v]) => ` ${k}=${v}`)
              .join("")}`,
          ),
        close: (n) => log.push(`</${n}`),
        text: (t) => log.push(`"${t}"`),
      });
      // Text may arrive in more pieces with small chunks; compare with pieces joined.
      const join = (l: string[]) => l.join("").replaceAll('""', "");
      expect(join(log)).toBe(join(reference.map((e) => e.replace(/ @\d+$/, ""))));
    }
  });

  it("normalises tabs and line breaks in attribute values, but keeps character references", async () => {
    const { log } = await events(`<a m="one\ntwo\tthree&#10;four"/>`);
    expect(log[0]).toBe("<a m=one two three\nfour @1");
  });

  it("tolerates a raw '<' inside a quoted attribute value (web-test-runner writes them)", async () => {
    const { result, log } = await events(`<a time="<<computed>>"/>`);
    expect(result.ok).toBe(true);
    expect(log[0]).toBe("<a time=<<computed>> @1");
  });

  it("lets a handler stop early (StopScan) or refuse the file (XmlAbort)", async () => {
    const stop = await scanXml(memoryFile("t.xml", "<a><b/><c/></a>"), ctx, {
      open: (name) => {
        if (name === "b") throw new StopScan();
      },
      close: () => {},
    });
    expect(stop).toEqual({ ok: true, root: "a" });
    const abort = await scanXml(memoryFile("t.xml", "<nope/>"), ctx, {
      open: () => {
        throw new XmlAbort("not a report we know");
      },
      close: () => {},
    });
    expect(abort).toEqual({ ok: false, reason: "not a report we know" });
  });
});

describe("scanXml refuses what is not well-formed, saying where", () => {
  it.each([
    [
      "truncated inside an element",
      "<?xml version='1.0'?>\n<a>\n  <b x=\"1\">\n  <c>",
      /line 4, column 6: the file ends before <c> is closed/,
    ],
    ["truncated inside a tag", '<a>\n<b x="1', /line 2, column 1: the file ends inside a tag/],
    [
      "mismatched closing tag",
      "<a>\n  <b></c>\n</a>",
      /line 2, column 6: closing tag <\/c> where <\/b> was expected/,
    ],
    ["text before the root", "hello", /line 1, column 1: text before the root element/],
    ["two roots", "<a/><b/>", /line 1, column 5: a second root element/],
    ["unquoted attribute", "<a x=1/>", /line 1, column 6: the value of attribute x of <a> must be quoted/],
    ["duplicate attribute", `<a x="1" x="2"/>`, /attribute x appears twice in <a>/],
    [
      "duplicate attribute where the last tag of that name had other names",
      `<r><a x="1" y="2"/><a x="1" x="2"/></r>`,
      /line 1, column 29: attribute x appears twice in <a>/,
    ],
    ["bare ampersand", "<a>fish & chips</a>", /line 1, column 9: '&' must start an entity reference/],
    ["NUL character reference", "<a>&#0;</a>", /&#0; is not a character XML allows/],
    ["an entity named like an Object member", "<a>&constructor;</a>", /undefined entity &constructor;/],
    ["no root", "<?xml version='1.0'?>\n<!-- nothing -->\n", /no root element/],
  ])("%s", async (_label, xml, expected) => {
    expect(await reason(xml)).toMatch(expected);
  });

  it("says an empty file is empty", async () => {
    expect(await reason("")).toBe("file is empty");
  });

  it("starts every syntax error with 'not well-formed XML at line L, column C'", async () => {
    expect(await reason("<a>\n<b>\n</a>")).toMatch(/^not well-formed XML at line 3, column 1: /);
  });
});

describe("scanXml safety bounds", () => {
  it("does not expand a billion-laughs DTD and refuses its entity", async () => {
    const laughs = [
      '<?xml version="1.0"?>',
      "<!DOCTYPE lolz [",
      ' <!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
      ),
      "]>",
      "<lolz>&lol9;</lolz>",
    ].join("\n");
    const texts: string[] = [];
    const result = await scanXml(memoryFile("laughs.xml", laughs), ctx, {
      open: () => {},
      close: () => {},
      text: (t) => texts.push(t),
    });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/line 14, column 7: undefined entity &lol9;.*never expanded/),
    });
    expect(texts.join("").length).toBe(0);
  });

  it("never fetches an external entity (XXE) and refuses the reference", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end("secret");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const xxe = `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY ext SYSTEM "http://127.0.0.1:${port}/x"><!ENTITY file SYSTEM "file:///etc/passwd">]>\n<r a="&file;">&ext;</r>`;
      expect(await reason(xxe)).toMatch(/undefined entity &file;/);
      expect(await reason(xxe.replace(' a="&file;"', ""))).toMatch(/undefined entity &ext;/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(requests).toBe(0);
  });

  it("reads a file whose DOCTYPE is never used", async () => {
    const { result } = await events(`<!DOCTYPE r SYSTEM "r.dtd" [<!ELEMENT r ANY>]><r/>`);
    expect(result).toEqual({ ok: true, root: "r" });
  });

  it("refuses nesting deeper than maxXmlDepth without recursing", async () => {
    const depth = 100_000;
    const bomb = `${"<a>".repeat(depth)}${"</a>".repeat(depth)}`;
    expect(await reason(bomb)).toBe("XML is nested deeper than 256 elements");
    const shallow: ParseContext = { limits: { ...DEFAULT_PARSE_LIMITS, maxXmlDepth: 3 } };
    expect((await events("<a><b><c/></b></a>", shallow)).result.ok).toBe(true);
    expect(await reason("<a><b><c><d/></c></b></a>", shallow)).toBe("XML is nested deeper than 3 elements");
  });

  it("refuses files over maxReportBytes, by declared size and while streaming", async () => {
    const small: ParseContext = { limits: { ...DEFAULT_PARSE_LIMITS, maxReportBytes: 1024 } };
    expect(await reason(`<a>${"x".repeat(2000)}</a>`, small)).toMatch(/over the 1\.0 KB limit/);
    const lying: ReportFile = { ...memoryFile("t.xml", `<a>${"x".repeat(2000)}</a>`), size: 10 };
    expect(await scanXml(lying, small, { open: () => {}, close: () => {} })).toEqual({
      ok: false,
      reason: "file is over the 1.0 KB limit for one report",
    });
  });

  it("reads a huge attribute value spread over many chunks in linear time", async () => {
    const big = "v".repeat(8 * 1024 * 1024);
    const doc = `<a huge="${big}" after="1"/>`;
    let length = 0;
    const started = performance.now();
    const result = await scanXml(chunked(doc, 64 * 1024), ctx, {
      open: (_n, a) => {
        length = a.huge?.length ?? 0;
      },
      close: () => {},
    });
    expect(result.ok).toBe(true);
    expect(length).toBe(big.length);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("streams huge text and CDATA in pieces rather than one string", async () => {
    const doc = `<a><![CDATA[${"c".repeat(1_000_000)}]]>${"t".repeat(1_000_000)}</a>`;
    const pieces: number[] = [];
    await scanXml(chunked(doc, 64 * 1024), ctx, {
      open: () => {},
      close: () => {},
      text: (t) => pieces.push(t.length),
    });
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(2_000_000);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(64 * 1024 + 16);
  });
});

describe("sniffRoot / localName", () => {
  it.each([
    ["<testsuites>", "testsuites"],
    ['\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<testsuite name="x">', "testsuite"],
    ['<!DOCTYPE r [<!ENTITY a "<b>">]><TestRun xmlns="x">', "TestRun"],
    ["  <ns:report>", "ns:report"],
    ['{ "json": true }', undefined],
    ["<!-- cut off", undefined],
  ])("%j → %s", (head, root) => {
    expect(sniffRoot(head)).toBe(root);
  });

  it("drops a namespace prefix", () => {
    expect(localName("ns:testsuite")).toBe("testsuite");
    expect(localName("testsuite")).toBe("testsuite");
  });
});

describe("scanXml never throws on arbitrary input", () => {
  const doc = `<?xml version="1.0"?><testsuites><testsuite name="s &amp; t"><testcase name="a" time="1"><failure message="m">x &lt; y<![CDATA[z]]></failure></testcase><!-- c --></testsuite></testsuites>`;

  it("returns ok or a reason for random cuts, deletions and insertions of a valid document", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(doc.length),
        fc.nat(doc.length),
        fc.string({ maxLength: 8 }),
        fc.integer({ min: 1, max: 16 }),
        async (at, len, insert, chunk) => {
          const mutated = doc.slice(0, at) + insert + doc.slice(Math.min(doc.length, at + (len % 6)));
          const noop = { open: () => {}, close: () => {}, text: () => {} };
          const result = await scanXml(chunked(mutated, chunk), ctx, noop);
          if (!result.ok) expect(result.reason).toMatch(/\w/);
          // Chunk boundaries never change the verdict or the position named.
          expect(result).toEqual(await scanXml(memoryFile("whole.xml", mutated), ctx, noop));
        },
      ),
      fuzzParams(300),
    );
  });

  it("returns ok or a reason for arbitrary strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom(
            "<",
            ">",
            "/",
            "!",
            "?",
            "&",
            ";",
            "=",
            '"',
            "'",
            "a",
            "[",
            "]",
            "-",
            " ",
            "\n",
            "#",
            "x",
            "0",
          ),
        }),
        async (text) => {
          const result = await scanXml(memoryFile("f.xml", text), ctx, { open: () => {}, close: () => {} });
          expect(typeof result.ok).toBe("boolean");
        },
      ),
      fuzzParams(500),
    );
  });
});

describe("one huge construct", () => {
  it("a tag longer than 32 MB makes the file unreadable instead of being held whole", async () => {
    const MB = 1024 * 1024;
    const chunk = new TextEncoder().encode("x".repeat(MB));
    const file = {
      path: "huge.xml",
      size: 40 * MB,
      async *open() {
        yield new TextEncoder().encode('<testsuite><testcase name="');
        for (let i = 0; i < 40; i++) yield chunk;
        yield new TextEncoder().encode('"/></testsuite>');
      },
    };
    const result = await scanXml(file, { limits: DEFAULT_PARSE_LIMITS }, { open() {}, close() {} });
    expect(result).toEqual({
      ok: false,
      reason:
        "one piece of XML (a tag, comment or unbroken text) from line 1 on is longer than 32 MB; the file was not read further",
    });
  });
});
