import { UsageError } from '../errors.js';
import type { UncertaintyOptions } from './uncertainty.js';
import { isCalendarDate } from '../data/dates.js';

/**
 * The checks on a model's inputs, shared by the library's entry points and the command line: each throws a
 * UsageError whose message is the one the command line shows (the option parsers report the same words).
 */

/** The years an estimate may be asked for. */
export const YEAR_RANGE = { from: 1990, to: 2100 } as const;
/** The most Monte Carlo samples a run may ask for. */
export const MAX_SAMPLES = 10_000_000;
/** The largest seed (a 32-bit unsigned whole number). */
export const MAX_SEED = 4_294_967_295;

export function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < YEAR_RANGE.from || year > YEAR_RANGE.to) {
    throw new UsageError(`expected a year from ${YEAR_RANGE.from} to ${YEAR_RANGE.to}.`);
  }
  return year;
}

export function checkMonth(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError('expected a month as YYYY-MM, e.g. 2021-04.');
  checkYear(Number(month.slice(0, 4)));
  return month;
}

export function checkDate(date: string): string {
  if (!isCalendarDate(date)) throw new UsageError('expected a calendar date as YYYY-MM-DD, e.g. 2022-01-01.');
  return date;
}

/** A year or a month, not both; each well formed. */
export function checkPeriod(asked: { year?: number | undefined; month?: string | undefined }): void {
  if (asked.year !== undefined && asked.month !== undefined) throw new UsageError('Give --year or --month, not both.');
  if (asked.year !== undefined) checkYear(asked.year);
  if (asked.month !== undefined) checkMonth(asked.month);
}

export function checkPositive(value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError('expected a number above 0 (e.g. 0.05, 600 or 40e6).');
  return value;
}

/** A share of revenue or a spread: above 0 and at most 1. */
export function checkFraction(value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new UsageError('expected a fraction above 0 and at most 1, e.g. 0.6.');
  }
  return value;
}

export function checkNonNegative(value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new UsageError('expected a non-negative number.');
  return value;
}

/** A spread that may be 0 (no widening) up to 1 (± the whole value). */
export function checkUnitSpread(value: number): number {
  if (!(value >= 0 && value <= 1)) throw new UsageError('expected a fraction from 0 to 1, e.g. 0.5.');
  return value;
}

export function checkCount(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new UsageError('expected a whole number, 0 or more.');
  return value;
}

export function checkSamples(samples: number): number {
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) {
    throw new UsageError(`expected a whole number of samples from 1 to ${MAX_SAMPLES}.`);
  }
  return samples;
}

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new UsageError(`expected a whole number from 0 to ${MAX_SEED}.`);
  }
  return seed;
}

/** Facility overheads: each at least 1, and lower ≤ best ≤ upper. */
export function checkOverheads(overheads: { lower: number; best: number; upper: number }): void {
  overheadsFrom([overheads.lower, overheads.best, overheads.upper]);
}

/** Three overheads, lower, best and upper: each at least 1 and in that order. */
export function overheadsFrom(parts: readonly number[]): { lower: number; best: number; upper: number } {
  const [lower = Number.NaN, best = Number.NaN, upper = Number.NaN] = parts;
  if (parts.length !== 3 || ![lower, best, upper].every((p) => Number.isFinite(p) && p >= 1)) {
    throw new UsageError('expected three overheads of at least 1, lower,best,upper, e.g. 1.01,1.10,1.20.');
  }
  if (!(lower <= best && best <= upper)) {
    throw new UsageError(
      'expected the overheads in order, lower ≤ best ≤ upper (e.g. 1.01,1.10,1.20): a lower bound above the best guess would be no bound.',
    );
  }
  return { lower, best, upper };
}

/** Names the option a check is about, as the command line does. */
function about<T>(option: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${option}: ${error.message}`);
    throw error;
  }
}

/** The settings of a Monte Carlo run. */
export function checkUncertainty(options: UncertaintyOptions): void {
  about('--uncertainty', () => checkSamples(options.samples));
  about('--seed', () => checkSeed(options.seed));
  about('--basis-spread', () => checkUnitSpread(options.basisSpread));
  about('--share-spread', () => checkNonNegative(options.shareSpreadPct));
  about('--intensity-spread', () => checkUnitSpread(options.intensitySpread));
  about('--break-spread', () => checkUnitSpread(options.breakSpread));
}

/** The inputs of the bottom-up model for one day. */
export function checkBottomUp(options: {
  hashrateEhs: number;
  thresholdJPerTh?: number | undefined;
  revenueUsdPerDay?: number | undefined;
  priceUsdPerKwh: number;
  date: string;
  overheads: { lower: number; best: number; upper: number };
}): void {
  about('--hashrate', () => checkPositive(options.hashrateEhs));
  if (options.thresholdJPerTh === undefined && options.revenueUsdPerDay === undefined) {
    throw new UsageError('Give --threshold <J/TH>, or --revenue <USD/day> (with --price) to derive it.');
  }
  if (options.thresholdJPerTh !== undefined && options.revenueUsdPerDay !== undefined) {
    throw new UsageError('Give --threshold <J/TH> or --revenue <USD/day>, not both.');
  }
  if (options.thresholdJPerTh !== undefined)
    about('--threshold', () => checkPositive(options.thresholdJPerTh as number));
  if (options.revenueUsdPerDay !== undefined)
    about('--revenue', () => checkPositive(options.revenueUsdPerDay as number));
  about('--price', () => checkPositive(options.priceUsdPerKwh));
  about('--date', () => checkDate(options.date));
  about('--overheads', () => checkOverheads(options.overheads));
}

/** The inputs of the economic (top-down) model. */
export function checkTopDown(options: {
  revenueUsdPerYear: number;
  electricityShare: number;
  priceUsdPerKwh: number;
}): void {
  about('--revenue-year', () => checkPositive(options.revenueUsdPerYear));
  about('--electricity-share', () => checkFraction(options.electricityShare));
  about('--price', () => checkPositive(options.priceUsdPerKwh));
}

/** The settings of the bottom-up model over a daily series. */
export function checkSeriesOptions(options: {
  priceUsdPerKwh: number;
  smoothDays: number;
  averageDays?: number | undefined;
  overheads: { lower: number; best: number; upper: number };
  from?: string | undefined;
  to?: string | undefined;
}): void {
  about('--price', () => checkPositive(options.priceUsdPerKwh));
  about('--smooth', () => checkCount(options.smoothDays));
  if (options.averageDays !== undefined) about('--average', () => checkCount(options.averageDays as number));
  about('--overheads', () => checkOverheads(options.overheads));
  if (options.from !== undefined) about('--from', () => checkDate(options.from as string));
  if (options.to !== undefined) about('--to', () => checkDate(options.to as string));
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    throw new UsageError(`--from ${options.from} is after --to ${options.to}.`);
  }
}

/**
 * A computed basis must be for the period asked: its year that of --year or --month, and the day its model ran
 * on (when it has one) inside that period.
 */
export function checkComputedBasis(
  basis: { year: number; inputs: Record<string, number | string | null> },
  asked: { year?: number | undefined; month?: string | undefined },
): void {
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
  if (asked.month !== undefined && !date.startsWith(asked.month)) {
    throw new UsageError(
      `The model ran on ${date}, outside --month ${asked.month}: its machines would not be those of that month. Give a --date in ${asked.month}, or leave --date out to use the middle of the month.`,
    );
  }
  if (asked.year !== undefined && !date.startsWith(String(asked.year))) {
    throw new UsageError(
      `The model ran on ${date}, outside --year ${asked.year}: its machines would not be those of that year. Give a --date in ${asked.year}, or leave --date out to use the middle of the year.`,
    );
  }
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
    throw new UsageError(`--redistribute: expected proportional, none or a region, not "${input.redistribute.kind}".`);
  }
  if (input.redistribute.kind === 'region' && typeof input.redistribute.region !== 'string') {
    throw new UsageError('--redistribute: a redistribution to a region names the region.');
  }
  for (const move of input.moves) about(`--move ${move.from}:${move.to}`, () => checkMovePct(move.pct));
}
