import { describe, expect, it } from 'vitest';
import {
  DataError,
  type Dataset,
  estimate,
  indexData,
  loadData,
  networkBottomUp,
  networkSeries,
  rankAmong,
  resolveRegion,
  runScenario,
  shareSeries,
  UsageError,
} from '../../src/index.js';
import { shippedData, thrown } from '../helpers.js';

const data = await shippedData();
const baseline = data.baselines[0] as Dataset['baselines'][number];
/** A copy of the shipped data, its records copied too, for a test to change by hand. */
const handBuilt = (change: (copy: Dataset) => void): Dataset => {
  const copy: Dataset = {
    ...data,
    regions: data.regions.map((r) => ({ ...r })),
    shares: data.shares.map((s) => ({ ...s })),
    networkEnergy: data.networkEnergy.map((s) => ({ ...s, values: s.values.map((v) => ({ ...v })) })),
    baselines: data.baselines.map((b) => ({ ...b, values: b.values.map((v) => ({ ...v })) })),
    carbon: data.carbon.map((c) => ({ ...c })),
  };
  change(copy);
  return copy;
};
const basis = (
  twh: number,
  bounds: { lowerTwh: number | null; upperTwh: number | null } = { lowerTwh: null, upperTwh: null },
) => ({
  method: 'bottom-up',
  year: 2021,
  twh,
  ...bounds,
  sources: [],
  inputs: {},
  warnings: [],
});
const machine = data.hardware[0] as Dataset['hardware'][number];
const bottomUpOptions = {
  date: '2022-01-01',
  hashrateEhs: 180,
  thresholdJPerTh: 60,
  priceUsdPerKwh: 0.05,
  weighting: 'age' as const,
  overheads: { lower: 1.01, best: 1.1, upper: 1.2 },
  hardware: data.hardware,
};
const seriesOptions = { ...bottomUpOptions, smoothDays: 14 };
const row = (date: string, hashrateEhs = 150) => ({ date, hashrateEhs, thresholdJPerTh: 60 });

describe('the library refuses options the command line refuses, naming its own parameters', () => {
  it.each([Number.NaN, -100, Number.POSITIVE_INFINITY])('estimate with a model basis of %s TWh', (twh) => {
    expect(thrown(UsageError, () => estimate(data, 'sichuan', { year: 2021, basis: basis(twh) })).message).toMatch(
      /^basis\.twh: expected an energy in TWh a year from 0/,
    );
  });

  it('estimate with a model basis whose bounds are reversed', () => {
    const options = { year: 2021, basis: basis(100, { lowerTwh: 120, upperTwh: 80 }) };
    expect(thrown(UsageError, () => estimate(data, 'sichuan', options)).message).toMatch(/lowerTwh ≤ twh ≤ upperTwh/);
  });

  it('estimate and runScenario with a bogus carbon basis', () => {
    const options = { year: 2021, carbonBasis: 'bogus' as never };
    expect(thrown(UsageError, () => estimate(data, 'sichuan', options)).message).toBe(
      'carbonBasis: expected life-cycle or direct, not "bogus".',
    );
    const input = { bans: ['china'], redistribute: { kind: 'proportional' as const }, moves: [] };
    expect(thrown(UsageError, () => runScenario(indexData(data), input, options)).message).toBe(
      'carbonBasis: expected life-cycle or direct, not "bogus".',
    );
  });

  it('estimate with a month given as a number', () => {
    expect(thrown(UsageError, () => estimate(data, 'sichuan', { month: 202104 as never })).message).toMatch(
      /expected a month as YYYY-MM/,
    );
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('rankAmong with %s TWh', (twh) => {
    expect(thrown(UsageError, () => rankAmong(baseline, twh)).message).toMatch(/^twh: expected an energy in TWh/);
  });

  it('networkBottomUp with a bogus weighting, and with a machine of −10 J/TH', () => {
    expect(thrown(UsageError, () => networkBottomUp({ ...bottomUpOptions, weighting: 'bogus' as never })).message).toBe(
      'weighting: expected age or mean, not "bogus".',
    );
    const error = thrown(DataError, () =>
      networkBottomUp({ ...bottomUpOptions, hardware: [{ ...machine, jPerTh: -10 }] }),
    );
    expect(error.problems.join('\n')).toMatch(/record 1 .*is not a valid machine/);
  });

  it('networkSeries with a NaN hash rate, and rows out of date order', () => {
    const nan = thrown(DataError, () => networkSeries([row('2021-01-01', Number.NaN)], seriesOptions));
    expect(nan.problems[0]).toMatch(/^row 1 \(2021-01-01\) → hashrateEhs → expected a hash rate/);
    const reversed = thrown(DataError, () => networkSeries([row('2021-01-02'), row('2021-01-01')], seriesOptions));
    expect(reversed.problems[0]).toMatch(/^row 2 \(2021-01-01\) → date → is before the row before \(2021-01-02\)/);
    const twice = thrown(DataError, () => networkSeries([row('2021-01-01'), row('2021-01-01')], seriesOptions));
    expect(twice.problems[0]).toMatch(/repeats the row before/);
  });

  it('shareSeries, resolveRegion and loadData with values of the wrong kind', async () => {
    expect(thrown(UsageError, () => shareSeries(data, 'atlantis')).message).toMatch(/Unknown region "atlantis"/);
    expect(thrown(UsageError, () => shareSeries(data, 'sichuan', 5 as never)).message).toMatch(
      /^from: expected a month/,
    );
    expect(thrown(UsageError, () => resolveRegion(indexData(data), 5 as never)).message).toMatch(/a string/);
    await expect(loadData({ dataDir: 5 as never })).rejects.toThrow(/dataDir must be the path of a directory/);
  });

  it('still computes with valid options (a check refuses only what is wrong)', () => {
    expect(networkSeries([row('2021-01-01'), row('2021-01-02')], seriesOptions).results).toHaveLength(2);
    // Every country uses some electricity: 0 TWh ranks below them all.
    expect(rankAmong(baseline, 0).rank).toBe(baseline.values.length + 1);
  });
});

describe('a dataset built by hand is checked once, as loadData checks files', () => {
  const refused = (change: (copy: Dataset) => void) =>
    thrown(DataError, () => estimate(handBuilt(change), 'sichuan', { year: 2021 })).problems.join('\n');

  it('takes a valid copy, giving what the loaded data gives', () => {
    const copy = handBuilt(() => undefined);
    expect(estimate(copy, 'sichuan', { year: 2021 }).energy.twh).toBe(
      estimate(data, 'sichuan', { year: 2021 }).energy.twh,
    );
  });

  it('refuses a share of 150%', () => {
    expect(
      refused((d) => {
        (d.shares.find((s) => s.region === 'sichuan') as { sharePct: number }).sharePct = 150;
      }),
    ).toMatch(/share of "sichuan"\) → sharePct → must be a percentage from 0 to 100/);
  });

  it.each([Number.NaN, -5])('refuses a network total of %s', (twh) => {
    expect(
      refused((d) => {
        (d.networkEnergy[0]?.values[0] as { twh: number }).twh = twh;
      }),
    ).toMatch(/twh → must be a number of TWh from 0 to 100,000/);
  });

  it('refuses reversed bounds', () => {
    expect(
      refused((d) => {
        const value = d.networkEnergy
          .flatMap((s) => s.values)
          .find((v) => v.lowerTwh !== undefined && v.upperTwh !== undefined);
        if (value) [value.lowerTwh, value.upperTwh] = [value.upperTwh, value.lowerTwh];
      }),
    ).toMatch(/lowerTwh → must not exceed twh/);
  });

  it('refuses a duplicate key', () => {
    expect(
      refused((d) => {
        const share = d.shares.find((s) => s.region === 'sichuan') as Dataset['shares'][number];
        d.shares.push({ ...share, sharePct: share.sharePct / 2 });
      }),
    ).toMatch(/appears more than once/);
  });

  it('refuses a parent cycle with a DataError (no fatal crash)', () => {
    expect(
      refused((d) => {
        (d.regions.find((r) => r.id === 'china') as { parent: string }).parent = 'sichuan';
      }),
    ).toMatch(/loops back/);
  });

  it('refuses a month with the year 0000, as options are', () => {
    expect(
      refused((d) => {
        (d.shares[0] as { month: string }).month = '0000-01';
      }),
    ).toMatch(/month → must be a month as YYYY-MM in the years 1990 to 2100/);
  });

  it('refuses what is not a dataset, or one missing a part', () => {
    expect(thrown(DataError, () => estimate(null as never, 'sichuan')).message).toMatch(/not a dataset/);
    const missing: Partial<Dataset> = { ...data };
    delete missing.events;
    expect(thrown(DataError, () => estimate(missing as Dataset, 'sichuan')).problems[0]).toMatch(
      /data\.events → must be an array/,
    );
    const nan = handBuilt((d) => {
      (d.shares[0] as { sharePct: number }).sharePct = Number.NaN;
    });
    expect(thrown(DataError, () => indexData(nan)).problems[0]).toMatch(/sharePct/);
  });
});
