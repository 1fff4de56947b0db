import { THS_PER_EHS } from '../core/network/bottom-up.js';
import { roundSignificant } from '../core/common/units.js';
import { DataError } from '../errors.js';
import { escapePath } from '../text.js';
import type { Source } from '../data/schemas.js';
import {
  checkRowWidths,
  type ColumnSpec,
  csvRecords,
  daysBetween,
  type ImportEvidence,
  type ImportFile,
  importedFrom,
  ImportProblems,
  inDataYears,
  isCalendarDate,
  locateColumns,
  MAX_LISTED_PROBLEMS,
  decimalInCell,
  plural,
  YEAR_RANGE,
} from './table.js';
import { listedProblems } from '../data/problems.js';
import { HASHRATE_EHS_RANGE, inRange, rangeText, REVENUE_USD_PER_DAY_RANGE } from '../data/ranges.js';
import { FIRST_SERIES_DAY } from '../data/limits.js';

/**
 * The header names each input may have: the reference file's own (`date`, `mean_hash_rate_ths`,
 * `miner_revenue_usd`), then Coin Metrics' metric ids (`time`; `HashRate`, the mean hash rate, TH/s for bitcoin;
 * `RevUSD`, miners' revenue, fees plus newly issued coins, USD a day).
 */
const DATE: ColumnSpec = { field: 'date', names: ['date', 'time'] };
const HASHRATE: ColumnSpec = { field: 'hashrate', names: ['mean_hash_rate_ths', 'HashRate'] };
const REVENUE: ColumnSpec = {
  field: 'revenue',
  names: ['miner_revenue_usd', 'RevUSD'],
  hint: 'or both "IssTotUSD" and "FeeTotUSD", which add up to it',
};
/**
 * Coin Metrics' free data files may lack `RevUSD`; its two parts, the USD value of the coins issued (`IssTotUSD`)
 * and of the fees paid (`FeeTotUSD`) that day, add up to it by Coin Metrics' own definition of miners' revenue.
 */
const REVENUE_PARTS = ['IssTotUSD', 'FeeTotUSD'] as const;

/** Numbers are written to this many significant digits, leaving float noise (from TH/s ÷ 1e6) out of the file. */
const SIGNIFICANT_DIGITS = 12;

const WHAT = 'Coin Metrics daily network data';

/** The header of the series input `network --input` reads, as {@link renderNetworkInputs} writes it. */
export const NETWORK_INPUTS_HEADER = 'date,hashrateEhs,revenueUsd';

/** One day of the bottom-up model's inputs: network hashrate (EH/s) and miners' revenue (USD that day). */
export interface NetworkInputRow {
  date: string;
  hashrateEhs: number;
  revenueUsd: number;
}

/** Options for {@link importCoinMetrics}. */
export interface CoinMetricsOptions {
  /** Leave out rows with an empty or non-positive hash rate or revenue instead of failing (they are counted). */
  skipIncomplete?: boolean;
}

/** Coin Metrics' daily data as the bottom-up model's inputs. */
export interface CoinMetricsInputs {
  rows: NetworkInputRow[];
  /** The columns read, as named in the file (revenue may be `IssTotUSD + FeeTotUSD`). */
  columns: { date: string; hashrate: string; revenue: string };
  /** Rows left out as incomplete (with `skipIncomplete`), with their line and what was missing. */
  skipped: { line: number; date: string; reason: string }[];
  /** The first and last days written, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Days missing between the first and the last (gaps, skipped rows included). */
  missingDays: number;
}

/**
 * Reads a daily CSV of the network's hash rate and miners' revenue (Coin Metrics' community data: `date` or
 * `time`; `mean_hash_rate_ths` or `HashRate`, TH/s; `miner_revenue_usd` or `RevUSD`, USD a day, or else
 * `IssTotUSD` + `FeeTotUSD`) into the series input of `network --input`: hashrate in EH/s (TH/s ÷ 1e6) and revenue
 * in USD, to 12 significant digits. Nothing is skipped silently: a row with an empty or non-positive hash rate or
 * revenue is an error unless `skipIncomplete` is set, and then it is listed in `skipped`.
 * @param text the file's text (a UTF-8 byte-order mark and CRLF line ends are accepted)
 * @param path the file as named in messages
 * @throws DataError naming the file, line and column of each problem: a missing or doubled column, a malformed
 *   date or number, a day that does not follow the one before, and (without `skipIncomplete`) incomplete rows,
 *   counted, with at most 20 listed.
 */
export function importCoinMetrics(text: string, path: string, options: CoinMetricsOptions = {}): CoinMetricsInputs {
  const problems = new ImportProblems(path, WHAT);
  const [header, ...records] = csvRecords(text, problems);
  if (header === undefined) return problems.fail('the file is empty.');
  const names = header.cells.map((cell) => cell.trim());
  const fromParts =
    !REVENUE.names.some((name) => names.includes(name)) && REVENUE_PARTS.every((name) => names.includes(name));
  const revenueSpecs: ColumnSpec[] = fromParts
    ? REVENUE_PARTS.map((name) => ({ field: name, names: [name] }))
    : [REVENUE];
  const columns = locateColumns(header, [DATE, HASHRATE, ...revenueSpecs], problems);
  checkRowWidths(header, records, problems);
  const cellOf = (cells: readonly string[], field: string) => (cells[columns[field]?.index ?? -1] ?? '').trim();
  const incomplete: { line: number; date: string; reason: string }[] = [];
  const rows: NetworkInputRow[] = [];
  let previous: { date: string; line: number } | undefined;
  for (const { line, cells } of records) {
    const date = dayOf(cellOf(cells, 'date'));
    if (date === undefined) {
      problems.add(
        line,
        `"${columns.date?.name}"`,
        `must be a date, YYYY-MM-DD, from ${YEAR_RANGE.from} to ${YEAR_RANGE.to}, not "${cellOf(cells, 'date')}"`,
      );
    } else if (previous && date <= previous.date) {
      problems.add(
        line,
        `"${columns.date?.name}"`,
        `${date} does not follow ${previous.date} (line ${previous.line}); rows must be one a day, in order`,
      );
    } else previous = { date, line };
    const missing: string[] = [];
    /** A cell's number (an empty cell counts as 0), noted as missing unless positive when `required`. */
    const amount = (field: string, required: boolean): number => {
      const { name } = columns[field] as { name: string };
      const cell = cellOf(cells, field);
      const value = cell === '' ? 0 : decimalInCell(cell);
      if (value === undefined) problems.add(line, `"${name}"`, `must be a number, not "${cell}"`);
      else if (required && value <= 0) missing.push(`${name} ${cell === '' ? 'is empty' : `is ${cell}`}`);
      return value ?? 0;
    };
    const hashrateThs = amount('hashrate', true);
    let revenueUsd: number;
    if (fromParts) {
      // Only the sum is revenue: a day without fees (FeeTotUSD 0) is a day like any other; but a part left empty
      // is a day not complete, and a negative part is no amount of revenue.
      const parts = REVENUE_PARTS.map((field) => {
        if (cellOf(cells, field) === '') missing.push(`${field} is empty`);
        const value = amount(field, false);
        if (value < 0) problems.add(line, `"${field}"`, `must not be negative, not ${value}`);
        return value;
      });
      revenueUsd = parts.reduce((sum, value) => sum + value, 0);
      if (!(revenueUsd > 0) && missing.length === 0) missing.push(`${REVENUE_PARTS.join(' + ')} is ${revenueUsd}`);
    } else revenueUsd = amount('revenue', true);
    if (date === undefined) continue;
    if (missing.length > 0) {
      incomplete.push({ line, date, reason: missing.join(', ') });
      continue;
    }
    const row = {
      date,
      hashrateEhs: roundSignificant(hashrateThs / THS_PER_EHS, SIGNIFICANT_DIGITS),
      revenueUsd: roundSignificant(revenueUsd, SIGNIFICANT_DIGITS),
    };
    // What network-inputs.csv would refuse, said here against the input's own line and column.
    if (date < FIRST_SERIES_DAY) {
      problems.add(line, `"${columns.date?.name}"`, `${date} is out of range: a series runs from ${FIRST_SERIES_DAY}`);
    }
    if (!inRange(row.hashrateEhs, HASHRATE_EHS_RANGE)) {
      problems.add(
        line,
        `"${columns.hashrate?.name}"`,
        `is ${row.hashrateEhs} EH/s: expected ${rangeText(HASHRATE_EHS_RANGE)}`,
      );
    }
    if (!inRange(row.revenueUsd, REVENUE_USD_PER_DAY_RANGE)) {
      problems.add(
        line,
        `"${fromParts ? REVENUE_PARTS.join(' + ') : (columns.revenue?.name ?? '')}"`,
        `is ${row.revenueUsd} USD: expected ${rangeText(REVENUE_USD_PER_DAY_RANGE)}`,
      );
    }
    rows.push(row);
  }
  problems.throwIfAny();
  if (incomplete.length > 0 && !options.skipIncomplete) throw incompleteError(path, incomplete);
  const first = rows[0];
  const last = rows.at(-1);
  if (first === undefined || last === undefined) {
    return problems.fail(
      incomplete.length > 0
        ? `every row is incomplete (${incomplete.length} rows without a positive hash rate or revenue).`
        : `no rows after the header (line ${header.line}).`,
    );
  }
  return {
    rows,
    columns: {
      date: columns.date?.name as string,
      hashrate: columns.hashrate?.name as string,
      revenue: fromParts ? REVENUE_PARTS.join(' + ') : (columns.revenue?.name as string),
    },
    skipped: incomplete,
    from: first.date,
    to: last.date,
    missingDays: daysBetween(first.date, last.date) + 1 - rows.length,
  };
}

/** A day written YYYY-MM-DD, or as Coin Metrics' API writes it, at midnight UTC (2024-11-16T00:00:00.000000000Z). */
function dayOf(cell: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T00:00:00(?:\.0+)?Z)?$/.exec(cell);
  return match && isCalendarDate(match[1] as string) && inDataYears(match[1] as string) ? match[1] : undefined;
}

function incompleteError(path: string, incomplete: readonly { line: number; date: string; reason: string }[]) {
  const count = incomplete.length;
  const listed = listedProblems(
    incomplete
      .slice(0, MAX_LISTED_PROBLEMS)
      .map(({ line, date, reason }) => `${escapePath(path)} → line ${line} (${date}) → ${reason}`),
    count,
  );
  return new DataError(
    `Cannot import ${escapePath(path)} (${WHAT}): ${count === 1 ? '1 row has' : `${count} rows have`} no positive hash rate or revenue; fix ${count === 1 ? 'it' : 'them'}, or leave ${count === 1 ? 'it' : 'them'} out with --skip-incomplete:`,
    listed,
  );
}

/** The series input of `network --input` as CSV: {@link NETWORK_INPUTS_HEADER}, then one row a day, LF line ends. */
export function renderNetworkInputs(rows: readonly NetworkInputRow[]): string {
  return `${NETWORK_INPUTS_HEADER}\n${rows.map((r) => `${r.date},${r.hashrateEhs},${r.revenueUsd}\n`).join('')}`;
}

/** Options for {@link coinMetricsSource}. */
export interface CoinMetricsSourceOptions {
  id: string;
  evidence: ImportEvidence;
  file: ImportFile;
}

/** The source record of imported Coin Metrics data: the file, its dates, the columns read and what was computed. */
export function coinMetricsSource(inputs: CoinMetricsInputs, options: CoinMetricsSourceOptions): Source {
  const skipped = inputs.skipped.length;
  return {
    id: options.id,
    title: `Coin Metrics network data: daily mean hash rate and miners' revenue in USD, ${inputs.from} to ${inputs.to}`,
    publisher: 'Coin Metrics',
    year: Number(inputs.to.slice(0, 4)),
    licence:
      "Coin Metrics community data, under Coin Metrics' terms (its free data archive is published under CC BY-NC 4.0: attribution, non-commercial); not verified for this file",
    evidence: options.evidence,
    note: [
      `${importedFrom('coinmetrics', options.file)}, covering ${inputs.from} to ${inputs.to} (${plural(inputs.rows.length, 'day')}${inputs.missingDays > 0 ? `, ${inputs.missingDays} missing` : ''}).`,
      skipped > 0
        ? `${skipped} incomplete row${skipped === 1 ? '' : 's'} (no positive hash rate or revenue) left out with --skip-incomplete.`
        : '',
      `Computed: network-inputs.csv, one row a day, with hashrateEhs = ${inputs.columns.hashrate} (TH/s) / 1,000,000 and revenueUsd = ${inputs.columns.revenue} (USD that day), each to ${SIGNIFICANT_DIGITS} significant digits.`,
    ]
      .filter((part) => part !== '')
      .join(' '),
  };
}
