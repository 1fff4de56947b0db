import { type ProgressCallback, reportEvery } from './progress.js';
import type { Hardware } from '../data/schemas.js';
import { bottomUp, type Overheads, THS_PER_EHS, thresholdJPerTh, type Weighting } from './bottom-up.js';

/** One day of inputs: the network hashrate and either miners' revenue or a profitability threshold. */
export interface SeriesInputRow {
  date: string;
  hashrateEhs: number;
  revenueUsd?: number;
  thresholdJPerTh?: number;
}

export interface SeriesOptions {
  priceUsdPerKwh: number;
  /** Trailing moving average of the threshold over this many rows; 0 or 1 uses the raw threshold. */
  smoothDays: number;
  /**
   * Trailing moving average of the results over this many rows (CBECI's published index: 7); 0 or 1 gives each
   * day its own result. When averaging, a day without an eligible machine repeats the day before (0 before
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

/** One day's result; energy and power are null when no machine is eligible. */
export interface SeriesResult {
  date: string;
  hashrateEhs: number;
  rawThresholdJPerTh: number;
  thresholdJPerTh: number;
  eligible: number;
  energy: { twh: number | null; lowerTwh: number | null; upperTwh: number | null };
  power: { gw: number | null; lowerGw: number | null; upperGw: number | null };
}

/**
 * CBECI's bottom-up model day by day: each day's threshold (given, or from revenue and price) is smoothed with a
 * trailing moving average over the last `smoothDays` rows (fewer at the start of the series), then the day's
 * eligible machines give its bounds. A day without an eligible machine gives nulls and a warning, unless the
 * results are averaged over several days (`averageDays`), as CBECI's published index is.
 */
export function networkSeries(
  rows: readonly SeriesInputRow[],
  options: SeriesOptions,
): { results: SeriesResult[]; warnings: string[] } {
  const window = Math.max(1, Math.floor(options.smoothDays));
  const raw = rows.map(
    (row) =>
      row.thresholdJPerTh ??
      thresholdJPerTh(row.revenueUsd ?? 0, row.hashrateEhs * THS_PER_EHS, options.priceUsdPerKwh),
  );
  const results: SeriesResult[] = [];
  const empty: string[] = [];
  let runningSum = 0;
  const progress = reportEvery(options.onProgress, rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as SeriesInputRow;
    runningSum += raw[i] as number;
    if (i >= window) runningSum -= raw[i - window] as number;
    const smoothed = runningSum / Math.min(window, i + 1);
    const outcome = bottomUp({
      hashrateThs: row.hashrateEhs * THS_PER_EHS,
      thresholdJPerTh: smoothed,
      date: row.date,
      hardware: options.hardware,
      weighting: options.weighting,
      overheads: options.overheads,
    });
    if (!outcome.ok) empty.push(row.date);
    results.push({
      date: row.date,
      hashrateEhs: row.hashrateEhs,
      rawThresholdJPerTh: raw[i] as number,
      thresholdJPerTh: smoothed,
      eligible: outcome.ok ? outcome.result.eligible.length : 0,
      energy: outcome.ok ? outcome.result.energy : { twh: null, lowerTwh: null, upperTwh: null },
      power: outcome.ok ? outcome.result.power : { gw: null, lowerGw: null, upperGw: null },
    });
    progress(i + 1);
  }
  const inRange = (date: string) =>
    (options.from === undefined || date >= options.from) && (options.to === undefined || date <= options.to);
  const emptyInRange = empty.filter(inRange);
  const averageDays = Math.max(1, Math.floor(options.averageDays ?? 1));
  if (averageDays > 1) {
    return {
      results: averaged(results, averageDays).filter((r) => inRange(r.date)),
      warnings: filledWarning(emptyInRange, averageDays),
    };
  }
  const warnings =
    emptyInRange.length === 0 ? [] : [`No machine is eligible on ${listDays(emptyInRange)}: their results are null.`];
  return { results: results.filter((r) => inRange(r.date)), warnings };
}

/** "3 days (2010-07-18, 2010-07-19, 2010-07-20)", at most five dates named. */
function listDays(dates: readonly string[]): string {
  const named = `${dates.slice(0, 5).join(', ')}${dates.length > 5 ? ', …' : ''}`;
  return `${dates.length} day${dates.length === 1 ? '' : 's'} (${named})`;
}

function filledWarning(empty: readonly string[], averageDays: number): string[] {
  if (empty.length === 0) return [];
  return [
    `No machine is eligible on ${listDays(empty)}: each repeats the day before (0 before the first result) within the ${averageDays}-day average.`,
  ];
}

const METRICS = [
  ['energy', 'twh'],
  ['energy', 'lowerTwh'],
  ['energy', 'upperTwh'],
  ['power', 'gw'],
  ['power', 'lowerGw'],
  ['power', 'upperGw'],
] as const;

/**
 * Each result replaced by the trailing mean of the last `window` days (fewer at the start), after filling a day
 * without a result with the day before's, or 0 before the first: CBECI's daily index.
 */
function averaged(results: readonly SeriesResult[], window: number): SeriesResult[] {
  const filled = METRICS.map(([group, key]) => {
    const values = new Float64Array(results.length);
    let previous = 0;
    results.forEach((r, i) => {
      const value = (r[group] as Record<string, number | null>)[key] ?? null;
      previous = value ?? previous;
      values[i] = previous;
    });
    return values;
  });
  const mean = (values: Float64Array, i: number) => {
    const from = Math.max(0, i - window + 1);
    let sum = 0;
    for (let j = from; j <= i; j++) sum += values[j] as number;
    return sum / (i - from + 1);
  };
  return results.map((r, i) => {
    const [twh, lowerTwh, upperTwh, gw, lowerGw, upperGw] = filled.map((values) => mean(values, i)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return { ...r, energy: { twh, lowerTwh, upperTwh }, power: { gw, lowerGw, upperGw } };
  });
}
