import { describe, expect, it } from 'vitest';
import {
  estimate,
  indexData,
  networkBottomUp,
  networkSeries,
  networkTopDown,
  runScenario,
  simulateChanges,
  simulateEstimate,
  UsageError,
} from '../../src/index.js';
import { bottomUpInputs, runCli, shippedData, thrown } from '../helpers.js';

const data = await shippedData();
const index = indexData(data);
const SETTINGS = { samples: 100, seed: 1, basisSpread: 0.2, shareSpreadPct: 1, intensitySpread: 0.1, breakSpread: 0.5 };
const BOTTOM_UP = bottomUpInputs(data);
const BAN_CHINA = { bans: ['china'], redistribute: { kind: 'none' as const }, moves: [] };

/** The message of the UsageError a library call throws. */
const usageErrorOf = (call: () => unknown): string => thrown(UsageError, call).message;

/** The library's message, without the option it names, is what the command line prints for the same input. */
async function expectSameMessage(libraryMessage: string, args: readonly string[]): Promise<void> {
  const cli = await runCli(args);
  expect(cli.code).toBe(2);
  expect(cli.stdout).toBe('');
  const words = libraryMessage.replace(/^--[a-z-]+: /, '');
  expect(cli.stderr.replace(/\s+/g, ' ')).toContain(words);
}

describe('the library refuses bad model inputs as the command line does', () => {
  it.each([
    [
      'estimate with a year and a month',
      () => estimate(data, 'sichuan', { year: 2021, month: '2021-04' }),
      /^Give --year or --month, not both\.$/,
      ['estimate', '--region', 'sichuan', '--year', '2021', '--month', '2021-04'],
    ],
    [
      'runScenario with a year and a month',
      () => runScenario(index, BAN_CHINA, { year: 2021, month: '2021-04' }),
      /^Give --year or --month, not both\.$/,
      ['scenario', '--ban', 'china', '--year', '2021', '--month', '2021-04'],
    ],
    [
      'estimate with a month that does not exist',
      () => estimate(data, 'sichuan', { month: '2021-13' }),
      /^expected a month as YYYY-MM/,
      ['estimate', '--region', 'sichuan', '--month', '2021-13'],
    ],
    [
      'estimate with 0 Monte Carlo samples',
      () => estimate(data, 'sichuan', { year: 2021, uncertainty: { ...SETTINGS, samples: 0 } }),
      /^--uncertainty: expected a whole number of samples from 1 to 10,000,000\.$/,
      ['estimate', '--region', 'sichuan', '--uncertainty', '0'],
    ],
    [
      'runScenario with a negative seed',
      () => runScenario(index, BAN_CHINA, { year: 2021, uncertainty: { ...SETTINGS, seed: -1 } }),
      /^--seed: expected a whole number from 0 to 4,294,967,295\.$/,
      ['scenario', '--ban', 'china', '--uncertainty', '100', '--seed', '-1'],
    ],
    [
      'networkBottomUp with neither a threshold nor revenue',
      () => networkBottomUp({ ...BOTTOM_UP, thresholdJPerTh: undefined }),
      /^Give --threshold <J\/TH>, or --revenue <USD\/day> \(with --price\) to derive it\.$/,
      ['network', '--hashrate', '600'],
    ],
    [
      'networkBottomUp with the overheads out of order',
      () => networkBottomUp({ ...BOTTOM_UP, overheads: { lower: 1.5, best: 1, upper: 1 } }),
      /^--overheads: expected the overheads in order, lower ≤ best ≤ upper/,
      ['network', '--hashrate', '600', '--threshold', '55', '--overheads', '1.5,1.0,1.0'],
    ],
    [
      'networkBottomUp with a negative hashrate',
      () => networkBottomUp({ ...BOTTOM_UP, hashrateEhs: -600 }),
      /^--hashrate: expected a hash rate in EH\/s from 1e-12 to 1e6, e.g. 600\.$/,
      ['network', '--hashrate', '-600', '--threshold', '55'],
    ],
    [
      'networkTopDown with no share of revenue spent on electricity',
      () => networkTopDown({ revenueUsdPerYear: 1e10, electricityShare: 0, priceUsdPerKwh: 0.05 }),
      /^--electricity-share: expected a fraction above 0 and at most 1/,
      ['network', '--method', 'top-down', '--revenue-year', '1e10', '--electricity-share', '0'],
    ],
    [
      'networkSeries with --from after --to',
      () =>
        networkSeries([{ date: '2024-02-01', hashrateEhs: 600, thresholdJPerTh: 55 }], {
          ...BOTTOM_UP,
          smoothDays: 14,
          from: '2024-02-02',
          to: '2024-02-01',
        }),
      /^--from 2024-02-02 is after --to 2024-02-01\.$/,
      ['network', '--input', '--from', '2024-02-02', '--to', '2024-02-01'],
    ],
  ])('%s', async (_, call, expected, args) => {
    const message = usageErrorOf(call);
    expect(message).toMatch(expected);
    await expectSameMessage(message, args);
  });

  it('refuses 0 samples in the Monte Carlo functions rather than returning nothing', () => {
    const basis = { twh: 100, lowerTwh: null, upperTwh: null };
    const input = { basis, links: [{ pct: 50, spreadPct: 1 }], gco2PerKwh: 500 };
    expect(usageErrorOf(() => simulateEstimate(input, { ...SETTINGS, samples: 0 }))).toMatch(/samples from 1/);
    expect(usageErrorOf(() => simulateChanges(basis, 0, () => [], { ...SETTINGS, samples: 0 }))).toMatch(
      /samples from 1/,
    );
  });

  it('refuses a computed basis for another year than the one asked', () => {
    const basis = {
      method: 'bottom-up',
      year: 2024,
      twh: 150,
      lowerTwh: null,
      upperTwh: null,
      sources: [],
      inputs: { date: '2024-06-01' },
      warnings: [],
    };
    expect(usageErrorOf(() => estimate(data, 'china', { year: 2016, basis }))).toMatch(
      /^The model ran on 2024-06-01, outside --year 2016/,
    );
    expect(usageErrorOf(() => estimate(data, 'china', { month: '2024-02', basis }))).toMatch(
      /^The model ran on 2024-06-01, outside --month 2024-02/,
    );
    // Within the period asked, the same basis is used.
    expect(estimate(data, 'china', { month: '2024-06', basis }).basis.twh).toBe(150);
  });
});
