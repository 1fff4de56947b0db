import { formatCount } from '../text.js';

/**
 * The limits on every size a user controls. Each is far above real work and low enough that the tool answers
 * in bounded time and memory; above one, the tool stops with a message naming the limit (exit 2 for an option,
 * exit 1 for a data file or input series). docs/input.md lists them.
 */

/** The years of the data, of an estimate and of every date a user gives, ends included. */
export const YEAR_RANGE = { from: 1990, to: 2100 } as const;
/** The first day a daily series may start on: the day of bitcoin's first block. */
export const FIRST_SERIES_DAY = '2009-01-03';
/** The last day a daily series may reach. */
export const LAST_SERIES_DAY = `${YEAR_RANGE.to}-12-31`;
/** Rows in a daily series: one a day from {@link FIRST_SERIES_DAY} to {@link LAST_SERIES_DAY}. */
export const MAX_SERIES_DAYS = 33_600;
/** A moving-average window (`--smooth`, `--average`), in days: at most a whole series. */
export const MAX_WINDOW_DAYS = MAX_SERIES_DAYS;
/** Regions in the data. */
export const MAX_REGIONS = 1_000_000;

/**
 * What is wrong with a list of `count` regions, over {@link MAX_REGIONS}: the one message, for one file's list
 * and for the regions of all files merged.
 */
export function overRegionLimit(count: number): string {
  return `is region ${formatCount(MAX_REGIONS + 1)} of ${formatCount(count)}, over the limit of ${formatCount(MAX_REGIONS)} regions (MAX_REGIONS)`;
}

/** Levels from a region up to the world, the world included (world → country → province is 3). */
export const MAX_REGION_DEPTH = 64;
/** Machines in a hardware list. */
export const MAX_MACHINES = 10_000;
/** Countries in one electricity baseline. */
export const MAX_BASELINE_COUNTRIES = 1_000;
/** Characters in any one string of a data file (a name, a note, a title). */
export const MAX_TEXT_CHARS = 10_000;
