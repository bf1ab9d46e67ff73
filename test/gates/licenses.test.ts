import { describe, expect, it } from "vitest";
import { licensesGate } from "../../src/gates/licenses.js";
import { judgeLicense } from "../../src/gates/spdx.js";
import { config, gateInput, licenseReport, merged } from "../support/gate-factories.js";

const DENY = ["GPL-3.0-only", "GPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "SSPL-1.0"];

describe("judgeLicense (SPDX expressions against the deny list)", () => {
  it.each([
    ["MIT", "allowed"],
    ["GPL-3.0-only", "denied"],
    ["gpl-3.0-only", "denied"],
    ["GPL-3.0", "denied"], // deprecated id = GPL-3.0-only
    ["GPL-3.0+", "denied"], // = GPL-3.0-or-later
    ["GPL-2.0-only", "allowed"],
    ["MIT OR GPL-3.0-only", "allowed"], // OR: any allowed alternative will do
    ["(GPL-3.0-only OR AGPL-3.0-only)", "denied"],
    ["MIT AND GPL-3.0-or-later", "denied"], // AND: any denied part denies
    ["(MIT OR Apache-2.0) AND BSD-3-Clause", "allowed"],
    ["Apache-2.0 AND (MIT OR GPL-3.0-only)", "allowed"],
    ["GPL-3.0-only WITH GCC-exception-3.1", "denied"],
    ["GPL-2.0-only WITH Classpath-exception-2.0", "allowed"],
    ["mit or gpl-3.0-only", "allowed"],
    ["UNKNOWN", "unknown"],
    ["NOASSERTION", "unknown"],
    ["", "unknown"],
    ["MIT OR UNKNOWN", "allowed"],
    ["GPL-3.0-only OR UNKNOWN", "unknown"],
    ["MIT AND UNKNOWN", "unknown"],
    ["SSPL-1.0 AND UNKNOWN", "denied"],
    ["MIT/X11", "allowed"], // not an expression: compared as a whole
    ["(MIT OR", "allowed"], // malformed: compared as a whole, not denied
  ])("%s → %s", (expression, status) => {
    expect(judgeLicense(expression, DENY).status).toBe(status);
  });

  it("names the denied identifiers", () => {
    expect(judgeLicense("MIT AND GPL-3.0+ AND SSPL-1.0", DENY)).toEqual({
      status: "denied",
      denied: ["GPL-3.0+", "SSPL-1.0"],
    });
  });

  it("a deny entry with an exception denies only that combination", () => {
    const deny = ["GPL-2.0-only WITH Classpath-exception-2.0"];
    expect(judgeLicense("GPL-2.0-only WITH Classpath-exception-2.0", deny).status).toBe("denied");
    expect(judgeLicense("GPL-2.0-only", deny).status).toBe("allowed");
  });
});

describe("licences gate", () => {
  const run = (packages: { name: string; license: string; version?: string }[], deny?: string[]) =>
    licensesGate(
      gateInput({
        merged: merged({ licenses: licenseReport(packages) }),
        config: config(deny === undefined ? {} : { gates: { licenses: { deny } } }),
      }),
    );

  it.each([
    [
      "all allowed",
      [{ name: "a", license: "MIT" }],
      undefined,
      "passed",
      "no denied licence among 1 package",
    ],
    [
      "one denied",
      [
        { name: "a", license: "MIT" },
        { name: "b", version: "1.2.3", license: "GPL-3.0-only" },
      ],
      undefined,
      "failed",
      "1 package under a denied licence: b@1.2.3 (GPL-3.0-only)",
    ],
    [
      "unknown is listed, not failed",
      [{ name: "a", license: "UNKNOWN" }],
      undefined,
      "passed",
      "no denied licence among 1 package; 1 package with an unknown licence",
    ],
    [
      "an empty deny list allows everything",
      [{ name: "b", license: "AGPL-3.0-only" }],
      [],
      "passed",
      "no denied licence among 1 package",
    ],
    [
      "many denied are cut in the reason",
      ["a", "b", "c", "d", "e"].map((name) => ({ name, license: "SSPL-1.0" })),
      undefined,
      "failed",
      "5 packages under a denied licence: a (SSPL-1.0), b (SSPL-1.0), c (SSPL-1.0) and 2 more",
    ],
  ] as const)("%s", (_name, packages, deny, status, reason) => {
    expect(run([...packages], deny === undefined ? undefined : [...deny])).toMatchObject({
      gate: "licenses",
      status,
      reason,
    });
  });

  it("lists denied and unknown packages in details", () => {
    const result = run([
      { name: "b", license: "MIT OR GPL-3.0-only" },
      { name: "c", license: "MIT AND GPL-3.0-only" },
      { name: "d", license: "NOASSERTION" },
    ]);
    expect(result.details).toEqual({
      kind: "licenses",
      denied: [{ name: "c", license: "MIT AND GPL-3.0-only", denied: ["GPL-3.0-only"] }],
      unknown: [{ name: "d", license: "NOASSERTION" }],
    });
  });

  it("an empty package list: skipped; required: failed", () => {
    expect(run([]).status).toBe("skipped");
    const input = gateInput({
      merged: merged({ licenses: licenseReport([]) }),
      config: config({ gates: { required: ["licenses"] } }),
    });
    expect(licensesGate(input).status).toBe("failed");
  });
});
