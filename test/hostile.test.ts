import { describe, expect, it } from 'vitest';
import { CASES, needsProcess, problemsOf, runCase } from './hostile-cases.mjs';
import { runCli, WIDE } from './helpers.js';

/**
 * The catalogue of hostile inputs (test/hostile-cases.mjs), each checked for the exit code, an empty stdout on
 * failure, no stack trace, and the key words of the message or output the case requires. A case skipped says why
 * in its name. These are the cases run in process; those that need a real process (stdout on /dev/full or a
 * closed pipe, a time limit against a hang, another user) are in test/process/hostile.test.ts.
 */
describe('hostile inputs', () => {
  for (const testCase of CASES.filter((c) => !needsProcess(c))) {
    it.skipIf(testCase.skip === true)(`${testCase.class}: ${testCase.name} → exit ${testCase.code}`, async () => {
      const result = await runCase(testCase, (args, env) => runCli(args, { ...WIDE, ...env }));
      const problems = problemsOf(testCase, result);
      expect(
        problems,
        `exit ${result.code}\nstdout: ${result.stdout.slice(0, 300)}\nstderr: ${result.stderr.slice(0, 600)}`,
      ).toEqual([]);
    });
  }
});
