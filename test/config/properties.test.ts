// Config validation never throws: whatever a repository writes becomes a config or errors as values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/validate.js";
import { fuzzParams } from "../support/fuzz.js";

describe("validateConfig properties", () => {
  it("never throws on any JSON-like input: a config or errors, each with a message", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (raw) => {
        const result = validateConfig([{ config: raw }]);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      fuzzParams(300),
    );
  });

  it("never throws when known sections hold arbitrary values", () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const raw = fc.record(
      {
        gates: fc.record(
          { coverage: value, tests: value, required: value, licenses: value },
          { requiredKeys: [] },
        ),
        automerge: fc.record({
          dependabot: fc.record({ schedule: value, ignore: value }, { requiredKeys: [] }),
        }),
        deployments: fc.record({ order: value, protect: value }, { requiredKeys: [] }),
        slack: value,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(raw, (config) => {
        const result = validateConfig([{ config }]);
        if (!result.ok) for (const error of result.errors) expect(error.message.length).toBeGreaterThan(0);
      }),
      fuzzParams(300),
    );
  });
});
