import { defineConfig } from "vitest/config";

// `npm run fuzz`: every fuzz and property test, with FUZZ_RUNS (default 20,000) inputs per property
// instead of the normal run's few hundred. Same fixed seed unless FUZZ_SEED is set (test/support/fuzz.ts).
process.env.FUZZ_RUNS ??= "20000";

export default defineConfig({
  test: {
    include: [
      "test/reports/fuzz.test.ts",
      "test/commands/grammar-fuzz.test.ts",
      "test/artifacts/zip-fuzz.test.ts",
      "test/github/diff-fuzz.test.ts",
      "test/config/properties.test.ts",
      "test/automerge/parser-properties.test.ts",
      "test/gates/properties.test.ts",
      "test/reports/xml.test.ts",
      "test/reports/coverage/lcov-stream.test.ts",
      "test/reports/tests/junit.test.ts",
    ],
    testTimeout: 900_000,
  },
});
