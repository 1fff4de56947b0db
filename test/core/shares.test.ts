import { describe, expect, it } from 'vitest';
import { indexData } from '../../src/core/regions/lookup.js';
import { monthPeriod, yearPeriod } from '../../src/core/common/period.js';
import { chooseShare, partitionOf } from '../../src/core/shares/shares.js';
import { shippedData } from '../helpers.js';
import { share } from './fixtures.js';

const records = [
  share('x', '2020-11', 10),
  share('x', '2021-02', 20),
  share('x', '2021-03', 30),
  share('x', '2022-06', 50),
];

describe('chooseShare', () => {
  it('averages the months inside a year', () => {
    const choice = chooseShare(records, yearPeriod(2021));
    expect(choice.pct).toBeCloseTo(25, 10);
    expect(choice.months).toEqual(['2021-02', '2021-03']);
    expect(choice.distanceMonths).toBe(0);
  });

  it('takes the nearest month when the year has none, counting to January or December', () => {
    // 2020-11 is 2 months before 2021-01... for 2019 it is 11 months after 2019-12
    const choice = chooseShare(records, yearPeriod(2019));
    expect(choice.months).toEqual(['2020-11']);
    expect(choice.distanceMonths).toBe(11);
    const later = chooseShare(records, yearPeriod(2024));
    expect(later.months).toEqual(['2022-06']);
    expect(later.distanceMonths).toBe(-19);
  });

  it('breaks ties towards the earlier month', () => {
    const tied = [share('x', '2020-06', 1), share('x', '2020-08', 2)];
    expect(chooseShare(tied, monthPeriod('2020-07')).months).toEqual(['2020-06']);
    const aroundYear = [share('x', '2019-11', 1), share('x', '2021-02', 2)];
    expect(chooseShare(aroundYear, yearPeriod(2020)).months).toEqual(['2019-11']);
  });

  it('uses the exact month, or the nearest, for a month period', () => {
    expect(chooseShare(records, monthPeriod('2021-03')).pct).toBe(30);
    const nearest = chooseShare(records, monthPeriod('2021-06'));
    expect(nearest.months).toEqual(['2021-03']);
    expect(nearest.distanceMonths).toBe(-3);
  });

  it('marks the choice approximate when any record used is', () => {
    const mixed = [share('x', '2021-01', 10, { approximate: true }), share('x', '2021-02', 12)];
    expect(chooseShare(mixed, yearPeriod(2021)).approximate).toBe(true);
    expect(chooseShare(mixed, monthPeriod('2021-02')).approximate).toBe(false);
  });

  it('refuses an empty list', () => {
    expect(() => chooseShare([], yearPeriod(2021))).toThrow(RangeError);
  });
});

describe('partitionOf: a parent divided among its children, for sums over siblings', async () => {
  const index = indexData(await shippedData());
  const world = index.regions.get('world');
  if (!world) throw new Error('no world');

  it('counts a country inside the remainder of the nearest whole breakdown that does not name it', () => {
    // 2024: May 2025's breakdown (5 months after) names neither Germany nor the Emirates, whose own last shares
    // (January 2022, July 2023) are further away; Ethiopia's December 2024 share is inside the year.
    const partition = partitionOf(index, world, yearPeriod(2024));
    const ids = partition.links.map((l) => l.child.id);
    expect(ids).not.toContain('germany');
    expect(ids).not.toContain('united-arab-emirates');
    expect(ids).toContain('ethiopia');
    expect(partition.warnings.map((w) => w.message)[0]).toMatch(
      /^Iran, Malaysia, Germany, Ireland, United Arab Emirates: no share of World for 2024/,
    );
  });

  it('takes the excess of shares from different months out of the remainder, and leaves a whole breakdown as it is', () => {
    const partition = partitionOf(index, world, yearPeriod(2024));
    const total = partition.links.reduce((sum, l) => sum + l.pct, 0);
    expect(total).toBeCloseTo(100, 9);
    // May 2025's six countries and remainder make 100%; Oman's 0.2% (September 2023) and Ethiopia's 2.5%
    // (December 2024) are nearer 2024 than that breakdown, and inside its remainder: which gives them up.
    const other = partition.links.find((l) => l.child.id === 'other');
    expect(other?.pct).toBeCloseTo(25.591 - 2.7, 9);
    expect(other?.adjustment).toMatch(/reduced from 25\.59% to 22\.89%/);
    expect(partition.links.find((l) => l.child.id === 'china')?.pct).toBe(13.727);
    const whole2021 = partitionOf(index, world, yearPeriod(2021));
    expect(whole2021.links.every((l) => l.adjustment === null)).toBe(true);
    expect(whole2021.links).toHaveLength(10);
  });
});

describe('partitionOf when the remainder cannot give up the whole excess', () => {
  it('takes what the remainder has, then scales the rest, and says both', async () => {
    const { tinyDataset } = await import('./fixtures.js');
    // The world's parts in June 2020: Aland 80, a remainder of 5 and Bland 45 (from other months) make 130%.
    const data = tinyDataset({
      regions: [...tinyDataset().regions, { id: 'rest', name: 'Rest', kind: 'other', parent: 'world' }],
      shares: [share('a', '2020-06', 80), share('rest', '2020-06', 5), share('b', '2020-02', 45)],
    });
    const index = indexData(data);
    const partition = partitionOf(index, index.regions.get('world') as never, monthPeriod('2020-06'));
    const rest = partition.links.find((l) => l.child.id === 'rest');
    expect(rest?.pct).toBe(0);
    expect(rest?.adjustment).toMatch(/reduced from 5% to 0%/);
    const aland = partition.links.find((l) => l.child.id === 'a');
    expect(aland?.pct).toBeCloseTo((80 * 100) / 125, 9);
    expect(aland?.adjustment).toMatch(/scaled by 0\.8, from 80% to 64%/);
    expect(partition.links.reduce((sum, l) => sum + l.pct, 0)).toBeCloseTo(100, 9);
  });
});
