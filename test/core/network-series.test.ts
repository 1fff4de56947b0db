import { describe, expect, it } from 'vitest';
import { bottomUp, CBECI_OVERHEADS } from '../../src/core/bottom-up.js';
import { networkSeries, type SeriesInputRow } from '../../src/core/network-series.js';
import type { Hardware } from '../../src/data/schemas.js';

const hardware: Hardware[] = [
  { model: 'A', released: '2021-01-01', jPerTh: 15, source: 'test', evidence: 'primary' },
  { model: 'B', released: '2021-01-01', jPerTh: 25, source: 'test', evidence: 'primary' },
  { model: 'C', released: '2021-01-01', jPerTh: 35, source: 'test', evidence: 'primary' },
];
const options = { priceUsdPerKwh: 0.05, weighting: 'age' as const, overheads: CBECI_OVERHEADS, hardware };
const rows = (thresholds: number[]): SeriesInputRow[] =>
  thresholds.map((thresholdJPerTh, i) => ({
    date: `2022-01-${String(i + 1).padStart(2, '0')}`,
    hashrateEhs: 100,
    thresholdJPerTh,
  }));

describe('networkSeries', () => {
  it.each([
    [2, [10, 20, 30, 40], [10, 15, 25, 35]],
    [14, [10, 20, 30, 40], [10, 15, 20, 25]],
    [0, [10, 20, 30, 40], [10, 20, 30, 40]],
    [1, [10, 20, 30, 40], [10, 20, 30, 40]],
    [3, [30, 30, 60, 60, 60], [30, 30, 40, 50, 60]],
  ])('smooths the threshold with a trailing mean over %d days', (smoothDays, thresholds, expected) => {
    const { results } = networkSeries(rows(thresholds), { ...options, smoothDays });
    results.forEach((r, i) => expect(r.thresholdJPerTh).toBeCloseTo(expected[i] as number, 9));
  });

  it('gives each day the single-day model at its smoothed threshold', () => {
    const { results } = networkSeries(rows([20, 40, 30, 50]), { ...options, smoothDays: 2 });
    for (const r of results) {
      const single = bottomUp({
        hashrateThs: 100e6,
        thresholdJPerTh: r.thresholdJPerTh,
        date: r.date,
        hardware,
        weighting: 'age',
        overheads: CBECI_OVERHEADS,
      });
      expect(single.ok && single.result.energy).toEqual(r.energy);
    }
  });

  it('gives nulls and one warning for days with no eligible machine', () => {
    const { results, warnings } = networkSeries(rows([10, 12, 40]), { ...options, smoothDays: 1 });
    expect(results.map((r) => r.energy.twh === null)).toEqual([true, true, false]);
    expect(results[0]?.power).toEqual({ gw: null, lowerGw: null, upperGw: null });
    expect(warnings).toEqual(['No machine is eligible on 2 days (2022-01-01, 2022-01-02): their results are null.']);
  });

  it.each([
    // Thresholds 10, 40, 12, 40: days 1 and 3 have no machine; day 1 is filled with 0, day 3 with day 2's result.
    [2, [0, 0.5, 1, 1]],
    [3, [0, 0.5, 2 / 3, 1]],
    [1, [null, 1, null, 1]],
  ])('averages the results over %d days, filling days without a machine as CBECI does', (averageDays, expected) => {
    const { results, warnings } = networkSeries(rows([10, 40, 12, 40]), { ...options, smoothDays: 1, averageDays });
    const full = networkSeries(rows([40]), { ...options, smoothDays: 1 }).results[0]?.energy.twh ?? Number.NaN;
    results.forEach((r, i) => {
      const want = expected[i] as number | null;
      if (want === null) expect(r.energy.twh).toBeNull();
      else expect(r.energy.twh).toBeCloseTo(want * full, 9);
    });
    expect(warnings[0]).toMatch(averageDays > 1 ? /each repeats the day before/ : /their results are null/);
  });

  it.each([1, 3])(
    'returns only the days from `from` to `to`, computed over the whole series (average %d)',
    (averageDays) => {
      const thresholds = [10, 40, 12, 40, 30, 45, 50];
      const whole = networkSeries(rows(thresholds), { ...options, smoothDays: 3, averageDays });
      const window = networkSeries(rows(thresholds), {
        ...options,
        smoothDays: 3,
        averageDays,
        from: '2022-01-03',
        to: '2022-01-05',
      });
      expect(window.results).toEqual(whole.results.slice(2, 5));
    },
  );

  it('warns only about the days returned', () => {
    const { warnings } = networkSeries(rows([10, 12, 40, 40]), { ...options, smoothDays: 1, from: '2022-01-02' });
    expect(warnings).toEqual(['No machine is eligible on 1 day (2022-01-02): their results are null.']);
    expect(networkSeries(rows([10, 40]), { ...options, smoothDays: 1, from: '2022-01-02' }).warnings).toEqual([]);
  });

  it('derives the threshold from revenue and price', () => {
    const { results } = networkSeries([{ date: '2022-01-01', hashrateEhs: 180, revenueUsd: 40e6 }], {
      ...options,
      smoothDays: 14,
      priceUsdPerKwh: 0.08,
    });
    expect(results[0]?.thresholdJPerTh).toBeCloseTo(40e6 / (180e6 * 86_400) / (0.08 / 3.6e6), 6);
  });
});
