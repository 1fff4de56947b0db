#!/usr/bin/env node
// Runs the catalogue of hostile inputs (test/hostile-cases.mjs) against the built binary and prints one line a
// case: class, name, what is required, what happened, PASS or FAIL. Run `npm run build` first.
import { CASES, problemsOf, runCase } from '../test/hostile-cases.mjs';

const firstLine = (text) => {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (lines.find((line) => line.startsWith('error:')) ?? lines[0] ?? '').slice(0, 160);
};
// eslint-disable-next-line no-control-regex -- shows control characters as escapes
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/gu;
const printable = (text) => text.replace(CONTROLS, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);

let failed = 0;
let skipped = 0;
for (const testCase of CASES) {
  const expected = `exit ${testCase.code}`;
  if (testCase.skip) {
    skipped++;
    console.log(`${testCase.class}\t${testCase.name}\t${expected}\t-\tSKIP`);
    continue;
  }
  const result = await runCase(testCase);
  const problems = problemsOf(testCase, result);
  if (problems.length > 0) failed++;
  const got = `exit ${result.code}: ${printable(firstLine(result.stderr)) || '(no stderr)'}`;
  const verdict = problems.length === 0 ? 'PASS' : `FAIL (${problems.join('; ')})`;
  console.log(`${testCase.class}\t${testCase.name}\t${expected}\tgot ${got}\t${verdict}`);
}
console.log(
  `${CASES.length - failed - skipped} of ${CASES.length} cases behave as required; ${failed} do not; ${skipped} skipped.`,
);
process.exitCode = failed > 0 ? 1 : 0;
