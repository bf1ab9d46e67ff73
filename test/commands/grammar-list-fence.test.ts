// A code fence opened on a list item's line is a code block (CommonMark), so the commands shown in it are
// examples, not commands: a numbered how-to ("1. ```\n   /deploy production\n   ```") must not deploy
// (found by test/chaos/command-bypass.test.ts).
import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/commands/grammar.js";

const texts = (body: string) => parseCommands(body).map((l) => l.text);

describe("fences inside list items", () => {
  it("hide their contents, whatever the list marker", () => {
    expect(texts("- ```\n  /deploy production\n  ```")).toEqual([]);
    expect(texts("1. ```sh\n   /deploy production\n   ```")).toEqual([]);
    expect(texts("* ~~~\n  /merge\n  ~~~")).toEqual([]);
    expect(texts("+ ```\n  /gate override x\n  ```")).toEqual([]);
    expect(texts("2) ```\n   /rollback production\n   ```")).toEqual([]);
  });

  it("close at their closing fence: a command after them counts", () => {
    expect(texts("- ```\n  /deploy production\n  ```\n/rerun")).toEqual(["/rerun"]);
    expect(texts("1. ```\n   /merge\n   ```\n\n/report")).toEqual(["/report"]);
  });

  it("a list item that is a command is still a command line only at the line start", () => {
    expect(texts("- /deploy staging")).toEqual([]);
    expect(texts("1. Deploy with:\n   ```\n   /deploy production\n   ```")).toEqual([]);
  });
});
