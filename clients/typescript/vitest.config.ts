import { defineConfig } from "vitest/config";

// One real Pictor for the whole run (test/pictorServer.ts); the files share it, one at a time, to spare a busy machine.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/pictorServer.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
