import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFailure, ROOT, runCli, WIDE } from '../helpers.js';

/** What every description of `--month` says: the month's shares on its year's total, not the month's energy. */
const NOT_THE_MONTHS_OWN = "not the month's own energy";

async function estimateJson(args: readonly string[]) {
  const result = await runCli(['estimate', '--json', ...args]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout)[0];
}

describe('--month: that month’s shares applied to its calendar year’s network total', () => {
  it('in JSON: month is the shares’ month, year and basis.year the total’s year, energy TWh a year', async () => {
    const month = await estimateJson(['--region', 'sichuan', '--month', '2021-04']);
    const year = await estimateJson(['--region', 'sichuan', '--year', '2021']);
    expect(month.month).toBe('2021-04');
    expect(month.year).toBe(2021);
    expect(month.basis.year).toBe(2021);
    // The same yearly network total as the year's estimate, not a twelfth of it or a monthly figure.
    expect(month.basis.series).toBe(year.basis.series);
    expect(month.basis.twh).toBeCloseTo(year.basis.twh, 9);
    // The shares are April 2021's, and the energy is their product with that total.
    for (const link of month.share.links) expect(link.months).toEqual(['2021-04']);
    expect(month.energy.twh).toBeCloseTo((month.share.pct / 100) * month.basis.twh, 9);
    // The year's estimate uses the year's mean shares, so the two differ.
    expect(month.share.pct).not.toBeCloseTo(year.share.pct, 3);
  });

  it('in the table: the title and a Period row say what the figure is, and no longer "annual rate"', async () => {
    const { code, stdout } = await runCli(['estimate', '--region', 'sichuan', '--month', '2021-04']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Sichuan (province in China), 2021-04 shares on the 2021 total');
    expect(stdout).toMatch(/│ Period +│ April 2021 shares × the 2021 network total, TWh a year/);
    expect(stdout).toContain(NOT_THE_MONTHS_OWN);
    expect(stdout).not.toContain('annual rate');
  });

  it("in scenario's title too", async () => {
    const { code, stdout } = await runCli(['scenario', '--ban', 'china', '--month', '2021-04'], WIDE);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toContain('; 2021-04 shares on the 2021 total, world basis');
  });

  it('in the help, the command reference, the output reference and the published JSON schema alike', async () => {
    const help = (await runCli(['estimate', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(
      `--month <yyyy-mm> that month's shares × its year's network total: TWh a year at the month's distribution, ${NOT_THE_MONTHS_OWN}`,
    );
    const commands = readFileSync(join(ROOT, 'docs', 'commands.md'), 'utf8');
    const optionRow = commands.split('\n').find((line) => line.startsWith('| `--year <yyyy>` / `--month <yyyy-mm>`'));
    expect(optionRow).toContain("that month's shares are applied to its year's network total");
    expect(optionRow).toContain(NOT_THE_MONTHS_OWN);
    const output = readFileSync(join(ROOT, 'docs', 'output.md'), 'utf8');
    const jsonRow = output.split('\n').find((line) => line.startsWith('| `year`, `month`'));
    expect(jsonRow).toContain('`basis.year`');
    expect(jsonRow).toContain(NOT_THE_MONTHS_OWN);
    const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'estimate.schema.json'), 'utf8'));
    // The array's items are records of three kinds; the estimate is the one whose `record` is "estimate".
    const estimateItem = (schema.items.oneOf ?? schema.items.anyOf).find(
      (item: { properties: { record: { const?: string } } }) => item.properties.record.const === 'estimate',
    );
    expect(estimateItem.properties.month.description).toContain(NOT_THE_MONTHS_OWN);
  });
});

describe('a computed basis takes its date from --year or --month', () => {
  it('runs the model in the middle of --year, as `network --date` that day would', async () => {
    const estimate = await estimateJson([
      '--region',
      'china',
      '--hashrate',
      '1.5',
      '--threshold',
      '300',
      '--year',
      '2016',
    ]);
    expect(estimate.year).toBe(2016);
    expect(estimate.basis.inputs.date).toBe('2016-07-01');
    const network = await runCli([
      'network',
      '--hashrate',
      '1.5',
      '--threshold',
      '300',
      '--date',
      '2016-07-01',
      '--json',
    ]);
    expect(network.code).toBe(0);
    expect(estimate.basis.twh).toBeCloseTo(JSON.parse(network.stdout).energy.twh, 9);
  });

  it('runs it on the 15th of --month', async () => {
    const estimate = await estimateJson([
      '--region',
      'china',
      '--hashrate',
      '1.5',
      '--threshold',
      '300',
      '--month',
      '2016-05',
    ]);
    expect(estimate.month).toBe('2016-05');
    expect(estimate.basis.inputs.date).toBe('2016-05-15');
  });

  it('records the threshold among the inputs, given or derived from revenue and price', async () => {
    const given = await estimateJson(['--region', 'china', '--hashrate', '600', '--threshold', '55', '--year', '2024']);
    expect(given.basis.inputs.thresholdJPerTh).toBe(55);
    const derived = await estimateJson([
      '--region',
      'china',
      '--hashrate',
      '600',
      '--revenue',
      '40e6',
      '--price',
      '0.05',
      '--year',
      '2024',
    ]);
    // Revenue per TH per second ÷ price per joule: 40e6 / (600e6 TH/s × 86,400 s) ÷ (0.05 / 3.6e6) = 55.56 J/TH;
    // the JSON keeps 10 significant digits, so to within 1e-6.
    expect(derived.basis.inputs.thresholdJPerTh).toBeCloseTo(40e6 / (600e6 * 86_400) / (0.05 / 3.6e6), 6);
    expect(derived.basis.inputs.revenueUsdPerDay).toBe(40e6);
    expect(derived.basis.inputs.priceUsdPerKwh).toBe(0.05);
  });

  it('refuses a --date outside --year or --month', async () => {
    await expectFailure(
      [
        'estimate',
        '--region',
        'china',
        '--hashrate',
        '1.5',
        '--threshold',
        '300',
        '--year',
        '2016',
        '--date',
        '2024-01-01',
      ],
      2,
      /The model ran on 2024-01-01, outside --year 2016: its machines would not be those of that year/,
    );
    await expectFailure(
      [
        'estimate',
        '--region',
        'china',
        '--hashrate',
        '1.5',
        '--threshold',
        '300',
        '--month',
        '2016-05',
        '--date',
        '2016-06-01',
      ],
      2,
      /The model ran on 2016-06-01, outside --month 2016-05/,
    );
  });
});
