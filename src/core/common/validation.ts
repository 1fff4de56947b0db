import { DataError, type NamedParameter, UsageError } from '../../errors.js';
import { named, type Parameter } from './parameters.js';
import type { Hardware } from '../../data/schemas.js';
import { listedProblems, refuseProblems } from '../../data/problems.js';
import { hardwareProblems } from '../../data/checked-dataset.js';
import { CARBON_BASES } from '../../data/vocabulary.js';
import { formatCount } from '../../text.js';
import { isCalendarDate } from '../../data/dates.js';
import {
  ELECTRICITY_SHARE_RANGE,
  ENERGY_TWH_PER_YEAR_RANGE,
  HASHRATE_EHS_RANGE,
  INTENSITY_G_PER_KWH_RANGE,
  type NumberRange,
  OVERHEAD_RANGE,
  PRICE_USD_PER_KWH_RANGE,
  REVENUE_USD_PER_DAY_RANGE,
  REVENUE_USD_PER_YEAR_RANGE,
  THRESHOLD_J_PER_TH_RANGE,
  UNIT_SPREAD_RANGE,
  inRange,
  rangeText,
} from '../../data/ranges.js';

import { MAX_BASELINE_COUNTRIES, MAX_WINDOW_DAYS, YEAR_RANGE } from '../../data/limits.js';

/**
 * The checks on a model's inputs, shared by the library's entry points and the command line: each throws a
 * UsageError whose message names the parameter by the library's name (parameters.ts), which the command line
 * writes as its flag (src/cli/parameter-flags.ts); the option parsers report the same words.
 */

/** The most Monte Carlo samples a run may ask for. */
export const MAX_SAMPLES = 10_000_000;
/** The largest seed (a 32-bit unsigned whole number). */
export const MAX_SEED = 4_294_967_295;

/** Countries shown on each side of a ranked figure: no baseline has more. */
export const MAX_AROUND_COUNTRIES = MAX_BASELINE_COUNTRIES;

/** A finite number inside a range; NaN, ±Infinity and numbers outside it are refused with the range named. */
export function checkRange(value: number, range: NumberRange): number {
  if (!inRange(value, range)) {
    throw new UsageError(`expected ${rangeText(range)}.`);
  }
  return value;
}

export function checkYear(year: number): number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < YEAR_RANGE.from || year > YEAR_RANGE.to) {
    throw new UsageError(`expected a year from ${YEAR_RANGE.from} to ${YEAR_RANGE.to}.`);
  }
  return year;
}

export function checkMonth(month: string): string {
  const year = typeof month === 'string' ? Number(month.slice(0, 4)) : Number.NaN;
  if (
    typeof month !== 'string' ||
    !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) ||
    year < YEAR_RANGE.from ||
    year > YEAR_RANGE.to
  ) {
    throw new UsageError(
      `expected a month as YYYY-MM in the years ${YEAR_RANGE.from} to ${YEAR_RANGE.to}, e.g. 2021-04.`,
    );
  }
  return month;
}

/** A calendar date (2023-02-29 is refused, 2024-02-29 is not) with a four-digit year in {@link YEAR_RANGE}. */
export function checkDate(date: string): string {
  const year = typeof date === 'string' ? Number(date.slice(0, 4)) : Number.NaN;
  if (typeof date !== 'string' || !isCalendarDate(date) || year < YEAR_RANGE.from || year > YEAR_RANGE.to) {
    throw new UsageError(
      `expected a calendar date as YYYY-MM-DD in the years ${YEAR_RANGE.from} to ${YEAR_RANGE.to}, e.g. 2022-01-01.`,
    );
  }
  return date;
}

/** A year or a month, not both; each well formed. */
export function checkPeriod(asked: { year?: number | undefined; month?: string | undefined }): void {
  if (asked.year !== undefined && asked.month !== undefined) {
    throw new UsageError(['Give ', named('year'), ' or ', named('month'), ', not both.']);
  }
  if (asked.year !== undefined) about('year', () => checkYear(asked.year as number));
  if (asked.month !== undefined) about('month', () => checkMonth(asked.month as string));
}

/** A spread that may be 0 (no widening) up to 1 (± the whole value). */
export function checkUnitSpread(value: number): number {
  return checkRange(value, UNIT_SPREAD_RANGE);
}

/** A whole number of something from 0 to a limit, the limit named. */
function checkWhole(value: number, what: string, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new UsageError(`expected a whole number of ${what} from 0 to ${formatCount(max)}.`);
  }
  return value;
}

/** A moving-average window in days: 0 or 1 for none, at most {@link MAX_WINDOW_DAYS} (a whole series). */
export function checkWindowDays(days: number): number {
  return checkWhole(days, 'days', MAX_WINDOW_DAYS);
}

/** Countries to show on each side of a ranked figure, at most {@link MAX_AROUND_COUNTRIES}. */
export function checkAroundCount(count: number): number {
  return checkWhole(count, 'countries', MAX_AROUND_COUNTRIES);
}

export function checkSamples(samples: number): number {
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) {
    throw new UsageError(`expected a whole number of samples from 1 to ${formatCount(MAX_SAMPLES)}.`);
  }
  return samples;
}

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new UsageError(`expected a whole number from 0 to ${formatCount(MAX_SEED)}.`);
  }
  return seed;
}

/** Facility overheads: each from 1 to 10, and lower ≤ best ≤ upper. */
export function checkOverheads(overheads: { lower: number; best: number; upper: number }): void {
  if (typeof overheads !== 'object' || overheads === null) throw new UsageError(OVERHEADS_EXPECTED);
  overheadsFrom([overheads.lower, overheads.best, overheads.upper]);
}

const OVERHEADS_EXPECTED = `expected three overheads from ${OVERHEAD_RANGE.min} to ${OVERHEAD_RANGE.max}, lower,best,upper, e.g. 1.01,1.10,1.20.`;

/** Three overheads, lower, best and upper: each from 1 to 10 and in that order. */
export function overheadsFrom(parts: readonly number[]): { lower: number; best: number; upper: number } {
  const [lower = Number.NaN, best = Number.NaN, upper = Number.NaN] = parts;
  const inRange = (p: number) => Number.isFinite(p) && p >= OVERHEAD_RANGE.min && p <= OVERHEAD_RANGE.max;
  if (parts.length !== 3 || ![lower, best, upper].every(inRange)) throw new UsageError(OVERHEADS_EXPECTED);
  if (!(lower <= best && best <= upper)) {
    throw new UsageError(
      'expected the overheads in order, lower ≤ best ≤ upper (e.g. 1.01,1.10,1.20): a lower bound above the best guess would be no bound.',
    );
  }
  return { lower, best, upper };
}

/** A carbon bracket, g CO2/kWh: two intensities from 0 to 2000 with low < high. */
export function checkCarbonBracket(bracket: { low: number; high: number }): { low: number; high: number } {
  const { low, high } = bracket;
  const inRange = (v: number) =>
    Number.isFinite(v) && v >= INTENSITY_G_PER_KWH_RANGE.min && v <= INTENSITY_G_PER_KWH_RANGE.max;
  if (!(inRange(low) && inRange(high) && low < high)) {
    throw new UsageError(
      `expected two intensities in g/kWh from ${INTENSITY_G_PER_KWH_RANGE.min} to ${INTENSITY_G_PER_KWH_RANGE.max}, low,high with low < high, e.g. 24,820.`,
    );
  }
  return bracket;
}

/**
 * Names the parameter a check is about, before the check's message: by the library's name, which the command line
 * writes as its flag.
 */
export function about<T>(parameter: Parameter | NamedParameter, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UsageError) {
      throw new UsageError([typeof parameter === 'string' ? named(parameter) : parameter, ': ', ...error.parts]);
    }
    throw error;
  }
}

/**
 * Names what only a library caller gives (an argument of a function the command line does not call, a computed
 * basis, which the command line builds itself) before a check's message; it has no flag.
 */
export function aboutArgument<T>(name: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${name}: ${error.message}`);
    throw error;
  }
}

/** The inputs of the bottom-up model for one day. */
export function checkBottomUp(options: {
  hashrateEhs: number;
  thresholdJPerTh?: number | undefined;
  revenueUsdPerDay?: number | undefined;
  priceUsdPerKwh: number;
  date: string;
  overheads: { lower: number; best: number; upper: number };
  weighting: string;
  hardware: readonly Hardware[];
}): void {
  checkOptionsObject(options);
  about('hashrateEhs', () => checkRange(options.hashrateEhs, HASHRATE_EHS_RANGE));
  const threshold = named('thresholdJPerTh', { flagValue: '<J/TH>' });
  const revenue = named('revenueUsdPerDay', { flagValue: '<USD/day>' });
  if (options.thresholdJPerTh === undefined && options.revenueUsdPerDay === undefined) {
    throw new UsageError(['Give ', threshold, ', or ', revenue, ' (with ', named('priceUsdPerKwh'), ') to derive it.']);
  }
  if (options.thresholdJPerTh !== undefined && options.revenueUsdPerDay !== undefined) {
    throw new UsageError(['Give ', threshold, ' or ', revenue, ', not both.']);
  }
  if (options.thresholdJPerTh !== undefined)
    about('thresholdJPerTh', () => checkRange(options.thresholdJPerTh as number, THRESHOLD_J_PER_TH_RANGE));
  if (options.revenueUsdPerDay !== undefined)
    about('revenueUsdPerDay', () => checkRange(options.revenueUsdPerDay as number, REVENUE_USD_PER_DAY_RANGE));
  about('priceUsdPerKwh', () => checkRange(options.priceUsdPerKwh, PRICE_USD_PER_KWH_RANGE));
  about('date', () => checkDate(options.date));
  about('overheads', () => checkOverheads(options.overheads));
  about('weighting', () => checkWeighting(options.weighting));
  checkHardwareList(options.hardware);
}

/** A model's options must be an object: anything else is refused before a field of it is read. */
function checkOptionsObject(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new UsageError(`expected an object of options, not ${options === null ? 'null' : typeof options}.`);
  }
}

/** The ways the bottom-up model weights the eligible machines. */
const WEIGHTINGS = ['age', 'mean'] as const;

/** A weighting of the bottom-up model: `age` or `mean`. */
export function checkWeighting(weighting: string): string {
  if (!(WEIGHTINGS as readonly unknown[]).includes(weighting)) {
    throw new UsageError(`expected ${WEIGHTINGS.join(' or ')}, not ${JSON.stringify(weighting) ?? String(weighting)}.`);
  }
  return weighting;
}

/** A carbon basis: `life-cycle` or `direct`. */
export function checkCarbonBasis(basis: string): string {
  if (!(CARBON_BASES as readonly unknown[]).includes(basis)) {
    throw new UsageError(`expected ${CARBON_BASES.join(' or ')}, not ${JSON.stringify(basis) ?? String(basis)}.`);
  }
  return basis;
}

/** Hardware lists found valid, each checked once. */
const checkedHardware = new WeakSet<object>();

/**
 * A hardware list given to a model: checked as a data directory's hardware.json is (each machine's fields as the
 * schema requires: its efficiency positive, its dates real; no model twice), once per list.
 * @throws DataError naming each problem.
 */
export function checkHardwareList(hardware: readonly Hardware[]): void {
  if (typeof hardware === 'object' && hardware !== null && checkedHardware.has(hardware)) return;
  refuseProblems('The hardware list', hardwareProblems(hardware));
  checkedHardware.add(hardware);
}

/**
 * A daily series' rows given to the model: each date a calendar date, in ascending order with at most one row a
 * day, each number in its option's range (as `network --input` checks a file's rows).
 * @throws DataError naming the row, its date and what is wrong.
 */
export function checkSeriesRows(
  rows: readonly { date: string; hashrateEhs: number; revenueUsd?: number; thresholdJPerTh?: number }[],
): void {
  if (!Array.isArray(rows))
    throw new DataError('The rows of a daily series must be an array of { date, hashrateEhs, … }.');
  const problems: string[] = [];
  let previous: string | undefined;
  for (let i = 0; i < rows.length && problems.length <= MAX_ROW_PROBLEMS; i++) {
    const row = rows[i];
    const at = `row ${formatCount(i + 1)}${typeof row?.date === 'string' ? ` (${row.date})` : ''}`;
    if (typeof row !== 'object' || row === null) {
      problems.push(`${at} → is not an object`);
      continue;
    }
    const problem = (field: string, check: () => unknown) => {
      try {
        check();
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        problems.push(`${at} → ${field} → ${error.message}`);
      }
    };
    problem('date', () => checkDate(row.date));
    if (typeof row.date === 'string' && previous !== undefined && row.date <= previous) {
      problems.push(
        `${at} → date → ${row.date === previous ? 'repeats the row before' : `is before the row before (${previous})`}: rows are in ascending date order, at most one a day`,
      );
    }
    if (typeof row.date === 'string') previous = row.date;
    problem('hashrateEhs', () => checkRange(row.hashrateEhs, HASHRATE_EHS_RANGE));
    if (row.thresholdJPerTh === undefined && row.revenueUsd === undefined) {
      problems.push(`${at} → needs thresholdJPerTh or revenueUsd`);
    }
    if (row.thresholdJPerTh !== undefined)
      problem('thresholdJPerTh', () => checkRange(row.thresholdJPerTh as number, THRESHOLD_J_PER_TH_RANGE));
    if (row.revenueUsd !== undefined)
      problem('revenueUsd', () => checkRange(row.revenueUsd as number, REVENUE_USD_PER_DAY_RANGE));
  }
  if (problems.length > 0) {
    throw new DataError(
      `The daily series ${problems.length === 1 ? 'has a problem' : 'has problems'}:`,
      listedProblems(problems),
    );
  }
}

/** A daily series' problems listed before the check stops looking. */
const MAX_ROW_PROBLEMS = 20;

/** A figure in TWh a year to rank or compare: finite, not negative, within the range an option takes. */
export function checkTwh(twh: number): number {
  return checkRange(twh, ENERGY_TWH_PER_YEAR_RANGE);
}

/** The inputs of the economic (top-down) model. */
export function checkTopDown(options: {
  revenueUsdPerYear: number;
  electricityShare: number;
  priceUsdPerKwh: number;
}): void {
  checkOptionsObject(options);
  about('revenueUsdPerYear', () => checkRange(options.revenueUsdPerYear, REVENUE_USD_PER_YEAR_RANGE));
  about('electricityShare', () => checkRange(options.electricityShare, ELECTRICITY_SHARE_RANGE));
  about('priceUsdPerKwh', () => checkRange(options.priceUsdPerKwh, PRICE_USD_PER_KWH_RANGE));
}

/** The settings of the bottom-up model over a daily series. */
export function checkSeriesOptions(options: {
  priceUsdPerKwh: number;
  smoothDays: number;
  averageDays?: number | undefined;
  overheads: { lower: number; best: number; upper: number };
  weighting: string;
  hardware: readonly Hardware[];
  from?: string | undefined;
  to?: string | undefined;
}): void {
  checkOptionsObject(options);
  about('priceUsdPerKwh', () => checkRange(options.priceUsdPerKwh, PRICE_USD_PER_KWH_RANGE));
  about('smoothDays', () => checkWindowDays(options.smoothDays));
  if (options.averageDays !== undefined) about('averageDays', () => checkWindowDays(options.averageDays as number));
  about('overheads', () => checkOverheads(options.overheads));
  about('weighting', () => checkWeighting(options.weighting));
  checkHardwareList(options.hardware);
  if (options.from !== undefined) about('from', () => checkDate(options.from as string));
  if (options.to !== undefined) about('to', () => checkDate(options.to as string));
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    throw new UsageError([
      named('from', { value: options.from }),
      ' is after ',
      named('to', { value: options.to }),
      '.',
    ]);
  }
}

/**
 * A computed basis must be for the period asked: its year that of --year or --month, and the day its model ran
 * on (when it has one) inside that period.
 */
export function checkComputedBasis(
  basis: {
    method: string;
    year: number;
    twh: number;
    lowerTwh: number | null;
    upperTwh: number | null;
    sources: readonly string[];
    warnings: readonly { code: string; message: string }[];
    inputs: Record<string, number | string | null>;
  },
  asked: { year?: number | undefined; month?: string | undefined },
): void {
  if (typeof basis !== 'object' || basis === null) throw new UsageError('basis: expected a model basis object.');
  aboutArgument('basis.method', () => {
    if (!['bottom-up', 'top-down'].includes(basis.method)) {
      throw new UsageError(
        `expected bottom-up or top-down, not ${JSON.stringify(basis.method) ?? String(basis.method)}.`,
      );
    }
  });
  aboutArgument('basis.year', () => checkYear(basis.year));
  aboutArgument('basis.twh', () => checkTwh(basis.twh));
  for (const bound of ['lowerTwh', 'upperTwh'] as const) {
    if (basis[bound] !== null) aboutArgument(`basis.${bound}`, () => checkTwh(basis[bound] as number));
  }
  if (
    (basis.lowerTwh !== null && basis.lowerTwh > basis.twh) ||
    (basis.upperTwh !== null && basis.upperTwh < basis.twh)
  ) {
    throw new UsageError(
      `basis: expected lowerTwh ≤ twh ≤ upperTwh, not ${basis.lowerTwh} ≤ ${basis.twh} ≤ ${basis.upperTwh}.`,
    );
  }
  if (!Array.isArray(basis.sources) || basis.sources.some((id) => typeof id !== 'string')) {
    throw new UsageError('basis.sources: expected a list of source ids.');
  }
  if (
    !Array.isArray(basis.warnings) ||
    basis.warnings.some(
      (w: unknown) =>
        typeof w !== 'object' ||
        w === null ||
        typeof (w as { code?: unknown }).code !== 'string' ||
        typeof (w as { message?: unknown }).message !== 'string',
    )
  ) {
    throw new UsageError('basis.warnings: expected a list of warnings ({ level, code, message }).');
  }
  if (typeof basis.inputs !== 'object' || basis.inputs === null) {
    throw new UsageError('basis.inputs: expected the model inputs, an object.');
  }
  const { date } = basis.inputs;
  if (typeof date === 'string') checkModelDate(date, asked);
  const askedYear = asked.month !== undefined ? Number(asked.month.slice(0, 4)) : asked.year;
  if (askedYear !== undefined && askedYear !== basis.year) {
    throw new UsageError(
      `The computed basis is for ${basis.year}, not ${asked.month ?? asked.year}: a model's total stands only for the period it was computed for.`,
    );
  }
}

/**
 * A model's network total stands for the period it was computed for: a model run on a date (which machines
 * exist) is refused as the basis of a year or month that does not contain that date.
 */
export function checkModelDate(date: string, asked: { year?: number | undefined; month?: string | undefined }): void {
  const outside = (period: 'month' | 'year', value: string) =>
    new UsageError([
      `The model ran on ${date}, outside `,
      named(period, { value }),
      `: its machines would not be those of that ${period}. Give a `,
      named('date'),
      ` in ${value}, or leave `,
      named('date'),
      ` out to use the middle of the ${period}.`,
    ]);
  if (asked.month !== undefined && !date.startsWith(asked.month)) throw outside('month', asked.month);
  if (asked.year !== undefined && !date.startsWith(String(asked.year))) throw outside('year', String(asked.year));
}

/** A move's percentage of its region's hashrate: above 0, at most 100. */
export function checkMovePct(pct: number): number {
  if (!(Number.isFinite(pct) && pct > 0 && pct <= 100)) {
    throw new UsageError(`expected a percentage above 0 and at most 100, not ${pct}.`);
  }
  return pct;
}

/** A scenario's bans, redistribution and moves, before their regions are looked up. */
export function checkScenarioInput(input: {
  bans: readonly string[];
  redistribute: { kind: string; region?: string };
  moves: readonly { from: string; to: string; pct: number }[];
}): void {
  const kinds = ['proportional', 'none', 'region'];
  if (!kinds.includes(input.redistribute.kind)) {
    throw new UsageError([
      named('redistribute.kind'),
      `: expected proportional, none or a region, not "${input.redistribute.kind}".`,
    ]);
  }
  if (input.redistribute.kind === 'region' && typeof input.redistribute.region !== 'string') {
    throw new UsageError([named('redistribute.region'), ': a redistribution to a region names the region.']);
  }
  input.moves.forEach((move, index) =>
    about(named('moves[].pct', { index, flagValue: `${move.from}:${move.to}` }), () => checkMovePct(move.pct)),
  );
}
