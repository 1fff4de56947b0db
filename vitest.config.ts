import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The suite never sees the real user's data directory: XDG_DATA_HOME points at an empty folder of its own, which
// every test and every process a test starts inherits (test/global-setup.ts removes it at the end). No test may
// reach a real data service either: each source's base URL points at a closed local port unless a test sets it.
const userDataHome = mkdtempSync(join(tmpdir(), 'mining-energy-test-home-'));
const testEnv = {
  XDG_DATA_HOME: userDataHome,
  MINING_ENERGY_NO_USER_DATA: '',
  MINING_ENERGY_COINMETRICS_URL: 'http://127.0.0.1:9',
  MINING_ENERGY_CBECI_URL: 'http://127.0.0.1:9',
  MINING_ENERGY_EMBER_URL: 'http://127.0.0.1:9',
  MINING_ENERGY_OWID_URL: 'http://127.0.0.1:9',
  // PNGs draw their text in the fonts of a devDependency, the same on a machine without fonts as on one with.
  MINING_ENERGY_FONT_DIR: fileURLToPath(new URL('node_modules/dejavu-fonts-ttf/ttf', import.meta.url)),
  HTTPS_PROXY: '',
  HTTP_PROXY: '',
  https_proxy: '',
  http_proxy: '',
};
Object.assign(process.env, testEnv);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // The test files of a worker share its modules instead of each importing the sources (and Vega, zod…) again:
    // on two cores the unit tests take half the time. Nothing a test file changes outlives it: the CLI harness
    // (test/helpers.ts) puts back the environment, argv, the working directory and the streams after each run.
    isolate: false,
    env: testEnv,
    globalSetup: ['test/global-setup.ts'],
  },
});
