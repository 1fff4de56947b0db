import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFailure, FIXTURES, runCli, SHIPPED_DATA, WIDE } from '../helpers.js';

const EXAMPLE = join(FIXTURES, 'hardware', 'cbeci-example.json');
/** The bottom-up model at 600 EH/s and a 55 J/TH threshold, the issue's first example. */
const AT_600_AND_55 = ['network', '--hashrate', '600', '--threshold', '55'];
/** CBECI's public arithmetic check: 600 EH/s on machines of 16.5, 21.5 and 29.5 J/TH, plain mean. */
const CBECI_CHECK = [
  '--hashrate',
  '600',
  '--threshold',
  '55',
  '--date',
  '2023-06-01',
  '--hardware',
  EXAMPLE,
  '--weighting',
  'mean',
];

describe('network', () => {
  it("reproduces CBECI's arithmetic from a user hardware file (600 EH/s; 16.5, 21.5 and 29.5 J/TH)", async () => {
    const { code, stdout, stderr } = await runCli(['network', ...CBECI_CHECK, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.method).toBe('bottom-up');
    expect(result.power.lowerGw).toBeCloseTo(9.999, 3);
    expect(result.energy.lowerTwh).toBeCloseTo(87.65, 2);
    expect(result.power.upperGw).toBeCloseTo(21.24, 2);
    expect(result.energy.upperTwh).toBeCloseTo(186.19, 2);
    expect(result.power.gw).toBeCloseTo(14.85, 2);
    expect(result.energy.twh).toBeCloseTo(130.18, 2);
    expect(result.eligible).toEqual(
      [16.5, 21.5, 29.5].map((jPerTh, i) => ({
        model: `Example ${'ABC'[i]}`,
        released: '2023-01-01',
        jPerTh,
        weight: 1,
        source: 'cbeci-hardware-2020',
        evidence: 'primary',
        approximate: false,
      })),
    );
  });

  it('runs today on the shipped list, which extends past 2020 with cited models, and flags approximate dates', async () => {
    const { code, stdout } = await runCli([...AT_600_AND_55, '--date', '2026-11-22', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const models = result.eligible.map((m: { model: string }) => m.model);
    expect(models).toContain('Bitmain Antminer S21 XP (270Th)');
    expect(models).toContain('Canaan Avalon A16 XP (300Th)');
    expect(models).toContain('MicroBT Whatsminer M70');
    expect(result.eligible.every((m: { released: string }) => m.released > '2021-11-22')).toBe(true);
    expect(models).toContain('Bitdeer SealMiner A3 Pro Hydro (660Th)');
    // The S23 Hyd 3U (11,020 W ÷ 1,160 TH/s = 9.5 J/TH, listed January 2026) is the most efficient machine:
    // 600 EH/s × 9.5 J/TH × 1.01.
    expect(result.power.lowerGw).toBeCloseTo(600e6 * 9.5 * 1.01 * 1e-9, 9);
    expect(result.warnings).toContainEqual({
      level: 'note',
      code: 'model-approximate-date',
      message: expect.stringMatching(/^Approximate release dates/),
    });
  });

  it('derives the threshold from revenue and price on the shipped hardware list', async () => {
    const { code, stdout } = await runCli([
      'network',
      '--hashrate',
      '180',
      '--revenue',
      '40e6',
      '--price',
      '0.08',
      '--date',
      '2022-01-01',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.thresholdJPerTh).toBeCloseTo(40e6 / (180e6 * 86_400) / (0.08 / 3.6e6), 6);
    expect(result.eligible.every((m: { jPerTh: number }) => m.jPerTh < result.thresholdJPerTh)).toBe(true);
    expect(result.energy.lowerTwh).toBeLessThan(result.energy.twh);
    expect(result.energy.twh).toBeLessThan(result.energy.upperTwh);
  });

  it('prints the top-down estimate with its assumptions', async () => {
    const { code, stdout, stderr } = await runCli([
      'network',
      '--method',
      'top-down',
      '--revenue-year',
      '10e9',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.energy).toEqual({ twh: 120, lowerTwh: null, upperTwh: null });
    expect(result.inputs).toEqual({ revenueUsdPerYear: 1e10, electricityShare: 0.6, priceUsdPerKwh: 0.05 });
    expect(result.warnings).toEqual([
      { level: 'note', code: 'model-assumption', message: expect.stringMatching(/60% of miners' revenue/) },
    ]);
    expect(stderr).toBe('');
  });

  it('says which machine a too-low threshold excludes', async () => {
    const { code, stdout, stderr } = await runCli(
      ['network', '--hashrate', '600', '--threshold', '15', '--date', '2023-06-01', '--hardware', EXAMPLE],
      WIDE,
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/most efficient in service, Example A \(16\.5 J\/TH\), needs a threshold above 16\.5 J\/TH/);
  });

  it('says when every machine is too old, naming the newest', async () => {
    const { code, stderr } = await runCli([...AT_600_AND_55, '--date', '2030-01-01', '--hardware', EXAMPLE], WIDE);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /the newest, Example A, was released on 2023-01-01. Use an earlier --date or a newer list with --hardware/,
    );
  });

  it.each([
    [['network', '--hashrate', '-600', '--threshold', '55'], /argument '-600' is invalid/],
    [['network', '--hashrate', '600', '--revenue', '4e7', '--price', '0'], /argument '0' is invalid/],
    [['network', '--hashrate', '600'], /Give --threshold/],
    [['network', '--threshold', '55'], /needs --hashrate/],
    [
      ['network', '--hashrate', '600', '--threshold', '55', '--revenue', '4e7'],
      /cannot be used with option '--revenue/,
    ],
    [['network', '--hashrate', '600', '--threshold', '55', '--date', '2022-02-30'], /argument '2022-02-30' is invalid/],
    [['network', '--method', 'top-down'], /needs --revenue-year/],
    [
      ['network', '--method', 'top-down', '--revenue-year', '1e9', '--electricity-share', '1.5'],
      /argument '1.5' is invalid/,
    ],
    [
      ['network', '--hashrate', '600', '--threshold', '55', '--overheads', '1.01,0.9,1.2'],
      /three overheads from 1 to 10/,
    ],
    [
      ['network', '--hashrate', '600', '--threshold', '55', '--overheads', '1.5,1.0,1.0'],
      /overheads in order, lower ≤ best ≤ upper/,
    ],
  ])('exits 2 on %j', async (args, message) => await expectFailure(args, 2, message));

  it('exits 1 on a bad hardware file, listing each problem', async () => {
    const { code, stdout, stderr } = await runCli(
      ['network', '--hashrate', '600', '--threshold', '55', '--hardware', join(FIXTURES, 'hardware', 'bad.json')],
      WIDE,
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad.json → record 1 ("No date") → released → is required (string)');
    expect(stderr).toContain('bad.json → record 2 ("Negative") → released → must be a real calendar date');
    expect(stderr).toContain('bad.json → record 2 ("Negative") → jPerTh → must be a positive efficiency in J/TH');
  });
});

describe('estimate on a computed basis', () => {
  it('uses the model as the world basis, with its inputs, and validates against the schema', async () => {
    const { EstimateDocumentSchema } = await import('../../src/contract/estimate.js');
    const { code, stdout } = await runCli(['estimate', '--region', 'texas', ...CBECI_CHECK, '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(EstimateDocumentSchema.safeParse(document).success).toBe(true);
    const [texas] = document;
    expect(texas.year).toBe(2023);
    expect(texas.basis).toMatchObject({ series: 'bottom-up', scope: 'world', source: 'computed' });
    expect(texas.basis.twh).toBeCloseTo(130.18, 2);
    expect(texas.basis.inputs).toMatchObject({ hashrateEhs: 600, weighting: 'mean', date: '2023-06-01' });
    expect(texas.energy.twh).toBeCloseTo((texas.share.pct / 100) * texas.basis.twh, 7);
    // The model's own bounds stay in the basis; the estimate's combine them with the shares' uncertainty.
    expect(texas.basis.lowerTwh).toBeCloseTo(87.65, 1);
    expect(texas.energy.lowerTwh).toBeLessThan(texas.energy.twh);
    expect(texas.energy.upperTwh).toBeGreaterThan(texas.energy.twh);
    expect(texas.sources.map((s: { id: string }) => s.id)).toContain('cbeci-hardware-2020');
  });

  it('refuses --series with a model', async () => {
    const { code, stderr } = await runCli([
      'estimate',
      '--region',
      'texas',
      '--hashrate',
      '600',
      '--threshold',
      '55',
      '--series',
      'cbeci',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--series or a model basis, not both/);
  });
});

describe('network --input', () => {
  const SERIES = join(FIXTURES, 'series');

  it('runs a CSV series, one result a row, with the smoothing asked for', async () => {
    const { code, stdout } = await runCli([
      'network',
      '--input',
      join(SERIES, 'small.csv'),
      '--smooth',
      '2',
      '--hardware',
      EXAMPLE,
      '--json',
    ]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    expect(results.map((r: { thresholdJPerTh: number }) => r.thresholdJPerTh)).toEqual([10, 15, 25, 35]);
    expect(results.map((r: { eligible: number }) => r.eligible)).toEqual([0, 0, 2, 3]);
  });

  it('reads NDJSON with revenue, and writes CSV and ndjson', async () => {
    const csv = await runCli(['network', '--input', join(SERIES, 'revenue.ndjson'), '--format', 'csv']);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trimEnd().split('\r\n');
    expect(header).toBe(
      'date,hashrateEhs,rawThresholdJPerTh,thresholdJPerTh,thresholdWindowDays,averageWindowDays,eligible,energy.twh,energy.lowerTwh,energy.upperTwh,power.gw,power.lowerGw,power.upperGw',
    );
    expect(rows).toHaveLength(2);
    const ndjson = await runCli(['network', '--input', join(SERIES, 'revenue.ndjson'), '--format', 'ndjson']);
    expect(
      ndjson.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).date),
    ).toEqual(['2022-01-01', '2022-01-02']);
  });

  it("gives CBECI's daily index on its reference series with --weighting mean --average 7", async () => {
    const dir = join(FIXTURES, 'cbeci');
    // The reference file carries CBECI's results beside the inputs; the input series holds only the inputs.
    const scratch = mkdtempSync(join(tmpdir(), 'mining-energy-cbeci-'));
    const inputs = join(scratch, 'inputs.csv');
    const referenceLines = readFileSync(join(dir, 'series.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(inputs, `${referenceLines.map((line) => line.split(',').slice(0, 3).join(',')).join('\n')}\n`);
    const { code, stdout, stderr } = await runCli(
      [
        'network',
        '--input',
        inputs,
        '--hardware',
        join(dir, 'hardware.json'),
        '--weighting',
        'mean',
        '--average',
        '7',
        '--json',
        '--explain',
      ],
      WIDE,
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/No machine is eligible on 37 days .*repeats the day before/);
    const results = JSON.parse(stdout) as { date: string; power: { gw: number }; energy: { upperTwh: number } }[];
    const [header, ...lines] = readFileSync(join(dir, 'series.csv'), 'utf8').trimEnd().split('\n');
    const columns = (header as string).split(',');
    expect(results).toHaveLength(lines.length);
    // Both sides carry 10 significant digits.
    const near = (actual: number, expected: number) => Math.abs(actual - expected) <= 2e-9 * Math.abs(expected);
    const off = lines.filter((line, i) => {
      const cells = Object.fromEntries(line.split(',').map((cell, j) => [columns[j], cell]));
      const result = results[i] as (typeof results)[number];
      return (
        result.date !== cells.date ||
        !near(result.power.gw, Number(cells.guess_power)) ||
        !near(result.energy.upperTwh, Number(cells.max_consumption))
      );
    });
    expect(off).toEqual([]);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('lists every bad line and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['network', '--input', join(SERIES, 'bad.csv')], WIDE);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('has 4 problems');
    expect(stderr).toContain(
      'bad.csv → line 3 → hashrateEhs → -5 is out of range: it must be a hash rate in EH/s from 1e-12 to 1e6, e.g. 600',
    );
    expect(stderr).toContain(
      'bad.csv → line 5 → revenueUsd → give either revenueUsd or thresholdJPerTh, not both and not neither',
    );
    expect(stderr).toContain('bad.csv → line 6 → date → 2022-01-02 is not after 2022-01-05 (line 4)');
    expect(stderr).toContain('bad.csv → line 7 → date → 2022-02-30 must be a real calendar date');
    expect(stderr).not.toMatch(/unexpected/);
  });

  it.each([
    [['network', '--input', 'x.csv', '--hashrate', '600'], /--hashrate has no use with it/],
    [['network', '--hashrate', '600', '--threshold', '55', '--smooth', '3'], /--smooth goes with --input/],
    [['network', '--hashrate', '600', '--threshold', '55', '--average', '7'], /--average goes with --input/],
    [['network', '--input', 'x.csv', '--average', '7.5'], /--average.*whole number/],
    [['network', '--hashrate', '600', '--threshold', '55', '--from', '2024-01-01'], /--from goes with --input/],
    [['network', '--input', '--from', '2024-02-30'], /option '--from <yyyy-mm-dd>' argument '2024-02-30' is invalid/],
    [
      ['network', '--input', '--from', '2024-02-02', '--to', '2024-02-01'],
      /--from 2024-02-02 is after --to 2024-02-01/,
    ],
    [
      ['network', '--input', '--to', '2009-12-31'],
      /No day of .*network-inputs\.csv is on or before 2009-12-31; it covers 2010-07-18 to 2025-12-29\./,
    ],
  ])('exits 2 on %j', async (args, message) => await expectFailure(args, 2, message));
});

describe('network --input without a file, and --from/--to', () => {
  type Day = { date: string; energy: { twh: number }; thresholdJPerTh: number };
  const days = (stdout: string) => JSON.parse(stdout) as Day[];
  const SHIPPED_INPUTS = join(SHIPPED_DATA, 'network-inputs.csv');

  it("uses the shipped inputs (Coin Metrics' daily data) when given no file", async () => {
    const implicit = await runCli(['network', '--input', '--from', '2025-12-23', '--json']);
    const explicit = await runCli(['network', '--input', SHIPPED_INPUTS, '--from', '2025-12-23', '--json']);
    expect(implicit.code).toBe(0);
    expect(implicit.stdout).toBe(explicit.stdout);
    expect(days(implicit.stdout).map((d) => d.date)).toEqual([
      '2025-12-23',
      '2025-12-24',
      '2025-12-25',
      '2025-12-26',
      '2025-12-27',
      '2025-12-28',
      '2025-12-29',
    ]);
  });

  it('computes over the whole series first, so a window gives the same days as the whole run', async () => {
    const whole = days((await runCli(['network', '--input', '--average', '7', '--json'])).stdout);
    const window = days(
      (await runCli(['network', '--input', '--average', '7', '--from', '2023-01-01', '--to', '2023-01-31', '--json']))
        .stdout,
    );
    expect(window).toHaveLength(31);
    expect(window).toEqual(whole.filter((d) => d.date >= '2023-01-01' && d.date <= '2023-01-31'));
    // 2010-07-18 to 2024-11-16 (5,236 days), then 2024-11-17 to 2025-12-29 (45 + 363 days).
    expect(whole).toHaveLength(5236 + 45 + 363);
  });

  it('reads network-inputs.csv from the --data directory when it has one, else the shipped one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-inputs-'));
    try {
      writeFileSync(join(dir, 'sources.json'), '[]\n');
      const shipped = await runCli(['--data', dir, 'network', '--input', '--from', '2025-12-29', '--json']);
      expect(shipped.code).toBe(0);
      expect(days(shipped.stdout).map((d) => d.date)).toEqual(['2025-12-29']);
      writeFileSync(
        join(dir, 'network-inputs.csv'),
        'date,hashrateEhs,revenueUsd\n2030-01-01,1000,5e7\n2030-01-02,1100,5e7\n',
      );
      const own = await runCli(['--data', dir, 'network', '--input', '--json']);
      expect(own.code).toBe(0);
      expect(days(own.stdout).map((d) => d.date)).toEqual(['2030-01-01', '2030-01-02']);
      await expectFailure(
        ['--no-default-data', '--data', join(FIXTURES, 'overlay'), 'network', '--input'],
        2,
        /--input without a file reads network-inputs\.csv from the data directory, and .*overlay has none; give a file\./,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('network --input with a gap in the dates', () => {
  const GAP = join(FIXTURES, 'series', 'gap.csv');

  it('smooths over calendar days and shows how many days each window held', async () => {
    const csv = await runCli(['network', '--input', GAP, '--smooth', '3', '--format', 'csv', '--explain']);
    expect(csv.code).toBe(0);
    const [header, ...lines] = csv.stdout.trim().split('\n');
    const column = (name: string) => lines.map((line) => line.split(',')[header?.split(',').indexOf(name) ?? -1]);
    // 2023-06-10's window (06-08 to 06-10) holds that day only; counting rows it would mix in two days at 30.
    expect(column('thresholdJPerTh')).toEqual(['30', '30', '30', '60', '60']);
    expect(column('thresholdWindowDays')).toEqual(['1', '2', '3', '1', '2']);
    expect(csv.stderr).toMatch(/The input skips 6 days \(6 after 2023-06-03\)/);

    const table = await runCli(['network', '--input', GAP, '--smooth', '3'], WIDE);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ Date +│ EH\/s │ Threshold J\/TH │ Days │/);
    expect(table.stdout).toMatch(/│ 2023-06-10 │ +180 │ +60 │ +1 │/);
  });

  it('shows no Days column when the dates are consecutive', async () => {
    const table = await runCli(['network', '--input', join(FIXTURES, 'series', 'small.csv')]);
    expect(table.code).toBe(0);
    expect(table.stdout).not.toContain('Days');
  });
});
