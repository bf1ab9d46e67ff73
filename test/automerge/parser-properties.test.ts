// Whatever a PR says, the parsers answer (never throw) and quickly (no regex blow-up on long input).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBody } from "../../src/automerge/body.js";
import { describeUpdate } from "../../src/automerge/describe-update.js";
import { parseCommitMetadata } from "../../src/automerge/metadata.js";
import { parseTitle } from "../../src/automerge/title.js";
import { fuzzParams } from "../support/fuzz.js";

const pieces = fc.constantFrom(
  "Bump ",
  "bump the ",
  " group",
  " across ",
  " directories",
  " with ",
  " from ",
  " to ",
  " in /",
  " and ",
  "chore(deps): ",
  "[Security] ",
  "---\n",
  "updated-dependencies:\n",
  "- dependency-name: ",
  "  dependency-type: ",
  "  update-type: version-update:semver-",
  "...\n",
  "Updates `",
  "Bumps [",
  "](x) ",
  "1.2.3",
  "`",
  " ",
  "\n",
  "&a ",
  "*a",
);
const text = fc.oneof(
  fc.string(),
  fc.array(pieces, { maxLength: 60 }).map((p) => p.join("")),
);

describe("parser properties", () => {
  it("never throws on arbitrary titles, bodies and commit messages", () => {
    fc.assert(
      fc.property(text, text, text, (title, body, message) => {
        parseTitle(title);
        parseBody(body);
        parseCommitMetadata(message);
        const info = describeUpdate({ title, body, headRef: title, commitMessages: [message] });
        // Every dependency ends with an update type (metadata, semver, or counted major).
        for (const d of info.dependencies) expect(d.updateType).toBeDefined();
      }),
      fuzzParams(300),
    );
  });

  it("stays fast on long adversarial input", () => {
    const long = `Bump ${"a ".repeat(400)}from ${"1 ".repeat(200)}to${" x".repeat(200)}`;
    const body = `${"Bumps [x](y) from ".repeat(2_000)}\n${"Updates `a` from ".repeat(2_000)}`;
    const message = `---\nupdated-dependencies:\n${"- dependency-name: x\n  dependency-type: indirect\n".repeat(2_000)}...`;
    const started = performance.now();
    parseTitle(long);
    parseTitle(`Bump x${" from a to b".repeat(80)} in`);
    parseTitle(`Bump x from ${"to ".repeat(320)}`);
    parseBody(body);
    expect(parseCommitMetadata(message)).toMatchObject({ found: true, ok: true });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
