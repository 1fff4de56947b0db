import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { exampleDirectory, exampleFiles, examplesOf, ROOT, runExample } from '../scripts/readme.mjs';
import { runCli } from './helpers.js';

interface Example {
  kind: 'run' | 'shown';
  command: string;
  output?: string[];
}

describe('examplesOf', () => {
  it('finds commands in sh blocks (after && too, without comments) and shown outputs in text blocks', () => {
    const text = [
      '```sh',
      'npm ci && npx mining-energy estimate --region sichuan',
      'npx mining-energy datasets   # the series',
      'npm test',
      '```',
      '```text',
      '$ npx mining-energy regions',
      'line one',
      'line two',
      '```',
      '```text',
      'not an example',
      '```',
    ].join('\n');
    expect(examplesOf(text).map((e: Example) => [e.kind, e.command, e.output])).toEqual([
      ['run', 'npx mining-energy estimate --region sichuan', undefined],
      ['run', 'npx mining-energy datasets', undefined],
      ['shown', 'npx mining-energy regions', ['line one', 'line two']],
    ]);
  });
});

const COMMAND = 'npx mining-energy ';

/**
 * Runs an example as scripts/readme.mjs's runExample does (80 columns, no colour, stdout then stderr), but in
 * process when it is plain words, with at most its stdout redirected to a file (`> name`); an example needing
 * more of the shell runs the built binary under `sh`, as runExample does.
 */
async function runExampleInProcess(command: string, cwd: string): Promise<{ code: number | null; output: string[] }> {
  const [, words, redirect] = /^(.*?)(?:\s+>\s*([\w.-]+))?$/.exec(command.slice(COMMAND.length)) ?? [];
  if (!command.startsWith(COMMAND) || words === undefined || /[^\w\s.,:/=+-]/.test(words)) {
    return runExample(command, cwd) as { code: number | null; output: string[] };
  }
  const result = await runCli(words.split(/\s+/), { COLUMNS: '80' }, { cwd });
  if (redirect !== undefined) writeFileSync(join(cwd, redirect), result.stdout);
  const output = `${redirect === undefined ? result.stdout : ''}${result.stderr}`.replace(/\n$/, '');
  return { code: result.code, output: output === '' ? [] : output.split('\n') };
}

// Each file's examples run in order in one fresh directory, as a reader following it from a clean clone would.
const files = (exampleFiles() as string[])
  .map((file) => [file, examplesOf(readFileSync(join(ROOT, file), 'utf8')) as Example[]] as const)
  .filter(([, examples]) => examples.length > 0);

it('finds the examples of the README and of the command reference', () => {
  expect(files.map(([file]) => file)).toEqual(expect.arrayContaining(['README.md', 'docs/commands.md']));
});

describe.each(files)('the examples of %s', (file, examples) => {
  const dir: string = exampleDirectory();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(examples.map((e, i) => [i + 1, e.command, e] as const))(
    'example %i runs: %s',
    async (_, command, example) => {
      const result = await runExampleInProcess(command, dir);
      expect(result.code, result.output.join('\n')).toBe(0);
      // A shown output is what the command prints today (npm run readme rewrites them).
      if (example.kind === 'shown') expect(result.output).toEqual(example.output);
    },
    60_000,
  );
});
