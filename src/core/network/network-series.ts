import type { z } from 'zod';
import type { NetworkSeriesDocumentSchema } from '../../contract/models.js';
import type { SeriesInputRow } from '../../data/series-input.js';
import { type ProgressCallback, reportEvery } from '../common/progress.js';
import type { Hardware } from '../../data/schemas.js';
import { type Overheads, powerAndEnergy, THS_PER_EHS, thresholdJPerTh, type Weighting } from './bottom-up.js';
import { dayNumberOf, EligibilitySweep } from './eligibility-sweep.js';
import { checkSeriesOptions, checkSeriesRows } from '../common/validation.js';
import { type Warning, warn } from '../common/warnings.js';
import { DataError } from '../../errors.js';

/** One day of inputs: the network hashrate and either miners' revenue or a profitability threshold. */

export type { SeriesInputRow };

export interface SeriesOptions {
  priceUsdPerKwh: number;
  /**
   * Trailing moving average of the threshold over this many calendar days (the day and those before it); 0 or 1
   * uses the raw threshold. Where the input skips days, the window holds only the days it has.
   */
  smoothDays: number;
  /**
   * Trailing moving average of the results over this many calendar days, as `smoothDays` (CBECI's published
   * index: 7); 0 or 1 gives each day its own result. When averaging, a day without an eligible machine repeats the day before (0 before
   * the first result), as CBECI's code does, instead of giving nulls.
   */
  averageDays?: number;
  weighting: Weighting;
  overheads: Overheads;
  hardware: readonly Hardware[];
  /** Told how many of the rows are done, now and then. */
  onProgress?: ProgressCallback;
  /**
   * Return only the days from `from` to `to` (YYYY-MM-DD, both included). The series is computed over every row
   * first, so the smoothed threshold and the averages of the days returned are those of the whole series.
   */
  from?: string;
  to?: string;
}

/** One day of `network --input --json`, as its published schema (src/contract/models.ts) defines it. */
export type SeriesResult = z.output<typeof NetworkSeriesDocumentSchema>[number];

/**
 * For each row, the first row of its trailing window of `span` calendar days: the rows dated from `span − 1`
 * days before the row's date to that date. `days` must ascend. Linear: the window's start only moves forward.
 */
export function windowStarts(days: readonly number[], span: number): Int32Array {
  const starts = new Int32Array(days.length);
  let start = 0;
  for (let i = 0; i < days.length; i++) {
    const first = (days[i] as number) - span + 1;
    while ((days[start] as number) < first) start++;
    starts[i] = start;
  }
  return starts;
}

/**
 * Each value's trailing mean over its window (`starts` from {@link windowStarts}, never moving back). The window's
 * sum is kept as a queue of two stacks and never by subtracting from a running sum: the values entered since the
 * last transfer are added into `backSum`; the older ones are held as suffix sums (`front[j]` is the sum of values
 * j to the transfer point), rebuilt from the back when the window's start passes the transfer point. So a value
 * leaves the sum by being no longer in it, not by cancellation: a huge or non-finite value changes only the means
 * of the windows holding it. Each value is moved once, so the cost is linear in the rows whatever the window.
 */
export function trailingMeans(values: ArrayLike<number>, starts: Int32Array): Float64Array {
  const means = new Float64Array(values.length);
  const front = new Float64Array(values.length);
  let transferEnd = 0;
  let backSum = 0;
  for (let i = 0; i < values.length; i++) {
    backSum += values[i] as number;
    const start = starts[i] as number;
    if (start > transferEnd) {
      // The front is used up and the window starts inside the back: move the back's live values to the front.
      let suffix = 0;
      for (let j = i; j >= start; j--) {
        suffix += values[j] as number;
        front[j] = suffix;
      }
      transferEnd = i + 1;
      backSum = 0;
    }
    const frontSum = start < transferEnd ? (front[start] as number) : 0;
    means[i] = (frontSum + backSum) / (i - start + 1);
  }
  return means;
}

/** The gaps in ascending dates: each missing run as the day before it and how many days it skips. */
function gapsIn(rows: readonly SeriesInputRow[], days: readonly number[]): { after: string; days: number }[] {
  const gaps: { after: string; days: number }[] = [];
  for (let i = 1; i < days.length; i++) {
    const skipped = (days[i] as number) - (days[i - 1] as number) - 1;
    if (skipped > 0) gaps.push({ after: (rows[i - 1] as SeriesInputRow).date, days: skipped });
  }
  return gaps;
}

/**
 * A day's threshold, given or derived from its revenue and hash rate at the price. Within their ranges (see
 * HASHRATE_EHS_RANGE) a row and a price always give a finite threshold (at most about 4e31 J/TH); the check
 * stays as an invariant, so that rows built by hand that skip the series reader cannot put Infinity into the
 * moving average.
 * @throws DataError naming the day.
 */
function rawThreshold(row: SeriesInputRow, priceUsdPerKwh: number): number {
  if (row.thresholdJPerTh !== undefined) return row.thresholdJPerTh;
  const derived = thresholdJPerTh(row.revenueUsd ?? 0, row.hashrateEhs * THS_PER_EHS, priceUsdPerKwh);
  if (!Number.isFinite(derived)) {
    throw new DataError(
      `On ${row.date} the threshold from revenueUsd ${row.revenueUsd} and hashrateEhs ${row.hashrateEhs} at $${priceUsdPerKwh}/kWh is too large to compute; check that day's hash rate.`,
    );
  }
  return derived;
}

/**
 * CBECI's bottom-up model day by day: each day's threshold (given, or from revenue and price) is smoothed with a
 * trailing moving average over the last `smoothDays` calendar days (fewer at the start of the series, and only
 * the days the input has where it skips some), then the day's eligible machines give its bounds. A day without an
 * eligible machine gives nulls and a warning, unless the results are averaged over several days (`averageDays`),
 * as CBECI's published index is.
 * @param rows in ascending date order, at most one a day
 * @throws UsageError for options out of range (see validation.ts)
 */
export function networkSeries(
  rows: readonly SeriesInputRow[],
  options: SeriesOptions,
): { results: SeriesResult[]; warnings: Warning[]; gaps: { after: string; days: number }[] } {
  checkSeriesOptions(options);
  checkSeriesRows(rows);
  const window = Math.max(1, Math.floor(options.smoothDays));
  const averageDays = Math.max(1, Math.floor(options.averageDays ?? 1));
  const days = rows.map((row) => dayNumberOf(row.date));
  const raw = rows.map((row) => rawThreshold(row, options.priceUsdPerKwh));
  const thresholdStarts = windowStarts(days, window);
  const smoothedThresholds = trailingMeans(raw, thresholdStarts);
  const averageStarts = windowStarts(days, averageDays);
  const bounds = dailyBounds(rows, days, smoothedThresholds, options, reportEvery(options.onProgress, rows.length));
  const inRange = (date: string) =>
    (options.from === undefined || date >= options.from) && (options.to === undefined || date <= options.to);
  const empty = rows.filter((row, i) => bounds.eligible[i] === 0 && inRange(row.date)).map((row) => row.date);
  if (averageDays > 1) averageInPlace(bounds, averageStarts);
  const results: SeriesResult[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as SeriesInputRow;
    if (!inRange(row.date)) continue;
    const none = averageDays === 1 && bounds.eligible[i] === 0;
    const column = (values: Float64Array) => (none ? null : (values[i] as number));
    results.push({
      date: row.date,
      hashrateEhs: row.hashrateEhs,
      rawThresholdJPerTh: raw[i] as number,
      thresholdJPerTh: smoothedThresholds[i] as number,
      thresholdWindowDays: i - (thresholdStarts[i] as number) + 1,
      averageWindowDays: averageDays > 1 ? i - (averageStarts[i] as number) + 1 : 1,
      eligible: bounds.eligible[i] as number,
      energy: { twh: column(bounds.twh), lowerTwh: column(bounds.lowerTwh), upperTwh: column(bounds.upperTwh) },
      power: { gw: column(bounds.gw), lowerGw: column(bounds.lowerGw), upperGw: column(bounds.upperGw) },
    });
  }
  const gaps = gapsIn(rows, days);
  const gapWarnings = gapWarning(gaps, window, averageDays);
  if (averageDays > 1) {
    return { results, warnings: [...gapWarnings, ...filledWarning(empty, averageDays)], gaps };
  }
  const warnings =
    empty.length === 0
      ? []
      : [warn('no-eligible-machine', `No machine is eligible on ${listDays(empty)}: their results are null.`)];
  return { results, warnings: [...gapWarnings, ...warnings], gaps };
}

/** Each day's results, one column each: the eligible count, and power and energy bounds (unset where none is eligible). */
interface DailyBounds {
  eligible: Int32Array;
  twh: Float64Array;
  lowerTwh: Float64Array;
  upperTwh: Float64Array;
  gw: Float64Array;
  lowerGw: Float64Array;
  upperGw: Float64Array;
}

/** The bottom-up model on each day at its smoothed threshold, the eligible machines found by one sweep of the days. */
function dailyBounds(
  rows: readonly SeriesInputRow[],
  days: readonly number[],
  thresholds: Float64Array,
  options: SeriesOptions,
  onRow: (done: number) => void,
): DailyBounds {
  const column = () => new Float64Array(rows.length);
  const bounds: DailyBounds = {
    eligible: new Int32Array(rows.length),
    twh: column(),
    lowerTwh: column(),
    upperTwh: column(),
    gw: column(),
    lowerGw: column(),
    upperGw: column(),
  };
  const sweep = new EligibilitySweep(options.hardware, options.weighting);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as SeriesInputRow;
    const eligible = sweep.summarise(row.date, thresholds[i] as number, days[i] as number);
    bounds.eligible[i] = eligible.count;
    if (eligible.count > 0) {
      const { power, energy } = powerAndEnergy(eligible, row.hashrateEhs * THS_PER_EHS, options.overheads);
      bounds.twh[i] = energy.twh;
      bounds.lowerTwh[i] = energy.lowerTwh;
      bounds.upperTwh[i] = energy.upperTwh;
      bounds.gw[i] = power.gw;
      bounds.lowerGw[i] = power.lowerGw;
      bounds.upperGw[i] = power.upperGw;
    }
    onRow(i + 1);
  }
  return bounds;
}

/** What a gap in the dates does to windows of more than one day. */
function gapWarning(
  gaps: readonly { after: string; days: number }[],
  smoothDays: number,
  averageDays: number,
): Warning[] {
  if (gaps.length === 0 || Math.max(smoothDays, averageDays) <= 1) return [];
  const missing = gaps.reduce((sum, g) => sum + g.days, 0);
  const named = gaps
    .slice(0, 3)
    .map((g) => `${g.days} after ${g.after}`)
    .join(', ');
  return [
    warn(
      'input-gap',
      `The input skips ${missing} day${missing === 1 ? '' : 's'} (${named}${gaps.length > 3 ? ', …' : ''}): a window near a gap averages only the days it has, fewer than its span; each day's result says how many days its windows held.`,
    ),
  ];
}

/** "3 days (2010-07-18, 2010-07-19, 2010-07-20)", at most five dates named. */
function listDays(dates: readonly string[]): string {
  const named = `${dates.slice(0, 5).join(', ')}${dates.length > 5 ? ', …' : ''}`;
  return `${dates.length} day${dates.length === 1 ? '' : 's'} (${named})`;
}

function filledWarning(empty: readonly string[], averageDays: number): Warning[] {
  if (empty.length === 0) return [];
  return [
    warn(
      'no-eligible-machine',
      `No machine is eligible on ${listDays(empty)}: each repeats the day before (0 before the first result) within the ${averageDays}-day average.`,
    ),
  ];
}

/**
 * Each day's bounds replaced by their trailing mean over its window of days (`starts`, fewer days at the start or
 * across a gap), after filling a day without a result with the day before's, or 0 before the first: CBECI's daily
 * index.
 */
function averageInPlace(bounds: DailyBounds, starts: Int32Array): void {
  bounds.twh = trailingMeans(carriedForward(bounds.twh, bounds.eligible), starts);
  bounds.lowerTwh = trailingMeans(carriedForward(bounds.lowerTwh, bounds.eligible), starts);
  bounds.upperTwh = trailingMeans(carriedForward(bounds.upperTwh, bounds.eligible), starts);
  bounds.gw = trailingMeans(carriedForward(bounds.gw, bounds.eligible), starts);
  bounds.lowerGw = trailingMeans(carriedForward(bounds.lowerGw, bounds.eligible), starts);
  bounds.upperGw = trailingMeans(carriedForward(bounds.upperGw, bounds.eligible), starts);
}

/** The values with each day without an eligible machine given the day before's value (0 before the first). */
function carriedForward(values: Float64Array, eligible: Int32Array): Float64Array {
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    if (eligible[i] === 0) values[i] = previous;
    else previous = values[i] as number;
  }
  return values;
}
