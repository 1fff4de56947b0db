import { describe, expect, it } from 'vitest';
import {
  estimate,
  estimateYears,
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

/** The command line's refusal of the same mistake: exit code 2, nothing on stdout, the message naming the flag. */
async function expectCliRefusal(args: readonly string[], cliMessage: string): Promise<void> {
  const cli = await runCli(args);
  expect(cli.code).toBe(2);
  expect(cli.stdout).toBe('');
  expect(cli.stderr.replace(/\s+/g, ' ')).toContain(cliMessage);
}

const MOVE = (from: string, to: string, pct: number) => ({
  bans: [],
  redistribute: { kind: 'proportional' as const },
  moves: [{ from, to, pct }],
});

describe('the library names its own parameters, the command line its flags, for the same mistake', () => {
  it.each([
    // An estimate's period and basis.
    [
      'estimate with a year and a month',
      () => estimate(data, 'sichuan', { year: 2021, month: '2021-04' }),
      'Give year or month, not both.',
      ['estimate', '--region', 'sichuan', '--year', '2021', '--month', '2021-04'],
      'error: Give --year or --month, not both.',
    ],
    [
      'estimate with a month that does not exist',
      () => estimate(data, 'sichuan', { month: '2021-13' }),
      'month: expected a month as YYYY-MM in the years 1990 to 2100, e.g. 2021-04.',
      ['estimate', '--region', 'sichuan', '--month', '2021-13'],
      "option '--month <yyyy-mm>' argument '2021-13' is invalid. expected a month as YYYY-MM",
    ],
    [
      'estimate with a year out of range',
      () => estimate(data, 'sichuan', { year: 1800 }),
      'year: expected a year from 1990 to 2100.',
      ['estimate', '--region', 'sichuan', '--year', '1800'],
      "option '--year <yyyy>' argument '1800' is invalid.",
    ],
    [
      'estimate with a series and a model basis',
      () =>
        estimate(data, 'sichuan', {
          year: 2024,
          series: 'cbeci-annual',
          basis: {
            method: 'top-down',
            year: 2024,
            twh: 150,
            lowerTwh: null,
            upperTwh: null,
            sources: [],
            warnings: [],
            inputs: {},
          },
        }),
      'Give series or a model basis, not both.',
      ['estimate', '--region', 'sichuan', '--series', 'cbeci', '--hashrate', '600', '--threshold', '55'],
      'error: Give --series or a model basis, not both.',
    ],
    // The Monte Carlo settings.
    [
      'estimate with 0 Monte Carlo samples',
      () => estimate(data, 'sichuan', { year: 2021, uncertainty: { ...SETTINGS, samples: 0 } }),
      'uncertainty.samples: expected a whole number of samples from 1 to 10,000,000.',
      ['estimate', '--region', 'sichuan', '--uncertainty', '0'],
      "option '--uncertainty <n>' argument '0' is invalid. expected a whole number of samples from 1 to 10,000,000.",
    ],
    [
      'runScenario with a negative seed',
      () => runScenario(index, BAN_CHINA, { year: 2021, uncertainty: { ...SETTINGS, seed: -1 } }),
      'uncertainty.seed: expected a whole number from 0 to 4,294,967,295.',
      ['scenario', '--ban', 'china', '--uncertainty', '100', '--seed', '-1'],
      "option '--seed <n>' argument '-1' is invalid. expected a whole number from 0 to 4,294,967,295.",
    ],
    [
      'runScenario with a basis spread of 2',
      () => runScenario(index, BAN_CHINA, { year: 2021, uncertainty: { ...SETTINGS, basisSpread: 2 } }),
      'uncertainty.basisSpread: expected a fraction from 0 to 1, e.g. 0.5.',
      ['scenario', '--ban', 'china', '--uncertainty', '100', '--basis-spread', '2'],
      "option '--basis-spread <fraction>' argument '2' is invalid. expected a fraction from 0 to 1, e.g. 0.5.",
    ],
    // A scenario's moves, bans and redistribution.
    [
      'runScenario moving a region into itself',
      () => runScenario(index, MOVE('sichuan', 'sichuan', 50), { year: 2021 }),
      'moves[0]: a region cannot move hashrate to itself.',
      ['scenario', '--move', 'sichuan:sichuan:50', '--year', '2021'],
      'error: --move sichuan:sichuan: a region cannot move hashrate to itself.',
    ],
    [
      'runScenario banning the world',
      () => runScenario(index, { ...BAN_CHINA, bans: ['world'] }, { year: 2021 }),
      'bans cannot name the whole network (world).',
      ['scenario', '--ban', 'world', '--year', '2021'],
      'error: --ban cannot name the whole network (world).',
    ],
    [
      'runScenario redistributing to a region inside the ban',
      () => runScenario(index, { ...BAN_CHINA, redistribute: { kind: 'region', region: 'sichuan' } }, { year: 2021 }),
      'redistribute.region sichuan is inside the banned china.',
      ['scenario', '--ban', 'china', '--redistribute', 'sichuan', '--year', '2021'],
      'error: --redistribute sichuan is inside the banned china.',
    ],
    [
      'runScenario moving out of a banned region',
      () => runScenario(index, { ...MOVE('china', 'united-states', 50), bans: ['china'] }, { year: 2021 }),
      'moves[0]: china is banned; a move cannot take hashrate into or out of a banned region.',
      ['scenario', '--ban', 'china', '--move', 'china:united-states:50', '--year', '2021'],
      'error: --move china:united-states: china is banned; a move cannot take hashrate into or out of a banned region.',
    ],
    // The network models' inputs.
    [
      'networkBottomUp with neither a threshold nor revenue',
      () => networkBottomUp({ ...BOTTOM_UP, thresholdJPerTh: undefined }),
      'Give thresholdJPerTh, or revenueUsdPerDay (with priceUsdPerKwh) to derive it.',
      ['network', '--hashrate', '600'],
      'error: Give --threshold <J/TH>, or --revenue <USD/day> (with --price) to derive it.',
    ],
    [
      'networkBottomUp with the overheads out of order',
      () => networkBottomUp({ ...BOTTOM_UP, overheads: { lower: 1.5, best: 1, upper: 1 } }),
      'overheads: expected the overheads in order, lower ≤ best ≤ upper (e.g. 1.01,1.10,1.20): a lower bound above the best guess would be no bound.',
      ['network', '--hashrate', '600', '--threshold', '55', '--overheads', '1.5,1.0,1.0'],
      "option '--overheads <lower,best,upper>' argument '1.5,1.0,1.0' is invalid. expected the overheads in order",
    ],
    [
      'networkBottomUp with a negative hashrate',
      () => networkBottomUp({ ...BOTTOM_UP, hashrateEhs: -600 }),
      'hashrateEhs: expected a hash rate in EH/s from 1e-12 to 1e6, e.g. 600.',
      ['network', '--hashrate', '-600', '--threshold', '55'],
      "option '--hashrate <EH/s>' argument '-600' is invalid. expected a hash rate in EH/s from 1e-12 to 1e6, e.g. 600.",
    ],
    [
      'networkBottomUp on a day no machine is profitable',
      () => networkBottomUp({ ...BOTTOM_UP, thresholdJPerTh: undefined, revenueUsdPerDay: 1, date: '2009-01-03' }),
      /^No machine is profitable at a threshold of .* \(raise revenueUsdPerDay or lower priceUsdPerKwh\)\.$/,
      ['network', '--hashrate', '600', '--revenue', '1', '--price', '0.05', '--date', '2009-01-03'],
      '(raise --revenue or lower --price).',
    ],
    [
      'networkTopDown with no share of revenue spent on electricity',
      () => networkTopDown({ revenueUsdPerYear: 1e10, electricityShare: 0, priceUsdPerKwh: 0.05 }),
      'electricityShare: expected a fraction above 0 and at most 1, e.g. 0.6.',
      ['network', '--method', 'top-down', '--revenue-year', '1e10', '--electricity-share', '0'],
      "option '--electricity-share <fraction>' argument '0' is invalid. expected a fraction above 0 and at most 1, e.g. 0.6.",
    ],
    [
      'networkSeries with from after to',
      () =>
        networkSeries([{ date: '2024-02-01', hashrateEhs: 600, thresholdJPerTh: 55 }], {
          ...BOTTOM_UP,
          smoothDays: 14,
          from: '2024-02-02',
          to: '2024-02-01',
        }),
      'from 2024-02-02 is after to 2024-02-01.',
      ['network', '--input', '--from', '2024-02-02', '--to', '2024-02-01'],
      'error: --from 2024-02-02 is after --to 2024-02-01.',
    ],
  ] as const)('%s', async (_, call, libraryMessage, args, cliMessage) => {
    const message = usageErrorOf(call);
    if (typeof libraryMessage === 'string') expect(message).toBe(libraryMessage);
    else expect(message).toMatch(libraryMessage);
    expect(message).not.toContain('--');
    await expectCliRefusal(args, cliMessage);
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
    expect(usageErrorOf(() => estimate(data, 'china', { year: 2016, basis }))).toBe(
      'The model ran on 2024-06-01, outside year 2016: its machines would not be those of that year. Give a date in 2016, or leave date out to use the middle of the year.',
    );
    expect(usageErrorOf(() => estimate(data, 'china', { month: '2024-02', basis }))).toMatch(
      /^The model ran on 2024-06-01, outside month 2024-02: .* Give a date in 2024-02, or leave date out/,
    );
    // Within the period asked, the same basis is used.
    expect(estimate(data, 'china', { month: '2024-06', basis }).basis.twh).toBe(150);
  });

  it('names strictBreaks to a library caller and --strict-breaks on the command line', async () => {
    const message = usageErrorOf(() => estimate(data, 'sichuan', { year: 2022, strictBreaks: true }));
    expect(message).toMatch(
      /, and strictBreaks refuses a share applied across a break\. Leave out strictBreaks to get/,
    );
    expect(message).not.toContain('--');
    await expectCliRefusal(
      ['estimate', '--region', 'sichuan', '--year', '2022', '--strict-breaks'],
      'and --strict-breaks refuses a share applied across a break. Leave out --strict-breaks to get',
    );
  });
});

describe('the reason a region or year is left out, as a library caller and the command line read it', () => {
  const skippedReasons = (records: readonly { record: string; reason?: string }[]) =>
    records.flatMap((r) => (r.record === 'skipped' ? [r.reason ?? ''] : []));

  it('names the library parameters in a skipped record of estimateYears, or words it as reasonOf says', () => {
    const reasons = skippedReasons(estimateYears(data, 'sichuan', { from: 2019, to: 2024 }, { strictBreaks: true }));
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason).toContain('strictBreaks refuses');
      expect(reason).not.toContain('--');
    }
    const worded = skippedReasons(
      estimateYears(data, 'sichuan', { from: 2019, to: 2024 }, { strictBreaks: true, reasonOf: () => 'left out' }),
    );
    expect(worded).toEqual(reasons.map(() => 'left out'));
  });

  it('refuses an empty directory name by its option, not by the library parameter it would become', async () => {
    await expectCliRefusal(
      ['estimate', '--region', 'sichuan', '--data', ''],
      '--data needs a directory, not an empty name.',
    );
    await expectCliRefusal(['claims', '--seeds', ' '], '--seeds needs a directory, not an empty name.');
    await expectCliRefusal(['data', 'check', ''], 'data check <dir> needs a directory, not an empty name.');
  });

  it('refuses a reasonOf that is not a function, before any region is estimated', () => {
    const options = { strictBreaks: true, reasonOf: 'left out' as unknown as (error: Error) => string };
    expect(usageErrorOf(() => estimateYears(data, 'sichuan', { from: 2019, to: 2024 }, options))).toBe(
      'reasonOf must be a function that words the error leaving a region or year out, not string.',
    );
  });

  it('names shareDataset to a library caller and --share-dataset on the command line, as the way round a missing share', async () => {
    const library = usageErrorOf(() => estimate(data, 'norway'));
    expect(library).toMatch(/ask for it with shareDataset cdmir-survey-2024\.$/);
    expect(library).not.toContain('--');
    await expectCliRefusal(['estimate', '--region', 'norway'], 'ask for it with --share-dataset cdmir-survey-2024.');
  });

  it('names the flags in the skipped records the command line prints', async () => {
    const cli = await runCli([
      'estimate',
      '--region',
      'sichuan',
      '--years',
      '2019-2024',
      '--strict-breaks',
      '--skip-missing',
      '--json',
    ]);
    expect(cli.code).toBe(0);
    const reasons = skippedReasons(JSON.parse(cli.stdout) as { record: string; reason?: string }[]);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toContain('--strict-breaks refuses');
  });
});
