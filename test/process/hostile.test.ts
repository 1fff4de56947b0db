import { describe, expect, it } from 'vitest';
import { CASES, needsProcess, problemsOf, runCase } from '../hostile-cases.mjs';

/**
 * The hostile inputs (test/hostile-cases.mjs) that need a real process, run against the built binary: stdout on
 * /dev/full or on a pipe whose reader closes at once, a time limit (a hang is stopped by killing the process,
 * which a run in the test's own process could not be), and runs as another user. The others are in
 * test/hostile.test.ts, in process.
 */
describe('hostile inputs that need a process', () => {
  for (const testCase of CASES.filter(needsProcess)) {
    it.skipIf(testCase.skip === true)(`${testCase.class}: ${testCase.name} → exit ${testCase.code}`, async () => {
      const result = await runCase(testCase);
      const problems = problemsOf(testCase, result);
      expect(
        problems,
        `exit ${result.code}\nstdout: ${result.stdout.slice(0, 300)}\nstderr: ${result.stderr.slice(0, 600)}`,
      ).toEqual([]);
    });
  }
});
