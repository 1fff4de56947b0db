import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CBECI_OVERHEADS } from '../../src/core/network/bottom-up.js';
import {
  networkSeries,
  type SeriesInputRow,
  trailingMeans,
  windowStarts,
} from '../../src/core/network/network-series.js';
import type { Hardware } from '../../src/data/schemas.js';

const hardware: Hardware[] = [
  { model: 'A', released: '2021-01-01', jPerTh: 15, source: 'test', evidence: 'primary' },
  { model: 'B', released: '2021-01-01', jPerTh: 25, source: 'test', evidence: 'primary' },
  { model: 'C', released: '2021-01-01', jPerTh: 35, source: 'test', evidence: 'primary' },
];
const options = { priceUsdPerKwh: 0.05, weighting: 'age' as const, overheads: CBECI_OVERHEADS, hardware };
const MS_PER_DAY = 86_400_000;
const RELATIVE = 1e-12;

/** Rows from 2022-01-01 on, `steps[i]` days after the row before (1 for consecutive days). */
function rowsOf(thresholds: readonly number[], steps: readonly number[]): SeriesInputRow[] {
  let day = Date.UTC(2022, 0, 1) / MS_PER_DAY;
  return thresholds.map((thresholdJPerTh, i) => {
    if (i > 0) day += steps[i] ?? 1;
    return { date: new Date(day * MS_PER_DAY).toISOString().slice(0, 10), hashrateEhs: 100, thresholdJPerTh };
  });
}

const close = (actual: number | null, expected: number | null) =>
  actual === expected ||
  (actual !== null && expected !== null && Math.abs(actual - expected) <= RELATIVE * Math.abs(expected));

describe('trailingMeans', () => {
  it('gives the mean of each window', () => {
    const values = [1, 2, 3, 4, 5, 6, 7];
    const starts = windowStarts([0, 1, 2, 3, 4, 5, 6], 3);
    expect([...trailingMeans(values, starts)]).toEqual([1, 1.5, 2, 3, 4, 5, 6]);
  });

  it.each([1e20, 1e308, Number.POSITIVE_INFINITY])(
    'lets an outlier of %d change only the windows that hold it',
    (outlier) => {
      const values = [30, 30, outlier, 30, 30, 30, 30, 30];
      const means = trailingMeans(values, windowStarts([0, 1, 2, 3, 4, 5, 6, 7], 3));
      expect([...means.slice(5)]).toEqual([30, 30, 30]);
      expect([...means.slice(0, 2)]).toEqual([30, 30]);
    },
  );
});

describe('networkSeries: one outlier day cannot poison the others', () => {
  it('keeps the days after an outlier threshold finite and unchanged once it leaves the window', () => {
    // The largest threshold a row may have (1e12 J/TH), far above any real day.
    const thresholds = [30, 30, 1e12, ...Array.from({ length: 20 }, () => 30)];
    const { results } = networkSeries(rowsOf(thresholds, []), { ...options, smoothDays: 14, averageDays: 7 });
    const clean = networkSeries(
      rowsOf(
        thresholds.map(() => 30),
        [],
      ),
      { ...options, smoothDays: 14, averageDays: 7 },
    );
    // Day 3's threshold window is days 3–16, its result's average window days 3–22 (as the smoothed days before it).
    for (let i = 22; i < thresholds.length; i++) {
      expect(results[i]?.thresholdJPerTh).toBe(30);
      expect(close(results[i]?.energy.twh ?? null, clean.results[i]?.energy.twh ?? null)).toBe(true);
    }
  });

  it('changes only results whose window holds the outlier day, to 1e-12 relative (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 16, max: 100, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 60, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 10 }),
        fc.nat(),
        // Every threshold is above the most efficient machine (15 J/TH), so no day repeats the one before.
        (thresholds, steps, smoothDays, averageDays, at) => {
          const outlierIndex = at % thresholds.length;
          const perturbed = thresholds.map((t, i) => (i === outlierIndex ? 1e11 : t));
          const settings = { ...options, smoothDays, averageDays };
          const base = networkSeries(rowsOf(thresholds, steps), settings).results;
          const changed = networkSeries(rowsOf(perturbed, steps), settings).results;
          const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
          const outlierDay = day(base[outlierIndex]?.date as string);
          base.forEach((result, i) => {
            const distance = day(result.date) - outlierDay;
            const other = changed[i] as (typeof changed)[number];
            if (distance < 0 || distance >= smoothDays) {
              expect(close(other.thresholdJPerTh, result.thresholdJPerTh)).toBe(true);
            }
            // A result averages the smoothed thresholds' results of its window, each reaching smoothDays back.
            if (distance < 0 || distance >= smoothDays + averageDays - 1) {
              for (const key of ['twh', 'lowerTwh', 'upperTwh'] as const) {
                expect(close(other.energy[key], result.energy[key])).toBe(true);
              }
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
