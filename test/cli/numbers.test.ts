import { describe, expect, it } from 'vitest';
import { estimate, networkBottomUp, networkSeries, networkTopDown, UsageError } from '../../src/index.js';
import { bottomUpInputs, runCli, shippedData, thrown, WIDE, STACK_FRAME } from '../helpers.js';

const data = await shippedData();
const BOTTOM_UP = bottomUpInputs(data);
const HASHRATE = "option '--hashrate <EH/s>'";

/** Runs a command expected to be refused as a usage error: exit 2, nothing on stdout, no stack trace. */
async function refusal(args: readonly string[]): Promise<string> {
  const result = await runCli(args, WIDE);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.code).toBe(2);
  return result.stderr;
}

describe('numbers on the command line are decimal', () => {
  it.each(['0x64', '0b11', '0o7', 'Infinity', ' 5 ', '5\t', '1_000', '.', '+', '5e', ''])(
    '--hashrate %j is refused',
    async (value) => {
      expect(await refusal(['network', '--hashrate', value, '--threshold', '55'])).toContain(
        // A tab is shown written out, as every control character on stderr is.
        `${HASHRATE} argument '${value.replace('\t', '\\u{9}')}' is invalid. expected a decimal number: a hash rate in EH/s from 1e-12 to 1e6, e.g. 600.`,
      );
    },
  );

  it('compare 0x10 is refused', async () => {
    expect(await refusal(['compare', '0x10'])).toContain(
      "value '0x10' is invalid for argument 'twh'. expected a decimal number: an energy in TWh a year from 0 to 1e6",
    );
  });

  it.each([
    [['network', '--hashrate', '600', '--threshold', '0x37'], "'--threshold <J/TH>' argument '0x37'"],
    [['network', '--hashrate', '600', '--revenue', '4e7', '--price', ' 0.05'], "'--price <USD/kWh>' argument ' 0.05'"],
    [['network', '--method', 'top-down', '--revenue-year', '1_0e9'], "'--revenue-year <USD>' argument '1_0e9'"],
    [
      ['network', '--method', 'top-down', '--revenue-year', '1e10', '--electricity-share', '0x1'],
      "'--electricity-share <fraction>' argument '0x1'",
    ],
    [['estimate', '--region', 'china', '--uncertainty', '100', '--share-spread', 'Infinity'], "'--share-spread"],
    [['estimate', '--region', 'china', '--uncertainty', '100', '--basis-spread', '0b1'], "'--basis-spread"],
    [['estimate', '--region', 'china', '--carbon-bracket', '0x10,820'], "'--carbon-bracket [low,high]'"],
    [['network', '--hashrate', '600', '--threshold', '55', '--overheads', '1,1.1,0x2'], "'--overheads"],
    [['scenario', '--move', 'china:texas:0x10'], "'--move <from:to:pct>' argument 'china:texas:0x10'"],
    [['network', '--input', '--smooth', '1e1'], "'--smooth <days>' argument '1e1'"],
    [['compare', '5', '--around', '0x5'], "'--around <n>' argument '0x5'"],
  ])('%j is refused', async (args, named) => {
    expect(await refusal(args)).toContain(named);
  });
});

describe('numbers on the command line are in a plausible range, named in the message', () => {
  it.each([
    [
      ['network', '--hashrate', '1e308', '--revenue', '3e7', '--date', '2024-01-01'],
      "argument '1e308' is invalid. expected a hash rate in EH/s from 1e-12 to 1e6, e.g. 600.",
    ],
    [
      ['estimate', '--region', 'china', '--carbon-bracket', '0,1e309'],
      "argument '0,1e309' is invalid. expected two intensities in g/kWh from 0 to 2000, low,high with low < high, e.g. 24,820.",
    ],
    [
      ['compare', '1e308'],
      "value '1e308' is invalid for argument 'twh'. expected an energy in TWh a year from 0 to 1e6, e.g. 296.59.",
    ],
    [
      ['network', '--hashrate', '600', '--revenue', '4e7', '--price', '1e-300'],
      'expected an electricity price in USD/kWh from 1e-6 to 10, e.g. 0.05.',
    ],
    [
      ['network', '--method', 'top-down', '--revenue-year', '1e300'],
      'expected a revenue in USD a year above 0 and at most 1e15, e.g. 10e9.',
    ],
    [['network', '--input', '--average', '99999'], 'expected a whole number of days from 0 to 33,600.'],
    [['network', '--input', '--smooth', '33601'], 'expected a whole number of days from 0 to 33,600.'],
    [
      ['estimate', '--region', 'china', '--uncertainty', '10000001'],
      'expected a whole number of samples from 1 to 10,000,000.',
    ],
    [['compare', '5', '--around', '1001'], 'expected a whole number of countries from 0 to 1,000.'],
  ])('%j', async (args, message) => {
    expect(await refusal(args)).toContain(message);
  });
});

describe('years and dates', () => {
  const DATE = 'expected a calendar date as YYYY-MM-DD in the years 1990 to 2100, e.g. 2022-01-01.';
  it.each([
    [['estimate', '--region', 'china', '--year', '0099'], 'expected a year from 1990 to 2100.'],
    [['estimate', '--region', 'china', '--month', '0000-01'], 'expected a month as YYYY-MM in the years 1990 to 2100'],
    [['network', '--hashrate', '600', '--threshold', '55', '--date', '2023-02-29'], DATE],
    [['network', '--hashrate', '600', '--threshold', '55', '--date', '2024-1-1'], DATE],
    [['network', '--hashrate', '600', '--threshold', '55', '--date', '2024-01-01T00:00'], DATE],
    [['network', '--hashrate', '600', '--threshold', '55', '--date', '0001-01-01'], DATE],
    [['network', '--input', '--from', '99999-01-01'], DATE],
    [['network', '--input', '--to', '2024-13-01'], DATE],
  ])('%j', async (args, message) => {
    expect(await refusal(args)).toContain(message);
  });

  it('takes 29 February in a leap year', async () => {
    const result = await runCli([
      'network',
      '--hashrate',
      '600',
      '--threshold',
      '55',
      '--date',
      '2024-02-29',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).inputs.date).toBe('2024-02-29');
  });
});

describe('options that name one region', () => {
  it.each([
    [['compare', '--region', 'china,texas'], 'compare ranks one figure at a time'],
    [['shares', '--region', 'china,texas'], 'shares lists the months of one region'],
    [
      ['scenario', '--ban', 'texas', '--redistribute', 'china,texas'],
      'banned hashrate goes to one region, or proportional, or none',
    ],
  ])('refuse a list of regions with the reason: %j', async (args, reason) => {
    expect(await refusal(args)).toContain(`"china,texas" names 2 regions where one is expected: ${reason}`);
  });

  it('look a name with a comma up whole, as an alias may have one', async () => {
    const result = await runCli(['shares', '--region', 'Iran, Islamic Rep.', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).region.id).toBe('iran');
  });

  it('report a comma list with an unknown part as an unknown region', async () => {
    expect(await refusal(['compare', '--region', 'china,atlantis'])).toContain('Unknown region "china,atlantis"');
  });
});

/** The message of the UsageError a library call throws. */
const libraryRefusal = (call: () => unknown): string => thrown(UsageError, call).message;

describe('the library refuses the same numbers with the same words, naming its own parameters', () => {
  it.each([
    [
      () => networkBottomUp({ ...BOTTOM_UP, hashrateEhs: 1e308 }),
      'hashrateEhs: expected a hash rate in EH/s from 1e-12 to 1e6, e.g. 600.',
      ['network', '--hashrate', '1e308', '--threshold', '55'],
    ],
    [
      () => networkBottomUp({ ...BOTTOM_UP, thresholdJPerTh: Number.POSITIVE_INFINITY }),
      'thresholdJPerTh: expected a threshold in J/TH above 0 and at most 1e12, e.g. 55.',
      ['network', '--hashrate', '600', '--threshold', '1e309'],
    ],
    [
      () => networkBottomUp({ ...BOTTOM_UP, thresholdJPerTh: undefined, revenueUsdPerDay: Number.NaN }),
      'revenueUsdPerDay: expected a revenue in USD a day above 0 and at most 1e12, e.g. 40e6.',
      ['network', '--hashrate', '600', '--revenue', '1e13'],
    ],
    [
      () => networkBottomUp({ ...BOTTOM_UP, overheads: { lower: 1, best: 1, upper: Number.POSITIVE_INFINITY } }),
      'overheads: expected three overheads from 1 to 10, lower,best,upper, e.g. 1.01,1.10,1.20.',
      ['network', '--hashrate', '600', '--threshold', '55', '--overheads', '1,1,1e309'],
    ],
    [
      () => networkTopDown({ revenueUsdPerYear: 1e10, electricityShare: 0.6, priceUsdPerKwh: 1e-300 }),
      'priceUsdPerKwh: expected an electricity price in USD/kWh from 1e-6 to 10, e.g. 0.05.',
      ['network', '--method', 'top-down', '--revenue-year', '1e10', '--price', '1e-300'],
    ],
    [
      () => estimate(data, 'china', { carbonBracket: { low: 0, high: Number.POSITIVE_INFINITY } }),
      'carbonBracket: expected two intensities in g/kWh from 0 to 2000, low,high with low < high, e.g. 24,820.',
      ['estimate', '--region', 'china', '--carbon-bracket', '0,1e309'],
    ],
    [
      () =>
        networkSeries([{ date: '2024-02-01', hashrateEhs: 600, thresholdJPerTh: 55 }], {
          ...BOTTOM_UP,
          smoothDays: 40_000,
        }),
      'smoothDays: expected a whole number of days from 0 to 33,600.',
      ['network', '--input', '--smooth', '40000'],
    ],
  ])('%#', async (call, message, args) => {
    expect(libraryRefusal(call)).toBe(message);
    expect(await refusal(args)).toContain(message.replace(/^[a-zA-Z]+: /, ''));
  });
});
