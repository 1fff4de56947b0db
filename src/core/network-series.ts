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
  weighting: Weighting;
  overheads: Overheads;
  hardware: readonly Hardware[];
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
 * eligible machines give its bounds. A day without an eligible machine gives nulls and a warning.
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
  }
  const warnings =
    empty.length === 0
      ? []
      : [
          `No machine is eligible on ${empty.length} day${empty.length === 1 ? '' : 's'} (${empty.slice(0, 5).join(', ')}${empty.length > 5 ? ', …' : ''}): their results are null.`,
        ];
  return { results, warnings };
}
