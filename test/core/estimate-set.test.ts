import { describe, expect, it } from 'vitest';
import { EstimateDocumentSchema } from '../../src/contract/estimate.js';
import type { Estimate } from '../../src/core/estimate.js';
import { estimate } from '../../src/core/estimate.js';
import {
  type EstimateRecord,
  type Remainder,
  changesBetween,
  estimateAll,
  estimateYears,
  incomparableSources,
  remaindersOf,
} from '../../src/core/estimate-set.js';
import { indexData } from '../../src/core/regions/lookup.js';
import type { Dataset } from '../../src/data/dataset.js';
import { shippedData } from '../helpers.js';
import { share, tinyDataset } from './fixtures.js';

/**
 * A world of 100 TWh (50–200) in 2020 whose January breakdown names A 30%, B 50% and the rest `other` 10%, so
 * that 10% is in none of them; A1 is 40% of A. Shares of A and B from two sources the data call not comparable.
 */
function breakdownDataset(): Dataset {
  const base = tinyDataset();
  return tinyDataset({
    sources: [
      ...base.sources,
      { id: 'pool', title: 'A pool', evidence: 'primary', notComparableWith: ['map'] },
      { id: 'map', title: 'A map', evidence: 'primary' },
    ],
    regions: [...base.regions, { id: 'o', name: 'Others', kind: 'other', parent: 'world' }],
    shares: [
      share('a', '2020-01', 30, { source: 'pool' }),
      share('b', '2020-01', 50, { source: 'map' }),
      share('o', '2020-01', 10),
      share('a1', '2020-01', 40),
    ],
  });
}

/** The TWh of a record that has them (an estimate or a remainder). */
const energyOf = (record: EstimateRecord | undefined) =>
  record === undefined || record.record === 'skipped' ? Number.NaN : record.energy.twh;
const twhOf = (records: readonly EstimateRecord[], id: string) => energyOf(records.find((r) => r.region.id === id));

describe('estimateAll', () => {
  const records = [...estimateAll(breakdownDataset(), { year: 2020 })];

  it('gives the world, each region in the order of the regions, then the unattributed rest of each breakdown', () => {
    expect(records.map((r) => `${r.record} ${r.region.id}`)).toEqual([
      'estimate world',
      'estimate a',
      'estimate b',
      'estimate a1',
      'estimate o',
      'remainder world/unattributed',
      'remainder a/unattributed',
    ]);
    expect(EstimateDocumentSchema.safeParse(records).success).toBe(true);
  });

  it('puts in the remainder what the breakdown names no region for (hand-computed, to 1e-9 TWh)', () => {
    const world = records.find((r) => r.region.id === 'world/unattributed') as Remainder;
    // 100% − 30% − 50% − 10% = 10% of 100 TWh, with the world's bounds scaled by 10/100. The world's bounds are the
    // 5% and 95% points of the triangular distribution on its basis's 50–200 with its mode at 100: 50 + √(0.05 ×
    // 150 × 50) = 69.365 and 200 − √(0.05 × 150 × 100) = 172.614.
    expect(world.energy.twh).toBeCloseTo(10, 9);
    expect(world.energy.lowerTwh).toBeCloseTo((50 + Math.sqrt(0.05 * 150 * 50)) / 10, 9);
    expect(world.energy.upperTwh).toBeCloseTo((200 - Math.sqrt(0.05 * 150 * 100)) / 10, 9);
    expect(world.share.pct).toBeCloseTo(10, 9);
    expect(world.share.of).toBe('world');
    expect(world.parts).toEqual(['a', 'b', 'o']);
    expect(world.region).toEqual({
      id: 'world/unattributed',
      name: 'World, unattributed',
      kind: 'remainder',
      parent: 'world',
    });
    // A is 30 TWh and A1 40% of it, 12 TWh: A's rest is 18 TWh, 18% of the world, at A's bounds × 18/30.
    const a = records.find((r) => r.region.id === 'a') as Estimate;
    const rest = records.find((r) => r.region.id === 'a/unattributed') as Remainder;
    expect(rest.energy.twh).toBeCloseTo(18, 9);
    expect(rest.share.pct).toBeCloseTo(18, 9);
    expect(rest.energy.lowerTwh).toBeCloseTo((a.energy.lowerTwh as number) * (18 / 30), 9);
    expect(rest.energy.upperTwh).toBeCloseTo((a.energy.upperTwh as number) * (18 / 30), 9);
    expect(rest.note).toMatch(/^The part of Aland's energy that its breakdown for 2020 gives to none of the 1 parts/);
  });

  it('makes the parts of each region add up to it', () => {
    expect(
      twhOf(records, 'a') + twhOf(records, 'b') + twhOf(records, 'o') + twhOf(records, 'world/unattributed'),
    ).toBeCloseTo(100, 9);
    expect(twhOf(records, 'a1') + twhOf(records, 'a/unattributed')).toBeCloseTo(30, 9);
  });

  it('keeps, with a kind, the regions of that kind, `other` and the remainder that completes them', () => {
    const countries = [...estimateAll(breakdownDataset(), { year: 2020, kind: 'country' })];
    expect(countries.map((r) => r.region.id)).toEqual(['a', 'b', 'o', 'world/unattributed']);
    const provinces = [...estimateAll(breakdownDataset(), { year: 2020, kind: 'province' })];
    expect(provinces.map((r) => r.region.id)).toEqual(['a1', 'a/unattributed']);
  });

  it('records a region it cannot estimate, with why, rather than leaving it out', () => {
    const all = [...estimateAll(breakdownDataset(), { year: 2019, series: 'net' })];
    expect(all.every((r) => r.record === 'skipped')).toBe(true);
    expect(all[0]).toMatchObject({ record: 'skipped', region: { id: 'world' }, year: 2019, month: null });
    expect((all[0] as { reason: string }).reason).toMatch(/2019/);
  });

  it('leaves out a remainder of nothing', () => {
    const index = indexData(breakdownDataset());
    const world = estimate(breakdownDataset(), 'world', { year: 2020 });
    const whole = { ...world, region: { ...world.region, id: 'part', parent: 'world' } };
    expect(remaindersOf(index, [world, whole])).toEqual([]);
  });
});

describe('estimateYears', () => {
  const years = estimateYears(breakdownDataset(), 'a', { from: 2019, to: 2021 });

  it('gives a record a year, a year it cannot estimate as a record saying why', () => {
    expect(years.map((r) => `${r.record} ${r.year}`)).toEqual(['estimate 2019', 'estimate 2020', 'skipped 2021']);
    // 2019 rests on `old` (80 TWh), 2020 on `net` (100 TWh); A's share is its January 2020 record, 30%.
    expect(energyOf(years[0])).toBeCloseTo(24, 9);
    expect(energyOf(years[1])).toBeCloseTo(30, 9);
    expect((years[2] as { reason: string }).reason).toMatch(/2021/);
    expect(EstimateDocumentSchema.safeParse(years).success).toBe(true);
  });

  it('marks where the basis series changes from the year before', () => {
    expect((years[0] as Estimate).changes).toEqual([]);
    expect((years[1] as Estimate).changes).toEqual([
      { what: 'basis', region: null, of: null, from: ['old'], to: ['net'], comparable: true },
    ]);
  });

  it('refuses a range that runs backwards and an unknown region', () => {
    expect(() => estimateYears(breakdownDataset(), 'a', { from: 2021, to: 2019 })).toThrow(/backwards/);
    expect(() => estimateYears(breakdownDataset(), 'atlantis', { from: 2019, to: 2020 })).toThrow(/Unknown region/);
  });
});

describe('changesBetween', () => {
  const data = breakdownDataset();
  const index = indexData(data);
  const before = estimate(data, 'a1', { year: 2020 });
  const withSources = (e: Estimate, sources: Record<string, string[]>): Estimate => ({
    ...e,
    share: { ...e.share, links: e.share.links.map((l) => ({ ...l, sources: sources[l.region] ?? l.sources })) },
  });

  it('lists a link whose sources change, and says when the data call them not comparable', () => {
    const after = withSources(before, { a: ['map'] });
    expect(before.share.links.find((l) => l.region === 'a')?.sources).toEqual(['pool']);
    expect(changesBetween(index, before, after)).toEqual([
      { what: 'share', region: 'a', of: 'world', from: ['pool'], to: ['map'], comparable: false },
    ]);
    expect(changesBetween(index, withSources(before, { a: ['test'] }), after)[0]?.comparable).toBe(true);
  });

  it('lists nothing when the same sources come in another order', () => {
    const two = withSources(before, { a: ['pool', 'test'] });
    expect(changesBetween(index, two, withSources(before, { a: ['test', 'pool'] }))).toEqual([]);
  });
});

describe('incomparableSources', () => {
  it('names once each pair of share sources the data call not comparable, with the regions on each', () => {
    const data = breakdownDataset();
    const estimates = ['a', 'b', 'a1'].map((id) => estimate(data, id, { year: 2020 }));
    expect(incomparableSources(indexData(data), estimates)).toEqual([
      { sources: ['map', 'pool'], regions: [['b'], ['a', 'a1']] },
    ]);
    expect(incomparableSources(indexData(data), estimates.slice(1, 2))).toEqual([]);
  });
});

describe('the shipped data add up', () => {
  // Every year the world has a total for, the parts of each region estimated (countries, `other` and the world's
  // rest; provinces and China's rest; states and the United States' rest) add up to it within 1e-6 TWh.
  const TOLERANCE_TWH = 1e-6;
  it('for every year with a world total: the world, China and the United States', async () => {
    const data = await shippedData();
    const covered: number[] = [];
    for (let year = 2009; year <= 2030; year++) {
      const records = [...estimateAll(data, { year })];
      const world = records.find((r) => r.region.id === 'world');
      if (world?.record !== 'estimate') continue;
      covered.push(year);
      for (const parent of ['world', 'china', 'united-states']) {
        const whole = records.find((r) => r.region.id === parent);
        if (whole?.record !== 'estimate') continue;
        const parts = records.filter((r) => r.record !== 'skipped' && r.region.parent === parent);
        const sum = parts.reduce((total, r) => total + energyOf(r), 0);
        expect(Math.abs(sum - whole.energy.twh), `${parent} ${year}`).toBeLessThan(TOLERANCE_TWH);
      }
      // The world's rest is what its named parts leave of 100%, at the world's total.
      const rest = records.find((r) => r.region.id === 'world/unattributed');
      const named = records.filter((r): r is Estimate => r.record === 'estimate' && r.region.parent === 'world');
      const restPct = 100 - named.reduce((total, e) => total + e.share.pct, 0);
      expect(rest === undefined ? 0 : energyOf(rest)).toBeCloseTo((restPct / 100) * world.energy.twh, 6);
    }
    expect(covered).toEqual(expect.arrayContaining([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]));
  });
});

describe('options that are wrong for every region', () => {
  it('are refused once, not given as the reason each region or year cannot be estimated', async () => {
    const data = await shippedData();
    expect(() => [...estimateAll(data, { year: 'x' as never })]).toThrow(/expected a year/);
    expect(() => [...estimateAll(data, { baseline: 'zzz' })]).toThrow(/Unknown baseline "zzz"/);
    expect(() => [...estimateAll(data, { kind: 'planet' as never })]).toThrow(/kind: expected one of world/);
    expect(() => estimateYears(data, 'russia', { from: 2019.5, to: 2020 })).toThrow(/years\.from: expected a year/);
    expect(() => estimateYears(data, 'russia', { from: 1000, to: 3000 })).toThrow(/years\.from: expected a year/);
    expect(() => estimateYears(data, 'russia', { from: 2019, to: 2020 }, { series: 'zzz' })).toThrow(
      /Unknown series "zzz"/,
    );
  });
});
