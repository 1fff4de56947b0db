import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The test files of a worker share its modules instead of each importing the sources (and Vega, zod…) again:
    // on two cores the unit tests take half the time. Nothing a test file changes outlives it: the CLI harness
    // (test/helpers.ts) puts back the environment, argv, the working directory and the streams after each run.
    isolate: false,
  },
});
