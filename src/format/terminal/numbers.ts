/**
 * Whole numbers with thousands separators. One formatter, made on first use: `toLocaleString` builds a new one on
 * every call, which dominated the time of a long table.
 */
let wholeNumbers: Intl.NumberFormat | undefined;

/** A number for people: four significant digits below 1,000, whole numbers with thousands separators above. */
export function formatNumber(value: number): string {
  const size = Math.abs(value);
  if (size === 0) return '0';
  if (size >= 1_000) {
    wholeNumbers ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    return wholeNumbers.format(value);
  }
  return String(Number(value.toPrecision(4)));
}

/** "1st", "2nd", "63rd", "111th". */
export function ordinal(rank: number): string {
  const tens = rank % 100;
  if (tens >= 11 && tens <= 13) return `${rank}th`;
  return `${rank}${{ 1: 'st', 2: 'nd', 3: 'rd' }[rank % 10] ?? 'th'}`;
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** One block character per value, scaled between the smallest and the largest. */
export function sparkline(values: readonly number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values
    .map((v) => SPARKS[max === min ? SPARKS.length - 1 : Math.round(((v - min) / (max - min)) * (SPARKS.length - 1))])
    .join('');
}

/** A horizontal bar of `width` cells at full scale, in eighths of a cell. */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 === 0 ? '' : (' ▏▎▍▌▋▊▉'[eighths % 8] ?? ''));
}

/** A list shown by its ends: "2019-09..2022-01", or its one item, or nothing. */
export function span(items: readonly (string | number)[]): string {
  return items.length === 0 ? '' : items.length === 1 ? String(items[0]) : `${items[0]}..${items.at(-1)}`;
}

/**
 * Where a figure ranked with the list's `count` items stands, as words: "12th among the 215 countries", or,
 * past either end, "above all 215 countries" or "below all 215 countries" (a rank of count + 1 is last of a
 * list that the figure itself lengthens, not a place in the list).
 */
export function standing(rank: number, count: number, noun = 'countries'): string {
  if (rank > count) return `below all ${count} ${noun}`;
  if (rank === 1 && count > 0) return `above all ${count} ${noun}`;
  return `${ordinal(rank)} among the ${count} ${noun}`;
}

/** A rank for a narrow column: "12/215", or "top" and "bottom" past the list's ends. */
export function shortStanding(rank: number, count: number): string {
  if (rank > count) return 'bottom';
  if (rank === 1 && count > 0) return 'top';
  return `${rank}/${count}`;
}
