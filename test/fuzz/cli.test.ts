import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/main.js';
import { runCli, type RunResult, STACK_FRAME } from '../helpers.js';
import { FORBIDDEN_CONTROLS, fuzzParameters, fuzzTimeoutMs } from './settings.js';

/**
 * Properties of the whole CLI, run in process on random options drawn from each command's real ones: it exits 0,
 * 1 or 2; a failure writes nothing to stdout and one plain message to stderr (no stack trace, no control
 * character but the line feed); and a successful --json run writes JSON whose every number is finite.
 */

/** The model options `estimate` and `network` share (src/cli/model-options.ts), all taking a value. */
const MODEL_OPTIONS: Record<string, boolean> = {
  '--method': true,
  '--hashrate': true,
  '--threshold': true,
  '--revenue': true,
  '--price': true,
  '--date': true,
  '--hardware': true,
  '--weighting': true,
  '--overheads': true,
  '--revenue-year': true,
  '--electricity-share': true,
};

/** What warnings the commands that give them print: all in full, or none. */
/** The options report and chart share: the region and the estimate's choices (each true when it takes a value). */
const PICTURE_OPTIONS = {
  '--region': true,
  '-r': true,
  '--year': true,
  '--month': true,
  '--series': true,
  '--share-dataset': true,
  '--carbon-basis': true,
  '--baseline': true,
  '--carbon-bracket': true,
  '--strict-breaks': false,
};

const WARNING_OPTIONS: Record<string, boolean> = { '--explain': false, '-q': false, '--quiet': false };

/**
 * Each command's options (from its --help, which the last test here checks them against), those taking a value
 * marked by `true`; {@link LEFT_OUT} are not drawn.
 */
const COMMANDS: Record<string, { options: Record<string, boolean>; positionals?: number }> = {
  estimate: {
    options: {
      '--region': true,
      '-r': true,
      '--all': false,
      '--kind': true,
      '--years': true,
      '--skip-missing': false,
      '--year': true,
      '--month': true,
      '--series': true,
      '--share-dataset': true,
      '--carbon-basis': true,
      '--baseline': true,
      '--format': true,
      '--json': false,
      '--carbon-bracket': true,
      '--uncertainty': true,
      '--seed': true,
      '--basis-spread': true,
      '--share-spread': true,
      '--break-spread': true,
      '--intensity-spread': true,
      '--strict-breaks': false,
      ...MODEL_OPTIONS,
      ...WARNING_OPTIONS,
    },
  },
  compare: {
    options: {
      '--region': true,
      '-r': true,
      '--year': true,
      '--month': true,
      '--series': true,
      '--baseline': true,
      '--around': true,
      '--with': true,
      '--format': true,
      '--json': false,
      ...WARNING_OPTIONS,
    },
    positionals: 1,
  },
  network: {
    options: {
      ...MODEL_OPTIONS,
      '--input': false,
      '--from': true,
      '--to': true,
      '--smooth': true,
      '--average': true,
      '--format': true,
      '--json': false,
      ...WARNING_OPTIONS,
    },
  },
  scenario: {
    options: {
      '--ban': true,
      '--redistribute': true,
      '--move': true,
      '--year': true,
      '--month': true,
      '--series': true,
      '--carbon-basis': true,
      '--uncertainty': true,
      '--seed': true,
      '--basis-spread': true,
      '--share-spread': true,
      '--break-spread': true,
      '--intensity-spread': true,
      '--format': true,
      '--json': false,
      ...WARNING_OPTIONS,
    },
  },
  shares: {
    options: {
      '--region': true,
      '-r': true,
      '--from': true,
      '--to': true,
      '--dataset': true,
      '--format': true,
      '--json': false,
    },
  },
  regions: { options: { '--format': true, '--json': false } },
  sources: { options: { '--format': true, '--json': false } },
  datasets: { options: { '--format': true, '--json': false } },
  claims: { options: { '--seeds': true, '--format': true, '--json': false } },
  // Without --out (a random name would be written in the working directory): the page or chart on stdout.
  report: { options: { ...PICTURE_OPTIONS, ...WARNING_OPTIONS } },
  chart: {
    options: { ...PICTURE_OPTIONS, '--format': true, ...WARNING_OPTIONS },
    positionals: 1,
  },
};
const GLOBAL_OPTIONS: Record<string, boolean> = {
  '--data': true,
  '--no-default-data': false,
  '--no-user-data': false,
  '--no-color': false,
};

/**
 * Options in --help that are not drawn, and why: help and the version only print those; --debug asks for stack
 * traces; --out and --force write files (a random name would be written in the working directory).
 */
const LEFT_OUT = new Set(['-h', '--help', '-V', '--version', '--debug', '-o', '--out', '--force']);

/** The commands not fuzzed here: `data` and its subcommands write files (see test/fuzz/importers.test.ts). */
const NOT_FUZZED = new Set(['data']);

/** Values that are real for some option, and values no option should take quietly. */
const VALUES = [
  '0x10',
  '1e309',
  '-1e309',
  '1e308',
  '-1',
  '-0',
  '0',
  '1',
  '5',
  '100',
  '1000',
  '0.5',
  'NaN',
  'Infinity',
  '',
  ' 5',
  '\u001b[2J',
  '\u001b]0;pwned\u0007',
  '\u0000',
  'x'.repeat(5_000),
  '𝕊ichuan',
  '2021',
  '0099',
  '2021-06',
  '0000-01',
  '2021-06-15',
  '2023-02-29',
  '2022-01-01',
  'sichuan',
  'china',
  'united-states',
  'world',
  'cbeci',
  'cia-2016',
  'eia-2019',
  'json',
  'ndjson',
  'csv',
  'table',
  'country',
  'bottom-up',
  'top-down',
  'life-cycle',
  'proportional',
  'china:united-states:50',
  '0,1e309',
  '1,2',
  '1.1,1.2,1.3',
  '40e6',
  'test/fixtures',
  'shares',
  'network',
  'neighbours',
  'carbon',
  'energy',
  '2019-2026',
  '2026-2019',
  'svg',
  'vega-lite',
] as const;
const value = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: fc.string() });

function optionsOf(table: Record<string, boolean>, most: number) {
  const names = Object.keys(table);
  return fc.array(
    fc.tuple(fc.constantFrom(...names), value).map(([name, arg]) => (table[name] ? [name, arg] : [name])),
    { maxLength: most },
  );
}

/** A working run of each command, for random options to be added to: most random runs fail at parsing otherwise. */
const WORKING: Record<string, string[]> = {
  estimate: ['--region', 'sichuan', '--year', '2021'],
  compare: ['100'],
  network: ['--hashrate', '600', '--threshold', '30', '--date', '2024-01-01'],
  scenario: ['--ban', 'china', '--year', '2021'],
  shares: ['--region', 'china'],
  report: ['--region', 'sichuan', '--year', '2021'],
  chart: ['shares', '--region', 'sichuan'],
};

const argvArb = fc.constantFrom(...Object.keys(COMMANDS)).chain((command) => {
  const spec = COMMANDS[command] as (typeof COMMANDS)[string];
  const random = fc
    .record({
      globals: optionsOf(GLOBAL_OPTIONS, 5),
      options: optionsOf(spec.options, 5),
      positionals: fc.array(value, { maxLength: spec.positionals ?? 0 }),
    })
    .map(({ globals, options, positionals }) => [...globals.flat(), command, ...positionals, ...options.flat()]);
  const nearlyWorking = fc
    .record({ options: optionsOf(spec.options, 2), json: fc.boolean() })
    .map(({ options, json }) => [command, ...(WORKING[command] ?? []), ...options.flat(), ...(json ? ['--json'] : [])]);
  return fc.oneof(random, nearlyWorking);
});

/** The numbers of a JSON value that are not finite, by path. */
function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFiniteNumbers(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => nonFiniteNumbers(item, `${path}.${key}`));
  }
  return [];
}

const wantsJson = (args: readonly string[]) =>
  args.includes('--json') || args.some((arg, i) => arg === '--format' && args[i + 1] === 'json');

/** One property of every run of the CLI on random options, checked on what the run returned and wrote. */
function everyRun(check: (args: string[], result: RunResult, shown: string) => void) {
  return async () => {
    await fc.assert(
      fc.asyncProperty(argvArb, async (args) => {
        const result = await runCli(args);
        check(args, result, `${JSON.stringify(args).slice(0, 300)} → ${result.code}\n${result.stderr.slice(0, 500)}`);
      }),
      fuzzParameters(300),
    );
  };
}

describe('the CLI on random options', () => {
  it(
    'exits 0, 1 or 2; on failure writes nothing on stdout; never a stack trace nor an unexpected error',
    everyRun((_, { code, stdout, stderr }, shown) => {
      expect([0, 1, 2], shown).toContain(code);
      expect(stderr, shown).not.toMatch(STACK_FRAME);
      // run() turns an error it did not expect (a TypeError, a RangeError) into exit 1 with this word.
      expect(stderr, shown).not.toMatch(/error: unexpected \w*/);
      if (code !== 0) expect(stdout, shown).toBe('');
    }),
    fuzzTimeoutMs(20_000),
  );

  it(
    'writes no control character but the line feed on stderr',
    everyRun((_, { stderr }, shown) => expect(stderr, shown).not.toMatch(FORBIDDEN_CONTROLS)),
    fuzzTimeoutMs(20_000),
  );

  it(
    'writes JSON whose every number is finite when --json succeeds',
    everyRun((args, { code, stdout }, shown) => {
      if (code === 0 && wantsJson(args)) expect(nonFiniteNumbers(JSON.parse(stdout)), shown).toEqual([]);
    }),
    fuzzTimeoutMs(20_000),
  );
});

describe("the fuzz's options", () => {
  /** The options an --help lists under "Options:", short and long forms. */
  async function helpOptions(args: string[]): Promise<string[]> {
    const { code, stdout } = await runCli([...args, '--help'], { COLUMNS: '300' });
    expect(code).toBe(0);
    const section = stdout.split(/^Options:\n/m)[1]?.split(/\n\n/)[0] ?? '';
    expect(section).not.toBe('');
    return section
      .split('\n')
      .flatMap((line) => /^ {2}(?:(-\w), )?(--[\w-]+)/.exec(line)?.slice(1) ?? [])
      .filter((name): name is string => name !== undefined);
  }

  it('are every option of each command, as its --help lists them', async () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(COMMAND_NAMES.filter((name) => !NOT_FUZZED.has(name)).sort());
    for (const command of Object.keys(COMMANDS)) {
      const listed = (await helpOptions([command])).filter((name) => !LEFT_OUT.has(name));
      expect(listed.length, command).toBeGreaterThan(0);
      const missing = listed.filter((name) => !(name in (COMMANDS[command] as (typeof COMMANDS)[string]).options));
      expect(missing, `${command}: in its --help, not in the fuzz`).toEqual([]);
    }
  });

  it("are every global option, as the program's --help lists them", async () => {
    const missing = (await helpOptions([])).filter((name) => !LEFT_OUT.has(name) && !(name in GLOBAL_OPTIONS));
    expect(missing).toEqual([]);
  });

  it("draw every kind of chart the chart command's --help names", async () => {
    const { stdout } = await runCli(['chart', '--help'], { COLUMNS: '300' });
    const kinds = /choices: ((?:"[\w-]+"(?:, )?)+)/.exec(stdout)?.[1]?.match(/[\w-]+/g) ?? [];
    expect(kinds).toContain('energy');
    expect(kinds.filter((kind) => !(VALUES as readonly string[]).includes(kind))).toEqual([]);
  });
});
