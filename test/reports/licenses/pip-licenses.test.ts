import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../src/reports/file.js";
import { licenseCheckerParser } from "../../../src/reports/licenses/license-checker.js";
import { pipLicensesParser } from "../../../src/reports/licenses/pip-licenses.js";
import { troveToSpdx } from "../../../src/reports/licenses/trove.js";
import { DEFAULT_PARSE_LIMITS } from "../../../src/reports/parser.js";
import { parseDisk, readHead } from "../performance/support.js";

const ctx = { limits: DEFAULT_PARSE_LIMITS };
const FIXTURE = "fixtures/reports/licenses/pip-licenses/licenses.json";

describe("pip-licenses --format=json", () => {
  it("reads the hand-written fixture; unambiguous classifiers become SPDX", async () => {
    const head = await readHead(FIXTURE);
    expect(pipLicensesParser.sniff(head, FIXTURE)).toBe(true);
    expect(licenseCheckerParser.sniff(head, FIXTURE)).toBe(false);
    const [r, ...rest] = await parseDisk(pipLicensesParser, FIXTURE);
    expect(rest).toHaveLength(0);
    if (r?.kind !== "licenses") throw new Error("expected a licenses report");
    expect(r.packages).toHaveLength(8);
    expect(r.packages[0]).toEqual({ name: "certifi", version: "2022.9.24", license: "MPL-2.0" });
    expect(r.packages).toContainEqual({ name: "chardet", version: "5.1.0", license: "LGPL-2.0-or-later" });
    expect(r.packages).toContainEqual({ name: "idna", version: "3.3", license: "BSD License" });
    expect(r.packages).toContainEqual({ name: "internal-utils", version: "0.3.1", license: "UNKNOWN" });
    expect(r.packages).toContainEqual({
      name: "pyzmq",
      version: "24.0.1",
      license: "GNU Library or Lesser General Public License (LGPL) AND BSD License",
    });
  });

  it.each([
    ['[{"Name": "a", "Version": "1", "License": ""}]', [{ name: "a", version: "1", license: "UNKNOWN" }]],
    ['[{"Name": "a", "License": "MIT", "URL": "https://x"}]', [{ name: "a", license: "MIT" }]],
    ["[]", []],
  ])("%s", async (text, packages) => {
    const [r] = await pipLicensesParser.parse(memoryFile("l.json", text), ctx);
    expect(r).toMatchObject({ kind: "licenses", format: "pip-licenses", packages });
  });

  it("keeps named entries and reports nameless ones", async () => {
    const reports = await pipLicensesParser.parse(
      memoryFile("l.json", '[{"Name": "a", "License": "MIT"}, {"License": "MIT"}]'),
      ctx,
    );
    expect(reports).toMatchObject([
      { kind: "licenses", packages: [{ name: "a" }] },
      { kind: "unreadable", reason: expect.stringMatching(/skipped 1/) },
    ]);
  });

  it.each([
    ['{"Name": "a"}', /expected an array/],
    ['[{"License": "MIT"}]', /none of the 1 entries/],
  ])("%s is unreadable", async (text, reason) => {
    const [r] = await pipLicensesParser.parse(memoryFile("l.json", text), ctx);
    expect(r).toMatchObject({ kind: "unreadable", reason: expect.stringMatching(reason) });
  });

  it.each([
    ['[\n  {\n    "License": "MIT License",\n    "Name": "x"', true],
    ['[{"num_requests": 1, "name": "/"}]', false],
    ['{"Name": "x", "License": "MIT"}', false],
  ])("sniff(%j) is %s", (head, expected) => {
    expect(pipLicensesParser.sniff(head, "x.json")).toBe(expected);
  });
});

describe("troveToSpdx", () => {
  it.each([
    ["MIT License", "MIT"],
    ["GNU General Public License v3 (GPLv3)", "GPL-3.0-only"],
    ["GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"],
    ["GNU Affero General Public License v3", "AGPL-3.0-only"],
    ["Server Side Public License (SSPL)", "SSPL-1.0"],
    ["BSD License", "BSD License"],
    ["Apache Software License", "Apache Software License"],
    ["Apache-2.0", "Apache-2.0"],
    ["MIT License; MIT License", "MIT"],
    ["MIT License; GNU General Public License v3 (GPLv3)", "MIT AND GPL-3.0-only"],
    ["Apache-2.0 OR MIT; BSD License", "(Apache-2.0 OR MIT) AND BSD License"],
    ["UNKNOWN", "UNKNOWN"],
    [" ; ", "UNKNOWN"],
  ])("%j → %j", (input, expected) => {
    expect(troveToSpdx(input)).toBe(expected);
  });
});
