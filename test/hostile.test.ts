import { describe, expect, it } from 'vitest';
import { CASES, problemsOf, runCase } from './hostile-cases.mjs';
import { runCli, WIDE } from './helpers.js';

/**
 * The catalogue of hostile inputs (test/hostile-cases.mjs), each run against the built binary: the exit code, an
 * empty stdout on failure, no stack trace, and the key words of the message or output the case requires. A case
 * skipped says why in its name.
 */
describe('hostile inputs', () => {
  for (const testCase of CASES) {
    it.skipIf(testCase.skip === true)(`${testCase.class}: ${testCase.name} → exit ${testCase.code}`, () => {
      const result = runCase(testCase, (args, env) => runCli(args, { ...WIDE, ...env }));
      const problems = problemsOf(testCase, result);
      expect(
        problems,
        `exit ${result.code}\nstdout: ${result.stdout.slice(0, 300)}\nstderr: ${result.stderr.slice(0, 600)}`,
      ).toEqual([]);
    });
  }
});
