// Adversarial strings from report text: none may render HTML, ping anyone, or break the layout.
import { describe, expect, it } from "vitest";
import {
  codeBlock,
  codeSpan,
  inline,
  neutralizeReferences,
  table,
  truncateBytes,
  utf8Bytes,
} from "../../src/render/markdown.js";

describe("inline", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"],
    ["a | b | c", "a \\| b \\| c"],
    ["`rm -rf`", "\\`rm -rf\\`"],
    ["@acme/security-team please look", "@\u200Bacme/security-team please look"],
    ["fixes #123 and GH-7", "fixes \\#\u200B123 and GH-\u200B7"],
    ["line1\nline2\r\n\nline3", "line1 line2 line3"],
    ["[click](javascript:alert(1))", "\\[click\\]\\(javascript:alert\\(1\\)\\)"],
    ["**bold** _it_ ~~s~~", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~"],
    ["a\u202Eevil\u0007", "aevil"],
    ["x@example.com", "x@\u200Bexample.com"],
    ["&lt; stays literal", "&amp;lt; stays literal"],
  ])("%j", (input, expected) => {
    expect(inline(input)).toBe(expected);
  });

  it("cuts very long text (a 10,000-character test name) to the limit", () => {
    const out = inline("x".repeat(10_000), 100);
    expect(out).toHaveLength(100);
    expect(out.endsWith("…")).toBe(true);
  });

  it("escapes every pipe, not just the first", () => {
    expect(inline("|||")).toBe("\\|\\|\\|");
  });
});

describe("codeBlock", () => {
  it("uses a fence longer than any backtick run, so the block cannot be closed from inside", () => {
    const block = codeBlock("before ```` after\n```\nstill inside");
    expect(block.startsWith("`````\n")).toBe(true);
    expect(block.endsWith("\n`````")).toBe(true);
  });
  it("keeps HTML and mentions verbatim (inert inside code)", () => {
    expect(codeBlock("<b>@team</b>")).toBe("```\n<b>@team</b>\n```");
  });
  it("cuts long text and says how much", () => {
    expect(codeBlock("abcdef", 3)).toBe("```\nabc\n… (3 more characters)\n```");
  });
});

describe("table", () => {
  it("renders headers, alignment and rows", () => {
    expect(table(["a", "b"], [["1", "2"]], ["l", "r"])).toBe("| a | b |\n| --- | ---: |\n| 1 | 2 |");
  });
});

describe("truncateBytes", () => {
  it("counts bytes, not characters, and never splits a character", () => {
    const text = "é".repeat(100); // 200 bytes
    const out = truncateBytes(text, 51, "…");
    expect(utf8Bytes(out)).toBeLessThanOrEqual(51);
    expect(out).toBe(`${"é".repeat(24)}…`);
  });
  it("leaves short text alone", () => {
    expect(truncateBytes("abc", 10)).toBe("abc");
  });
});

describe("neutralizeReferences", () => {
  it("leaves e-mail-free, reference-free text unchanged", () => {
    expect(neutralizeReferences("plain text 42")).toBe("plain text 42");
  });
});

describe("codeSpan", () => {
  it.each([
    ["src/app.py:12", "`src/app.py:12`"],
    ["a`b", "``a`b``"],
    ["`x`", "`` `x` ``"],
    ["a\nb", "`a b`"],
    ["test_x\\y", "`test_x\\y`"],
  ])("%j", (input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });
});
