import { describe, expect, it } from 'vitest';
import { bottomUp, CBECI_OVERHEADS } from '../../src/core/network/bottom-up.js';
import { networkSeries, type SeriesInputRow, windowStarts } from '../../src/core/network/network-series.js';
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
    const { results, warnings: found } = networkSeries(rows([10, 12, 40]), { ...options, smoothDays: 1 });
    const warnings = found.map((w) => w.message);
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
    const { results, warnings: found } = networkSeries(rows([10, 40, 12, 40]), {
      ...options,
      smoothDays: 1,
      averageDays,
    });
    const warnings = found.map((w) => w.message);
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
    const { warnings: found } = networkSeries(rows([10, 12, 40, 40]), {
      ...options,
      smoothDays: 1,
      from: '2022-01-02',
    });
    const warnings = found.map((w) => w.message);
    expect(warnings).toEqual(['No machine is eligible on 1 day (2022-01-02): their results are null.']);
    expect(
      networkSeries(rows([10, 40]), { ...options, smoothDays: 1, from: '2022-01-02' }).warnings.map((w) => w.message),
    ).toEqual([]);
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

describe('networkSeries windows span calendar days', () => {
  // Three days, a gap of six days, then two more: a 3-day window on 2022-01-10 holds that day alone.
  const gapped: SeriesInputRow[] = [
    ['2022-01-01', 30],
    ['2022-01-02', 30],
    ['2022-01-03', 30],
    ['2022-01-10', 60],
    ['2022-01-11', 60],
  ].map(([date, thresholdJPerTh]) => ({
    date: date as string,
    hashrateEhs: 100,
    thresholdJPerTh: thresholdJPerTh as number,
  }));

  it('averages the threshold over the days within the window, not the last rows', () => {
    const { results } = networkSeries(gapped, { ...options, smoothDays: 3 });
    // Counting rows, 2022-01-10 would average 30, 30 and 60 (40); its window 2022-01-08 to 10 holds only 60.
    expect(results.map((r) => r.thresholdJPerTh)).toEqual([30, 30, 30, 60, 60]);
    expect(results.map((r) => r.thresholdWindowDays)).toEqual([1, 2, 3, 1, 2]);
  });

  it('takes in a day at the far edge of the window and none beyond it', () => {
    const { results } = networkSeries(gapped, { ...options, smoothDays: 10 });
    // 2022-01-10's 10-day window starts on 2022-01-01 (included); 2022-01-11's on 2022-01-02.
    expect(results[3]?.thresholdJPerTh).toBeCloseTo((30 * 3 + 60) / 4, 12);
    expect(results[4]?.thresholdJPerTh).toBeCloseTo((30 * 2 + 60 * 2) / 4, 12);
    expect(results.map((r) => r.thresholdWindowDays)).toEqual([1, 2, 3, 4, 4]);
  });

  it('averages the results over the days within their window too', () => {
    const { results } = networkSeries(gapped, { ...options, smoothDays: 1, averageDays: 3 });
    const single = networkSeries(gapped, { ...options, smoothDays: 1 }).results;
    expect(results.map((r) => r.averageWindowDays)).toEqual([1, 2, 3, 1, 2]);
    // After the gap the average holds that day alone, so it is the day's own result.
    expect(results[3]?.energy.twh).toBeCloseTo(single[3]?.energy.twh as number, 12);
  });

  it('says how many days the gaps skip, and nothing when the days are consecutive', () => {
    expect(networkSeries(gapped, { ...options, smoothDays: 3 }).warnings.map((w) => w.message)).toEqual([
      "The input skips 6 days (6 after 2022-01-03): a window near a gap averages only the days it has, fewer than its span; each day's result says how many days its windows held.",
    ]);
    expect(networkSeries(rows([30, 30, 30]), { ...options, smoothDays: 3 }).warnings.map((w) => w.message)).toEqual([]);
    expect(networkSeries(rows([30, 30, 30]), { ...options, smoothDays: 3 }).gaps).toEqual([]);
  });
});

describe('windowStarts', () => {
  it('gives each day the first row within its span of days', () => {
    // Days 0, 1, 2, 9, 10 and a span of 3: day 9's window is days 7–9 (row 3), day 10's days 8–10 (row 3).
    expect([...windowStarts([0, 1, 2, 9, 10], 3)]).toEqual([0, 0, 0, 3, 3]);
    expect([...windowStarts([0, 1, 2, 3], 1)]).toEqual([0, 1, 2, 3]);
  });
});
