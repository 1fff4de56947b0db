import { describe, expect, it } from 'vitest';
import { indexData } from '../../src/core/regions/lookup.js';
import { monthPeriod, yearPeriod } from '../../src/core/common/period.js';
import { partitionOf } from '../../src/core/shares/shares.js';
import { chooseShare } from '../../src/core/shares/share-model.js';
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

  it('interpolates between the nearest records on each side, at the middle of the period', () => {
    // July 2020, between June (1%) and August (2%): half way, 1.5%.
    const between = chooseShare([share('x', '2020-06', 1), share('x', '2020-08', 2)], monthPeriod('2020-07'));
    expect(between.obtained).toBe('interpolated');
    expect(between.pct).toBeCloseTo(1.5, 12);
    expect(between.months).toEqual(['2020-06', '2020-08']);
    expect(between.distanceMonths).toBe(-1); // a tie goes to the earlier record
    // 2020, between November 2019 (1%) and February 2021 (2%): the year's middle (mid-June 2020) is 7.5 of the
    // 15 months between them, so 1 + 1 × 7.5 / 15 = 1.5%; both records are 2 months away.
    const year = chooseShare([share('x', '2019-11', 1), share('x', '2021-02', 2)], yearPeriod(2020));
    expect(year.pct).toBeCloseTo(1.5, 12);
    expect(year.distanceMonths).toBe(-2);
  });

  it('uses the exact month, or interpolates, for a month period', () => {
    expect(chooseShare(records, monthPeriod('2021-03')).pct).toBe(30);
    expect(chooseShare(records, monthPeriod('2021-03')).obtained).toBe('recorded');
    // June 2021: 3 of the 15 months from March 2021 (30%) to June 2022 (50%): 30 + 20 × 3 / 15 = 34%.
    const between = chooseShare(records, monthPeriod('2021-06'));
    expect(between.pct).toBeCloseTo(34, 12);
    expect(between.months).toEqual(['2021-03', '2022-06']);
    expect(between.distanceMonths).toBe(-3);
  });

  it('carries the nearest record before the first and after the last', () => {
    const before = chooseShare(records, yearPeriod(2019));
    expect(before.obtained).toBe('carried');
    expect(before.pct).toBe(10);
  });

  it("never interpolates across a structural break: it carries the record on the period's side of it", () => {
    // An event in September 2021 between March 2021 (30%) and June 2022 (50%): December 2021 is after it, so it
    // rests on June 2022 alone; April 2021 is before it, so on March 2021.
    const barriers = { eventMonths: ['2021-09'], unnamedMonths: [] };
    const after = chooseShare(records, monthPeriod('2021-12'), barriers);
    expect(after).toMatchObject({ obtained: 'carried', pct: 50, months: ['2022-06'], distanceMonths: 6 });
    const before = chooseShare(records, monthPeriod('2021-04'), barriers);
    expect(before).toMatchObject({ obtained: 'carried', pct: 30, months: ['2021-03'], distanceMonths: -1 });
    // A record in the event's own month counts as from before it: it is not carried into later months.
    const sameMonth = chooseShare(records, monthPeriod('2022-01'), { eventMonths: ['2021-03'], unnamedMonths: [] });
    expect(sameMonth).toMatchObject({ obtained: 'carried', months: ['2022-06'] });
  });

  it('never interpolates across a whole breakdown of the parent that leaves the region out', () => {
    const choice = chooseShare(records, monthPeriod('2021-06'), { eventMonths: [], unnamedMonths: ['2021-10'] });
    expect(choice).toMatchObject({ obtained: 'carried', pct: 30, months: ['2021-03'] });
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

  it('interpolates the world breakdown of 2024 between January 2022 and May 2025, without an excess', () => {
    const partition = partitionOf(index, world, yearPeriod(2024));
    const pctOf = (id: string) => partition.links.find((l) => l.child.id === id)?.pct;
    // The middle of 2024 is 29.5 of the 40 months from January 2022 to May 2025: a weight of 0.7375.
    expect(pctOf('china')).toBeCloseTo(21.11 + (13.727 - 21.11) * 0.7375, 9); // 15.665
    expect(pctOf('russia')).toBeCloseTo(4.66 + (15.652 - 4.66) * 0.7375, 9); // 12.767
    expect(pctOf('other')).toBeCloseTo(9.02 + (25.591 - 9.02) * 0.7375, 9); // 21.241
    // Kazakhstan, between May 2023 (4%) and May 2025 (2.484%): 13.5 of 24 months.
    expect(pctOf('kazakhstan')).toBeCloseTo(4 + (2.484 - 4) * (13.5 / 24), 9); // 3.147
    // With the United States (36.501), Canada (3.854), Paraguay (3.602, carried from May 2025), Oman (0.2, from
    // September 2023) and Ethiopia (2.5): 99.477%, under 100, so nothing is reduced or scaled.
    const total = partition.links.reduce((sum, l) => sum + l.pct, 0);
    expect(total).toBeCloseTo(99.477, 3);
    expect(partition.links.every((l) => l.adjustment === null)).toBe(true);
    const whole2021 = partitionOf(index, world, yearPeriod(2021));
    expect(whole2021.links.every((l) => l.adjustment === null)).toBe(true);
    expect(whole2021.links).toHaveLength(10);
  });
});

describe('partitionOf when the remainder cannot give up the whole excess', () => {
  it('takes what the remainder has, then scales the rest, and says both', async () => {
    const { tinyDataset, trusted } = await import('./fixtures.js');
    // The world's parts in June 2020: Aland 80, a remainder of 5 and Bland 45 (from other months) make 130%.
    // (Over 100% in the year's means too, which loadData refuses: taken as checked, for the arithmetic.)
    const data = trusted(
      tinyDataset({
        regions: [...tinyDataset().regions, { id: 'rest', name: 'Rest', kind: 'other', parent: 'world' }],
        shares: [share('a', '2020-06', 80), share('rest', '2020-06', 5), share('b', '2020-02', 45)],
      }),
    );
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
