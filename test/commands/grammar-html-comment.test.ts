// Commands inside HTML comments: GitHub renders nothing of an HTML comment block, so a command there is
// invisible to everyone reading the PR and must not run (found by test/chaos/command-bypass.test.ts).
import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/commands/grammar.js";

const names = (body: string) => parseCommands(body).map((l) => l.text);

describe("HTML comments hide no command", () => {
  it("ignores every line of a multi-line HTML comment, the closing line included", () => {
    expect(names("Looks good.\n<!--\n/deploy production\n/gate override hidden\n-->")).toEqual([]);
    expect(names("<!-- note\n/deploy production -->")).toEqual([]);
    expect(names("   <!--\n/merge\n  -->")).toEqual([]);
  });

  it("reads commands again after the comment closes, and after a one-line comment", () => {
    expect(names("<!--\n/merge\n-->\n/deploy staging")).toEqual(["/deploy staging"]);
    expect(names("<!-- template note -->\n/rerun")).toEqual(["/rerun"]);
    expect(names("text <!-- inline\n/report")).toEqual(["/report"]);
  });

  it("an unclosed HTML comment hides the rest of the comment (as GitHub renders it)", () => {
    expect(names("<!--\n/deploy staging\n/merge")).toEqual([]);
  });

  it("inside a fence, <!-- is code: it opens no comment", () => {
    expect(names("```\n<!--\n```\n/rerun")).toEqual(["/rerun"]);
  });

  it("a fence inside an HTML comment opens no fence", () => {
    expect(names("<!--\n```\n-->\n/rerun")).toEqual(["/rerun"]);
  });
});
