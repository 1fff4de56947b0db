import { daysInYear } from '../data/vocabulary.js';
import type { NetworkSeries, NetworkValue, Source } from '../data/schemas.js';
import {
  checkRowWidths,
  csvRecords,
  daysBetween,
  type ImportEvidence,
  type ImportFile,
  importedFrom,
  ImportProblems,
  inDataYears,
  locateColumns,
  decimalInCell,
  plural,
  YEAR_RANGE,
} from './table.js';

/** The columns of CBECI's export this importer reads (power in GW; the annualised TWh columns are not needed). */
const COLUMNS = [
  { field: 'timestamp', names: ['Timestamp'] },
  { field: 'guess', names: ['power GUESS, GW'] },
  { field: 'lower', names: ['power MIN, GW'] },
  { field: 'upper', names: ['power MAX, GW'] },
] as const;

/** A day's energy in GWh is its average power in GW times the hours in a day. */
const HOURS_PER_DAY = 24;
const SECONDS_PER_DAY = 86_400;
/** Yearly totals are kept to this many decimal places of a TWh (0.1 GWh). */
const TWH_DECIMALS = 4;

const WHAT = "CBECI's daily electricity export";

/** The publisher named in every imported CBECI source. */
export const CBECI_PUBLISHER =
  'Cambridge Centre for Alternative Finance (Cambridge Bitcoin Electricity Consumption Index)';
/** What is known of CBECI's terms; stated on every imported CBECI source. */
export const CBECI_LICENCE =
  "believed to be CC BY-NC-SA 4.0 (attribution, non-commercial, share-alike); not verified: check the publisher's terms before redistributing";

/** One calendar year of CBECI's daily export, summed. */
export interface CbeciEnergy {
  /** One value per calendar year in the file, in file order: energy in TWh with its lower and upper bounds. */
  values: NetworkValue[];
  /** The note on the file's first line (CBECI states the electricity price it assumed there), or null without one. */
  priceNote: string | null;
  /** The first and last days in the file, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Rows (days) read. */
  days: number;
  /** Days missing between the first and the last day (gaps in the export). */
  missingDays: number;
}

interface YearSum {
  year: number;
  days: number;
  guessGwh: number;
  lowerGwh: number;
  upperGwh: number;
  last: string;
}

const roundTwh = (gwh: number) => Number((gwh / 1_000).toFixed(TWH_DECIMALS));

/**
 * Sums CBECI's daily export ("Export" on ccaf.io/cbnsi/cbeci: a note on the price assumed, then a header with
 * `Timestamp` and the power columns in GW) into calendar years: energy TWh = Σ daily GW × 24 / 1000, for the best
 * guess (`power GUESS, GW`), lower (`power MIN, GW`) and upper (`power MAX, GW`) values. A row's day is its Unix
 * `Timestamp` (seconds, UTC midnight). A year the file covers only in part gets `coverage: 'partial-year'` with the
 * days covered and the last of them.
 * @param text the file's text (a UTF-8 byte-order mark and CRLF line ends are accepted)
 * @param path the file as named in messages
 * @throws DataError naming the file, line and column of each problem: a header without the columns, a column named
 *   twice, a malformed or non-midnight timestamp, a number that is not finite and non-negative, a day that does not
 *   follow the one before.
 */
export function importCbeciEnergy(text: string, path: string): CbeciEnergy {
  const problems = new ImportProblems(path, WHAT);
  const records = csvRecords(text, problems);
  const [first, second] = records;
  if (first === undefined) return problems.fail('the file is empty.');
  const hasNote =
    !first.cells.some((cell) => cell.trim() === 'Timestamp') &&
    first.cells.filter((cell) => cell.trim() !== '').length <= 1;
  const header = hasNote ? second : first;
  if (header === undefined) return problems.fail('the file has a note but no header line.');
  const columns = locateColumns(header, COLUMNS, problems);
  const rows = records.slice(records.indexOf(header) + 1);
  checkRowWidths(header, rows, problems);
  const dateColumn = header.cells.findIndex((cell) => cell.trim() === 'Date and Time');
  const years = new Map<number, YearSum>();
  let previous: { date: string; line: number } | undefined;
  let from: string | undefined;
  let missingDays = 0;
  let days = 0;
  for (const { line, cells } of rows) {
    const date = dayOf(cells[columns.timestamp.index] ?? '', line, problems);
    let readable = true;
    const power = (field: 'guess' | 'lower' | 'upper') => {
      const { index, name } = columns[field];
      const value = decimalInCell(cells[index] ?? '');
      if (value === undefined || value < 0) {
        problems.add(line, `"${name}"`, `must be a non-negative number of GW, not "${cells[index] ?? ''}"`);
        readable = false;
      }
      return value ?? 0;
    };
    const guessGw = power('guess');
    const lowerGw = power('lower');
    const upperGw = power('upper');
    if (readable && !(lowerGw <= guessGw && guessGw <= upperGw)) {
      problems.add(
        line,
        `"${columns.guess.name}"`,
        `must lie between "${columns.lower.name}" and "${columns.upper.name}": ${lowerGw} ≤ ${guessGw} ≤ ${upperGw} does not hold`,
      );
    }
    if (date === undefined) continue;
    const stated = dateColumn < 0 ? '' : (cells[dateColumn] ?? '').trim();
    if (/^\d{4}-\d{2}-\d{2}/.test(stated) && stated.slice(0, 10) !== date) {
      problems.add(line, '"Date and Time"', `says ${stated.slice(0, 10)} where the Timestamp gives ${date}`);
    }
    if (previous && date <= previous.date) {
      problems.add(
        line,
        '"Timestamp"',
        `${date} does not follow ${previous.date} (line ${previous.line}); the export must have one row a day, in order`,
      );
      continue;
    }
    if (previous) missingDays += daysBetween(previous.date, date) - 1;
    previous = { date, line };
    from ??= date;
    days++;
    const year = Number(date.slice(0, 4));
    const sum = years.get(year) ?? { year, days: 0, guessGwh: 0, lowerGwh: 0, upperGwh: 0, last: date };
    sum.days++;
    sum.guessGwh += guessGw * HOURS_PER_DAY;
    sum.lowerGwh += lowerGw * HOURS_PER_DAY;
    sum.upperGwh += upperGw * HOURS_PER_DAY;
    sum.last = date;
    years.set(year, sum);
  }
  problems.throwIfAny();
  if (from === undefined || previous === undefined)
    return problems.fail(`no daily rows after the header (line ${header.line}).`);
  const note = hasNote ? first.cells.map((cell) => cell.trim()).filter((cell) => cell !== '')[0] : undefined;
  return {
    values: [...years.values()].map(yearValue),
    priceNote: note ?? null,
    from,
    to: previous.date,
    days,
    missingDays,
  };
}

/** The UTC day of a Unix timestamp in seconds, or undefined (with a problem) unless it is a whole UTC midnight. */
function dayOf(cell: string, line: number, problems: ImportProblems): string | undefined {
  const seconds = /^\s*\d+\s*$/.test(cell) ? Number(cell) : Number.NaN;
  const date = new Date(seconds * 1_000);
  if (!Number.isSafeInteger(seconds) || Number.isNaN(date.getTime())) {
    problems.add(line, '"Timestamp"', `must be a Unix time in whole seconds, not "${cell}"`);
    return undefined;
  }
  if (seconds % SECONDS_PER_DAY !== 0) {
    problems.add(line, '"Timestamp"', `${cell} is ${date.toISOString()}, not midnight UTC; each row must be one day`);
    return undefined;
  }
  const day = date.toISOString().slice(0, 10);
  if (!inDataYears(day)) {
    problems.add(
      line,
      '"Timestamp"',
      `${cell} is ${day}, outside ${YEAR_RANGE.from}–${YEAR_RANGE.to} (seconds, not milliseconds?)`,
    );
    return undefined;
  }
  return day;
}

function yearValue(sum: YearSum): NetworkValue {
  const full = sum.days === daysInYear(sum.year);
  return {
    year: sum.year,
    twh: roundTwh(sum.guessGwh),
    lowerTwh: roundTwh(sum.lowerGwh),
    upperTwh: roundTwh(sum.upperGwh),
    evidence: 'computed',
    ...(full ? {} : { coverage: 'partial-year' as const, days: sum.days, through: sum.last }),
    derived: true,
    note: full
      ? 'Computed: the sum of the daily power (GW) times 24 h over the calendar year.'
      : `Computed over the ${sum.days} days the export covers in ${sum.year}, to ${sum.last}: the energy of those days, not a year's total.`,
  };
}

/** Options for {@link cbeciEnergySeries} and {@link cbeciEnergySource}. */
export interface CbeciEnergyRecordOptions {
  /** The series id (default in the CLI: `cbeci`). */
  seriesId: string;
  /** The source id. */
  sourceId: string;
  evidence: ImportEvidence;
  file: ImportFile;
}

/** The network-energy series (scope world, kind estimate) of an imported CBECI export. */
export function cbeciEnergySeries(energy: CbeciEnergy, options: CbeciEnergyRecordOptions): NetworkSeries {
  return {
    id: options.seriesId,
    scope: 'world',
    kind: 'estimate',
    source: options.sourceId,
    note: `CBECI's daily estimate, ${energy.from} to ${energy.to}${energy.priceNote ? ` (${energy.priceNote})` : ''}, summed into calendar years with its lower and upper bounds; imported from ${options.file.name}.`,
    values: energy.values,
  };
}

/** The source record of an imported CBECI export: the file, its dates, its price note and what was computed. */
export function cbeciEnergySource(energy: CbeciEnergy, options: CbeciEnergyRecordOptions): Source {
  const partial = energy.values.filter((v) => v.coverage === 'partial-year');
  return {
    id: options.sourceId,
    title: `CBECI daily electricity export, ${energy.from} to ${energy.to}: power with lower, best-guess and upper values`,
    publisher: CBECI_PUBLISHER,
    year: Number(energy.to.slice(0, 4)),
    licence: CBECI_LICENCE,
    evidence: options.evidence,
    note: [
      `${importedFrom('cbeci-energy', options.file)}, covering ${energy.from} to ${energy.to} (${plural(energy.days, 'day')}${energy.missingDays > 0 ? `, ${energy.missingDays} missing` : ''}).`,
      energy.priceNote === null
        ? 'The file has no note on the electricity price assumed.'
        : `The file's first line states the price assumed: "${energy.priceNote}".`,
      `Computed: series ${options.seriesId}, each calendar year's energy as the sum of the daily power (GW) times 24 h for the best guess (power GUESS), lower (power MIN) and upper (power MAX) values${partial.length > 0 ? `; ${partial.map((v) => `${v.year} covers ${v.days} days, to ${v.through}`).join(', ')}` : ''}.`,
    ].join(' '),
  };
}
