import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import { licenseCheckerParser, licenseOf, splitKey } from "../../../src/reports/licenses/license-checker.js";
import { pipLicensesParser } from "../../../src/reports/licenses/pip-licenses.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { parseDisk, readHead } from "../performance/support.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const FIXTURE = "fixtures/reports/licenses/license-checker/licenses.json";

describe("license-checker --json", () => {
  it("reads real license-checker 25.0.1 output", async () => {
    const head = await readHead(FIXTURE);
    expect(licenseCheckerParser.sniff(head, FIXTURE)).toBe(true);
    expect(pipLicensesParser.sniff(head, FIXTURE)).toBe(false);
    const [r, ...rest] = await parseDisk(licenseCheckerParser, FIXTURE);
    expect(rest).toHaveLength(0);
    if (r?.kind !== "licenses") throw new Error("expected a licenses report");
    expect(r.packages).toHaveLength(34);
    expect(r.packages).toEqual(
      expect.arrayContaining([
        { name: "@isaacs/cliui", version: "8.0.2", license: "ISC" },
        { name: "jszip", version: "3.10.1", license: "(MIT OR GPL-3.0-or-later)" },
        { name: "pako", version: "1.0.11", license: "(MIT AND Zlib)" },
        { name: "left-pad", version: "1.3.0", license: "WTFPL" },
        { name: "tollgate-license-sample", version: "1.0.0", license: "UNLICENSED" },
      ]),
    );
  });

  it.each([
    ["left-pad@1.3.0", { name: "left-pad", version: "1.3.0" }],
    ["@scope/pkg@2.0.0-beta.1", { name: "@scope/pkg", version: "2.0.0-beta.1" }],
    ["@scope/pkg", { name: "@scope/pkg" }],
    ["plain", { name: "plain" }],
  ])("splitKey(%j)", (key, expected) => {
    expect(splitKey(key)).toEqual(expected);
  });

  it.each([
    ["MIT", "MIT"],
    ["MIT*", "MIT"],
    [["MIT", "Apache-2.0"], "MIT OR Apache-2.0"],
    [["(MIT AND Zlib)", "BSD-2-Clause"], "(MIT AND Zlib) OR BSD-2-Clause"],
    [["MIT AND Zlib", "ISC"], "(MIT AND Zlib) OR ISC"],
    [["(A) OR (B)", "C"], "((A) OR (B)) OR C"],
    ["Custom: https://example.com/LICENSE", "Custom: https://example.com/LICENSE"],
    [undefined, "UNKNOWN"],
    ["", "UNKNOWN"],
    [[], "UNKNOWN"],
    [42, "UNKNOWN"],
  ])("licenseOf(%j) = %j", (value, expected) => {
    expect(licenseOf(value)).toBe(expected);
  });

  it.each([
    ["[1, 2]", /expected an object/],
    ["{", /not valid JSON/],
  ])("%s is unreadable", async (text, reason) => {
    const [r] = await licenseCheckerParser.parse(memoryFile("l.json", text), ctx);
    expect(r).toMatchObject({
      kind: "unreadable",
      format: "license-checker",
      reason: expect.stringMatching(reason),
    });
  });

  it.each([
    ['{\n  "a@1.0.0": {\n    "licenses": "MIT"', true],
    ['{"@s/a@1.0.0": {"repository": "x"', true],
    ['{"src/a.py": [{"complexity": 1', false],
    ['{"metrics": {"vus": {}}}', false],
  ])("sniff(%j) is %s", (head, expected) => {
    expect(licenseCheckerParser.sniff(head, "x.json")).toBe(expected);
  });
});
