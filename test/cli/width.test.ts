import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/format/terminal/width.js';
import { FIXTURES, runCli } from '../helpers.js';
import { COMMAND_NAMES } from '../../src/cli/main.js';

/** A human-output run of every command, with the options that make its widest tables and longest lines. */
const COMMANDS: readonly (readonly string[])[] = [
  ['estimate', '--region', 'sichuan'],
  ['estimate', '--region', 'sichuan', '--uncertainty', '500', '--seed', '1', '--carbon-bracket'],
  ['estimate', '--region', 'world'],
  ['estimate', '--region', 'texas,kentucky,china'],
  ['estimate', '--all', '--kind', 'country', '--year', '2021'],
  ['estimate', '--region', 'texas', '--hashrate', '600', '--threshold', '55', '--date', '2024-06-01'],
  ['estimate', '--region', 'united-states', '--month', '2021-04'],
  ['estimate', '--region', 'ireland', '--year', '2019'],
  ['network', '--hashrate', '600', '--threshold', '55', '--date', '2026-11-22'],
  ['network', '--method', 'top-down', '--revenue-year', '10e9', '--electricity-share', '0.6', '--price', '0.05'],
  ['network', '--input', '--from', '2024-11-01'],
  ['scenario', '--ban', 'china', '--year', '2021'],
  ['scenario', '--ban', 'sichuan', '--redistribute', 'xinjiang', '--year', '2021', '--uncertainty', '200'],
  ['scenario', '--move', 'china:united-states:50', '--year', '2021'],
  ['shares', '--region', 'china'],
  ['shares', '--region', 'united-states', '--dataset', 'cdmir-survey-2024'],
  ['regions'],
  ['sources'],
  ['datasets'],
  ['compare', '296.59', '--baseline', 'cia-2016'],
  ['compare', '0.00001'],
  ['compare', '--region', 'sichuan', '--year', '2024'],
  ['claims'],
  ['data', 'check', FIXTURES + 'overlay'],
];

const tooWide = (text: string, width: number) => text.split('\n').filter((line) => displayWidth(line) > width);

describe('human output at 80 columns', () => {
  it.each(COMMANDS.map((args) => [args.join(' '), args] as const))(
    '%s: every line of stdout and stderr fits',
    async (_name, args) => {
      const { code, stdout, stderr } = await runCli(args, { COLUMNS: '80' });
      expect(code).toBe(0);
      expect(stdout.length).toBeGreaterThan(0);
      expect(tooWide(stdout, 80)).toEqual([]);
      expect(tooWide(stderr, 80)).toEqual([]);
    },
  );

  it('fits at 50 columns as well, bars and long addresses included', async () => {
    for (const args of [
      ['estimate', '--region', 'world'],
      ['estimate', '--region', 'texas,kentucky'],
      ['scenario', '--ban', 'china', '--year', '2021'],
      ['compare', '296.59', '--baseline', 'cia-2016'],
      ['datasets'],
      ['sources'],
    ]) {
      const { stdout, stderr } = await runCli(args, { COLUMNS: '50' });
      expect(tooWide(stdout, 50)).toEqual([]);
      expect(tooWide(stderr, 50)).toEqual([]);
    }
    // The bars shorten to fit rather than wrap onto a line of their own.
    const compared = (await runCli(['compare', '296.59', '--baseline', 'cia-2016'], { COLUMNS: '50' })).stdout;
    expect(compared).toMatch(/│ +12 │ ▶ 296\.59 TWh +│ 296\.6 │ █+/);
    expect(compared).not.toMatch(/│ +│ +│ +│ █/);
  });

  it('data import: the summary fits', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mining-energy-width-'));
    try {
      const { code, stdout, stderr } = await runCli(
        [
          'data',
          'import',
          'cbeci-energy',
          join(FIXTURES, 'import', 'cbeci_revised_daily_export_2010-07-18_2024-11-16.csv'),
          '--out',
          join(out, 'a-data-directory-with-a-rather-long-name'),
        ],
        { COLUMNS: '80' },
      );
      expect(code).toBe(0);
      expect(stdout).toMatch(/^wrote series cbeci/);
      expect(tooWide(stdout, 80)).toEqual([]);
      expect(tooWide(stderr, 80)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('with colour on, measures the text and not the colour codes', async () => {
    const { stdout } = await runCli(['estimate', '--region', 'sichuan'], {
      COLUMNS: '80',
      NO_COLOR: undefined,
      FORCE_COLOR: '1',
    });
    expect(stdout).toContain('\u001b[');
    expect(tooWide(stdout, 80)).toEqual([]);
  });
});

describe('help at 80 and 50 columns', () => {
  const helps = ['', ...COMMAND_NAMES, 'data import', 'data check'];
  it.each(helps)('mining-energy %s --help fits', async (command) => {
    for (const columns of ['80', '50']) {
      const result = await runCli([...command.split(' ').filter(Boolean), '--help'], { COLUMNS: columns });
      expect(result.code).toBe(0);
      expect(tooWide(result.stdout, Number(columns))).toEqual([]);
    }
  });
});

describe('layouts of the several-region estimate', () => {
  const args = ['estimate', '--region', 'texas,kentucky,china', '--year', '2024'];

  it('has every column when the terminal is wide enough', async () => {
    // The caveats are said on stderr, and so in the table only with -q.
    const { stdout } = await runCli([...args, '-q'], { COLUMNS: '200' });
    expect(stdout).toMatch(
      /│ Region +│ Kind +│ Period +│ +TWh\/yr │ Bounds TWh +│ +GW │ +Mt CO2 │ +% of World │ Basis +│ +Rank │ Caveats +│/,
    );
    const told = await runCli(args, { COLUMNS: '200' });
    expect(told.stdout).toMatch(/│ Basis +│ +Rank │\n/);
  });

  it('keeps a row per region with fewer columns at 80', async () => {
    const { stdout } = await runCli(args, { COLUMNS: '80' });
    expect(stdout).toMatch(/│ Region +│ TWh\/yr +│ Bounds TWh +│ Mt CO2 +│ % of World +│ +Rank │/);
    expect(stdout).toMatch(/│ Kentucky +│/);
    expect(stdout).toContain('All for 2024.');
  });

  it('gives a block per region when even that is too wide', async () => {
    const { stdout } = await runCli(args, { COLUMNS: '50' });
    expect(stdout).toMatch(/^Texas\n┌/m);
    expect(stdout).toMatch(/^Kentucky\n┌/m);
    expect(stdout).toMatch(/│ Basis +│ cbeci +│/);
  });
});

describe('numbers and words in human output', () => {
  it('states a rank below the whole list as such, not as "216th among 215"', async () => {
    const estimated = await runCli(['estimate', '--region', 'ireland', '--year', '2019', '--baseline', 'eia-2019'], {
      COLUMNS: '200',
    });
    expect(estimated.stdout).toMatch(/below all 215 countries on eia-2019/);
    expect(estimated.stdout).not.toMatch(/216th/);
    expect(estimated.stdout).not.toMatch(/below every country/);
    const compared = await runCli(['compare', '0.00001', '--baseline', 'eia-2019'], { COLUMNS: '200' });
    expect(compared.stdout).toMatch(/^0\.00001 TWh would rank below all 215 countries of eia-2019/);
    const top = await runCli(['compare', '99999', '--baseline', 'eia-2019'], { COLUMNS: '200' });
    expect(top.stdout).toMatch(/^99999 TWh would rank above all 215 countries of eia-2019/);
  });

  it('writes the possessive of a name ending in s without another s', async () => {
    const { stdout } = await runCli(['shares', '--region', 'texas'], { COLUMNS: '200' });
    expect(stdout).toMatch(/^Texas: share of United States' hashrate/);
  });

  it('has no float noise in any human output', async () => {
    for (const args of COMMANDS) {
      const { stdout, stderr } = await runCli(args, { COLUMNS: '80' });
      expect(`${stdout}${stderr}`).not.toMatch(/\d\.\d*(?:0000000|9999999)\d*/);
    }
  });
});

describe('machine-readable output', () => {
  it('does not depend on the width', async () => {
    for (const args of [
      ['estimate', '--region', 'sichuan,texas', '--json'],
      ['estimate', '--region', 'sichuan', '--format', 'csv'],
      ['scenario', '--ban', 'china', '--year', '2021', '--json'],
      ['datasets', '--json'],
    ]) {
      expect((await runCli(args, { COLUMNS: '40' })).stdout).toBe((await runCli(args, { COLUMNS: '1000' })).stdout);
    }
  });
});
