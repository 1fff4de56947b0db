import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module, shared with scripts/hostile-report.mjs
import { CASES, problemsOf, runCase } from './hostile-cases.mjs';
import { runCli, WIDE } from './helpers.js';

interface HostileCase {
  name: string;
  class: string;
  skip?: boolean;
  code: number;
}

/**
 * The catalogue of hostile inputs (test/hostile-cases.mjs), each run against the built binary: the exit code, an
 * empty stdout on failure, no stack trace, and the key words of the message or output the case requires.
 */
describe('hostile inputs', () => {
  for (const testCase of CASES as HostileCase[]) {
    it.skipIf(testCase.skip === true)(`${testCase.class}: ${testCase.name} → exit ${testCase.code}`, () => {
      const result = runCase(testCase, (args: string[], env: Record<string, string>) =>
        runCli(args, { ...WIDE, ...env }),
      );
      const problems = problemsOf(testCase, result) as string[];
      expect(
        problems,
        `exit ${result.code}\nstdout: ${result.stdout.slice(0, 300)}\nstderr: ${result.stderr.slice(0, 600)}`,
      ).toEqual([]);
    });
  }
});
