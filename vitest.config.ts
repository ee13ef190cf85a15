import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Loading ONNX models and spawning the CLI take seconds on 2 cores; speed is measured by `npm run eval`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Says whether the tests against a real Redis ran (they need REDIS_URL).
    globalSetup: ["test/support/redis-notice.ts"],
  },
});
