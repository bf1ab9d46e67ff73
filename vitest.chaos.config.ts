import { defineConfig } from "vitest/config";

// `npm run test:chaos`: fault injection and hostile input against the real server (test/chaos/).
// One fork at a time: the suites start servers and child processes and measure their memory.
export default defineConfig({
  test: {
    include: ["test/chaos/**/*.test.ts"],
    globalSetup: ["test/chaos/summary.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
  },
});
