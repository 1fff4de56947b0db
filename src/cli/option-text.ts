import { YEAR_RANGE } from '../data/limits.js';
import { parseDecimal, readDecimal } from '../data/numbers.js';
import { type NumberRange, rangeText } from '../data/ranges.js';
import { checkCarbonBracket, checkRange, checkYear, overheadsFrom } from '../core/common/validation.js';
import { UsageError } from '../errors.js';

/*
 * The parsers of option text: what a command line writes (a decimal, a whole number, a year, a list of numbers)
 * read into the numbers the core's checks take, each refusal a UsageError worded as the option parsers show it.
 */

/** The number a text writes in decimal notation (see {@link parseDecimal}), or NaN, which every range refuses. */
export function decimalNumber(text: string): number {
  return parseDecimal(text) ?? Number.NaN;
}

/** A whole number written in digits only (no sign, point, exponent or spaces), or NaN. */
export function wholeNumber(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** A number written in decimal notation, inside a range: the check of every number an option takes. */
export function checkDecimal(text: string, range: NumberRange): number {
  const reading = readDecimal(text);
  if (reading.ok) return checkRange(reading.value, range);
  if (reading.why === 'notation') throw new UsageError(`expected a decimal number: ${rangeText(range)}.`);
  if (reading.why === 'too small') {
    throw new UsageError(`${text} is too small to hold as a number (it would be taken as 0): ${rangeText(range)}.`);
  }
  return checkRange(Number.POSITIVE_INFINITY, range);
}

/** A year written as four digits (not 99 or 0099), in {@link YEAR_RANGE}. */
export function checkYearText(text: string): number {
  if (!/^\d{4}$/.test(text)) {
    throw new UsageError(`expected a four-digit year from ${YEAR_RANGE.from} to ${YEAR_RANGE.to}, e.g. 2022.`);
  }
  return checkYear(Number(text));
}

/** "2019-2026" → the years from 2019 to 2026 (a single year, "2024", is a range of one). */
export function yearRangeFromText(text: string): { from: number; to: number } {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(text.trim());
  if (!match) throw new UsageError('expected a range of years, first-last, e.g. 2019-2026.');
  const from = checkYearText(match[1] as string);
  const to = match[2] === undefined ? from : checkYearText(match[2]);
  if (to < from) throw new UsageError(`expected the first year before the last, e.g. ${to}-${from}.`);
  return { from, to };
}

/** "1.01,1.10,1.20" → three overheads, each in decimal notation. */
export function overheadsFromText(text: string): { lower: number; best: number; upper: number } {
  return overheadsFrom(text.split(',').map(decimalNumber));
}

/** "24,820" → a low and a high grid intensity, each in decimal notation. */
export function carbonBracketFromText(text: string): { low: number; high: number } {
  const parts = text.split(',').map(decimalNumber);
  const [low = Number.NaN, high = Number.NaN] = parts;
  return checkCarbonBracket(parts.length === 2 ? { low, high } : { low: Number.NaN, high: Number.NaN });
}
