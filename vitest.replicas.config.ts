import { defineConfig } from "vitest/config";

/** `npm run test:replicas`: real processes on real PostgreSQL and Redis (slow; not part of `npm test`). */
export default defineConfig({
  test: {
    include: ["test/replicas/**/*.replicas.ts"],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
