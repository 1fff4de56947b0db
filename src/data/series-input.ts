import { isCalendarDate } from './dates.js';
import { DataError } from '../errors.js';
import { escapePath, formatCount, suggest } from '../text.js';
import { type CsvRecord, looksLikeData, scanCsv, textAfterQuoteProblem } from './csv.js';
import { duplicateProperties, jsonProblemText, parseJson } from './json.js';
import { isStandardInput, readTextInput, STANDARD_INPUT, withoutByteOrderMark } from './read-file.js';
import { FIRST_SERIES_DAY, LAST_SERIES_DAY, MAX_SERIES_DAYS } from './limits.js';
import { listedProblems } from './problems.js';
import { readDecimal } from './numbers.js';
import {
  HASHRATE_EHS_RANGE,
  inRange,
  rangeText,
  REVENUE_USD_PER_DAY_RANGE,
  THRESHOLD_J_PER_TH_RANGE,
} from './ranges.js';

/** One day of a network series input: its date, mean hash rate and (optionally) miners' revenue and a threshold. */
export interface SeriesInputRow {
  date: string;
  hashrateEhs: number;
  revenueUsd?: number;
  thresholdJPerTh?: number;
}

/**
 * The range of each number: the same as the options' (see {@link HASHRATE_EHS_RANGE}). Far above any real day and
 * far below where a sum of a whole series could overflow, so that one wrong row cannot reach a number the moving
 * averages cannot hold.
 * @internal
 */
export const SERIES_RANGES = {
  hashrateEhs: HASHRATE_EHS_RANGE,
  revenueUsd: REVENUE_USD_PER_DAY_RANGE,
  thresholdJPerTh: THRESHOLD_J_PER_TH_RANGE,
} as const;

type NumericField = keyof typeof SERIES_RANGES;

/**
 * The fields of a row, in the order the messages name them.
 * @internal
 */
export const SERIES_FIELDS = ['date', 'hashrateEhs', 'revenueUsd', 'thresholdJPerTh'] as const;


const HEADER_NEEDED = 'the columns date, hashrateEhs, and revenueUsd or thresholdJPerTh';

/** A record's fields by name: those given, as text (CSV) or JSON value (NDJSON); undefined for one not given. */
interface RowFields {
  get(name: string): unknown;
  has(name: string): boolean;
}

/**
 * A CSV row's fields, read from its cells through the header's column of each name when asked for: a series has
 * thousands of rows, and a Map filled for each took a fifth of the time of reading one. A blank cell is a field
 * not given.
 */
class CsvRowFields implements RowFields {
  constructor(
    private readonly cells: readonly string[],
    private readonly columnOf: ReadonlyMap<string, number>,
  ) {}

  get(name: string): string | undefined {
    const column = this.columnOf.get(name);
    const cell = column === undefined ? '' : (this.cells[column] as string).trim();
    return cell === '' ? undefined : cell;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/** One record before its checks: the line it is on, and each field given. */
interface RawRow {
  line: number;
  fields: RowFields;
  /** Whether the fields are CSV cells' text, to be read as numbers, rather than JSON values. */
  csv: boolean;
}

/** Where a problem is: the file, a line and a field, or the file as a whole. */
class Problems {
  readonly list: string[] = [];

  constructor(readonly path: string) {}

  add(line: number, field: string, message: string): void {
    this.list.push(`${escapePath(this.path)} → line ${line} → ${field} → ${message}`);
  }

  /** A problem with the file as a whole, thrown at once. */
  fail(message: string): never {
    throw new DataError(`The input series ${escapePath(this.path)} ${message}`);
  }

  throwIfAny(): void {
    const count = this.list.length;
    if (count === 0) return;
    throw new DataError(
      `The input series ${escapePath(this.path)} has ${count} problem${count === 1 ? '' : 's'}:`,
      listedProblems(this.list),
    );
  }
}

/** "unknown column "x" (did you mean "y"?)" with the names it may be. */
function unknownName(name: string, what: 'column' | 'field'): string {
  const close = suggest(name, SERIES_FIELDS);
  const hint = close.length > 0 ? `did you mean "${close[0]}"? ` : '';
  return `is not a ${what} of a series (${hint}the ${what}s are ${SERIES_FIELDS.join(', ')})`;
}

/** The header's column names, after checking that each is known and named once. */
function headerColumns(header: CsvRecord, problems: Problems): string[] {
  if (looksLikeData(header.cells)) {
    problems.fail(
      `has no header: the first line must be a header naming ${HEADER_NEEDED} (line ${header.line} starts with "${(header.cells[0] ?? '').trim().slice(0, 40)}", which looks like data).`,
    );
  }
  const names = header.cells.map((cell) => cell.trim());
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const first = seen.get(name);
    if (first !== undefined) {
      problems.add(header.line, `column "${name}"`, `appears twice in the header (columns ${first + 1} and ${index + 1})`);
      return;
    }
    seen.set(name, index);
    if (name === '') problems.add(header.line, `column ${index + 1}`, 'has no name in the header');
    else if (!(SERIES_FIELDS as readonly string[]).includes(name)) {
      problems.add(header.line, `column "${name}"`, unknownName(name, 'column'));
    }
  });
  const missing = ['date', 'hashrateEhs'].filter((name) => !seen.has(name));
  if (!seen.has('revenueUsd') && !seen.has('thresholdJPerTh')) missing.push('revenueUsd or thresholdJPerTh');
  if (missing.length > 0) {
    problems.add(header.line, 'header', `is missing ${missing.join(', ')}: it must name ${HEADER_NEEDED}`);
  }
  problems.throwIfAny();
  return names;
}

function rowsFromCsv(text: string, problems: Problems): RawRow[] {
  // Scanning stops one record past the limit: a file of millions of lines is refused without being held whole.
  const { records, unclosedQuoteLine, textAfterQuote } = scanCsv(text, MAX_SERIES_DAYS + 1);
  if (unclosedQuoteLine !== null) {
    problems.fail(`has a quoted field opened on line ${unclosedQuoteLine} that is never closed (the file may be cut short).`);
  }
  if (textAfterQuote !== null) problems.fail(`has ${textAfterQuoteProblem(textAfterQuote)}`);
  const [header, ...body] = records;
  if (!header) return [];
  const names = headerColumns(header, problems);
  checkRowCount(body.length, problems);
  const columnOf = new Map(names.map((name, column) => [name, column]));
  const rows: RawRow[] = [];
  for (const { line, cells } of body) {
    if (cells.length !== names.length) {
      problems.add(
        line,
        'row',
        `has ${cells.length} cell${cells.length === 1 ? '' : 's'} where the header (line ${header.line}) has ${names.length}: a row cut short, or a comma inside an unquoted value?`,
      );
      continue;
    }
    rows.push({ line, fields: new CsvRowFields(cells, columnOf), csv: true });
  }
  return rows;
}

function rowsFromNdjson(text: string, problems: Problems): RawRow[] {
  const lines = text.split('\n');
  const rows: RawRow[] = [];
  const count = lines.filter((content) => content.trim() !== '').length;
  checkRowCount(count, problems);
  lines.forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '') return;
    const parsed = parseJson(content);
    if (!parsed.ok) {
      problems.list.push(jsonProblemText(problems.path, parsed.problem, line));
      return;
    }
    const value = parsed.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.add(line, '(the row)', 'must be a JSON object, one a line');
      return;
    }
    const fields = new Map<string, unknown>(Object.entries(value));
    // JSON.parse keeps only the last of a repeated field, silently; a repeat in a nested value is no field's.
    const repeated = new Set(
      duplicateProperties(content)
        .filter((duplicate) => duplicate.path.length === 0)
        .map((duplicate) => duplicate.property),
    );
    for (const key of repeated) {
      problems.add(line, key, 'is given twice in the object (JSON keeps only the last): give it once');
    }
    for (const key of fields.keys()) {
      if (!(SERIES_FIELDS as readonly string[]).includes(key)) problems.add(line, key, unknownName(key, 'field'));
    }
    if (repeated.size === 0) rows.push({ line, fields, csv: false });
  });
  return rows;
}

/** A series longer than one row a day over the whole range of days is refused before its rows are checked. */
function checkRowCount(rows: number, problems: Problems): void {
  if (rows > MAX_SERIES_DAYS) {
    problems.fail(
      `has more than ${formatCount(MAX_SERIES_DAYS)} rows, the limit: one row a day from ${FIRST_SERIES_DAY} to ${LAST_SERIES_DAY}, in ascending order.`,
    );
  }
}

/** A field's number: from a CSV cell's text (a plain decimal) or a JSON number; a problem otherwise. */
function numberIn(
  { line, csv }: RawRow,
  field: NumericField,
  value: unknown,
  problems: Problems,
): number | undefined {
  const range = () => `must be ${rangeText(SERIES_RANGES[field])}`;
  let number: number;
  if (csv && typeof value === 'string') {
    const reading = readDecimal(value);
    if (!reading.ok && reading.why === 'notation') {
      problems.add(line, field, `"${value.slice(0, 40)}" is not a decimal number: it ${range()}`);
      return undefined;
    }
    // A number too large or too small to hold is out of range, as the number it would be taken for is.
    number = reading.ok ? reading.value : reading.why === 'too large' ? Number.POSITIVE_INFINITY : 0;
  } else if (typeof value === 'number') number = value;
  else {
    problems.add(line, field, `${JSON.stringify(value)?.slice(0, 40)} is not a number: it ${range()}`);
    return undefined;
  }
  if (!inRange(number, SERIES_RANGES[field])) {
    const written = typeof value === 'string' ? value : String(number);
    problems.add(line, field, `${written} is out of range: it ${range()}`);
    return undefined;
  }
  return number;
}

function dateIn(line: number, value: unknown, problems: Problems): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const written = typeof value === 'string' ? `"${value.slice(0, 40)}"` : JSON.stringify(value);
    problems.add(line, 'date', `${written} must be a date as YYYY-MM-DD (a four-digit year)`);
    return undefined;
  }
  if (!isCalendarDate(value)) {
    problems.add(line, 'date', `${value} must be a real calendar date`);
    return undefined;
  }
  if (value < FIRST_SERIES_DAY || value > LAST_SERIES_DAY) {
    problems.add(line, 'date', `${value} is out of range: a series runs from ${FIRST_SERIES_DAY} to ${LAST_SERIES_DAY}`);
    return undefined;
  }
  return value;
}

/** A field's number when it is given (neither missing nor null), or undefined after adding its problem. */
function givenNumberIn(record: RawRow, field: NumericField, value: unknown, problems: Problems): number | undefined {
  return value === undefined || value === null ? undefined : numberIn(record, field, value, problems);
}

/**
 * One row's checked values, or undefined after adding its problems. Each field is read once and the row made as
 * one object literal of its shape, not field by field or by spreading: a series has thousands of rows.
 */
function checkedRow(record: RawRow, problems: Problems): SeriesInputRow | undefined {
  const { line, fields } = record;
  const before = problems.list.length;
  const rawDate = fields.get('date');
  const date = rawDate === undefined ? problems.add(line, 'date', 'is required') : dateIn(line, rawDate, problems);
  const rawHashrate = fields.get('hashrateEhs');
  const rawRevenue = fields.get('revenueUsd');
  const rawThreshold = fields.get('thresholdJPerTh');
  const hashrateEhs = givenNumberIn(record, 'hashrateEhs', rawHashrate, problems);
  const revenueUsd = givenNumberIn(record, 'revenueUsd', rawRevenue, problems);
  const thresholdJPerTh = givenNumberIn(record, 'thresholdJPerTh', rawThreshold, problems);
  if (rawHashrate === undefined || rawHashrate === null) problems.add(line, 'hashrateEhs', 'is required');
  if ((rawRevenue != null) === (rawThreshold != null)) {
    problems.add(line, 'revenueUsd', 'give either revenueUsd or thresholdJPerTh, not both and not neither');
  }
  if (problems.list.length > before || date === undefined || hashrateEhs === undefined) return undefined;
  if (revenueUsd !== undefined) return { date, hashrateEhs, revenueUsd };
  if (thresholdJPerTh !== undefined) return { date, hashrateEhs, thresholdJPerTh };
  return { date, hashrateEhs };
}

/**
 * Reads a daily series of model inputs from CSV (a header row with `date`, `hashrateEhs`, and `revenueUsd` or
 * `thresholdJPerTh`) or NDJSON (one such object a line), in ascending date order. The file is read safely (see
 * readTextFile): a link, pipe, directory, compressed or binary file is refused with what it is; `-` (or /dev/stdin)
 * reads standard input instead, within the same size limit.
 * @throws DataError listing each bad line (file → line → field → what is wrong).
 * @internal
 */
export function readSeriesInput(path: string): SeriesInputRow[] {
  return parseSeriesInput(readTextInput(path, 'the input series'), isStandardInput(path) ? STANDARD_INPUT : path);
}

/**
 * Parses a daily series of model inputs, as {@link readSeriesInput} reads it from a file; `path` names the file in
 * messages and, by its extension, tells NDJSON (`.ndjson`, `.jsonl`, `.json`) from CSV. Each value is checked
 * where it enters: dates real, in range and strictly ascending; numbers plain decimals within
 * {@link SERIES_RANGES}; CSV columns known and named once, each row as wide as the header; NDJSON fields known
 * and given once.
 * @throws DataError listing each bad line (file → line → field → what is wrong, and the allowed range).
 * @internal
 */
export function parseSeriesInput(fileText: string, path: string): SeriesInputRow[] {
  const text = withoutByteOrderMark(fileText);
  const problems = new Problems(path);
  const ndjson = /\.(nd)?jsonl?$/i.test(path) || text.trimStart().startsWith('{');
  const raw = ndjson ? rowsFromNdjson(text, problems) : rowsFromCsv(text, problems);
  const rows: SeriesInputRow[] = [];
  let previous: { date: string; line: number } | undefined;
  for (const record of raw) {
    const row = checkedRow(record, problems);
    if (row === undefined) continue;
    if (previous && row.date <= previous.date) {
      const what =
        row.date === previous.date
          ? `${row.date} is on line ${previous.line} too`
          : `${row.date} is not after ${previous.date} (line ${previous.line})`;
      problems.add(record.line, 'date', `${what}; rows must be in ascending date order, one a day`);
      continue;
    }
    previous = { date: row.date, line: record.line };
    rows.push(row);
  }
  problems.throwIfAny();
  if (rows.length === 0) throw new DataError(`The input series ${escapePath(path)} has no rows.`);
  return rows;
}
