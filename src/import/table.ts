import { STANDARD_INPUT } from '../data/read-file.js';
import { DataError } from '../errors.js';
import { escapePath } from '../text.js';
import { type CsvRecord, looksLikeData, scanCsv, textAfterQuoteProblem } from '../data/csv.js';
import { listedProblems } from '../data/problems.js';
import { parseDecimal } from '../data/numbers.js';
import { YEAR_RANGE } from '../data/limits.js';

export { YEAR_RANGE } from '../data/limits.js';

export { MAX_LISTED_PROBLEMS } from '../data/problems.js';

/** The evidence grades an import may claim: the user downloaded the file from its publisher, or got a copy. */
export { IMPORT_EVIDENCE, type ImportEvidence } from './kinds.js';

/** What an importer needs to know about the file beyond its text; none of it is read from the file system here. */
export interface ImportFile {
  /** The file as named in messages (the path the user gave). */
  path: string;
  /** Its base name, for the source record. */
  name: string;
  /** Its last modification, YYYY-MM-DD (UTC), for the source record. */
  modified: string;
}

/**
 * Problems found in a file, each as file → line → column → what is wrong; thrown together as one DataError
 * listing at most {@link MAX_LISTED_PROBLEMS}.
 */
export class ImportProblems {
  readonly list: string[] = [];

  constructor(
    private readonly path: string,
    private readonly what: string,
  ) {}

  add(line: number, column: string, message: string): void {
    this.list.push(`${escapePath(this.path)} → line ${line} → ${column} → ${message}`);
  }

  /** A problem with the file as a whole, thrown at once. */
  fail(message: string): never {
    throw new DataError(`Cannot import ${escapePath(this.path)} (${this.what}): ${message}`);
  }

  /** @throws DataError listing the problems, if there are any. */
  throwIfAny(): void {
    const count = this.list.length;
    if (count === 0) return;
    const listed = listedProblems(this.list);
    throw new DataError(`Cannot import ${escapePath(this.path)} (${this.what}): ${plural(count, 'problem')}:`, listed);
  }
}

/** A column an importer reads: the field it fills, and the header names that may hold it (the first present wins). */
export interface ColumnSpec {
  field: string;
  names: readonly string[];
  /** Said after the names when none of them is in the header ("or both X and Y"). */
  hint?: string;
}

/**
 * The position of each wanted column in a header record. A column named twice, and a wanted column that is missing,
 * are problems naming the line and the column.
 * @throws DataError listing them.
 */
export function locateColumns<F extends string>(
  header: CsvRecord,
  wanted: readonly (ColumnSpec & { field: F })[],
  problems: ImportProblems,
): Record<F, { index: number; name: string }> {
  const names = header.cells.map((cell) => cell.trim());
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else if (name !== '') {
      problems.add(
        header.line,
        `column "${name}"`,
        `appears twice in the header (columns ${first + 1} and ${index + 1})`,
      );
    }
  });
  const found = {} as Record<F, { index: number; name: string }>;
  const missing: string[] = [];
  for (const { field, names: accepted, hint } of wanted) {
    const present = accepted.filter((candidate) => seen.has(candidate));
    if (present.length > 1) {
      problems.add(
        header.line,
        'header',
        `has ${present.map((name) => `"${name}"`).join(' and ')}, which mean the same: keep one, so that it is clear which is read`,
      );
    }
    const name = present[0];
    if (name !== undefined) found[field] = { index: seen.get(name) as number, name };
    else {
      const [first, ...others] = accepted.map((candidate) => `"${candidate}"`);
      const alternatives = [...(others.length > 0 ? [`or ${others.join(' or ')}`] : []), ...(hint ? [hint] : [])];
      missing.push(`${first}${alternatives.length > 0 ? ` (${alternatives.join(', ')})` : ''}`);
    }
  }
  if (missing.length > 0) {
    const list =
      missing.length === 1
        ? `the column ${missing[0]}`
        : `the columns ${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    const headerless = looksLikeData(names)
      ? '; the first line looks like data: the file must start with a header naming its columns'
      : '';
    problems.add(header.line, 'header', `is missing ${list} (its columns are ${describeHeader(names)})${headerless}`);
  }
  problems.throwIfAny();
  return found;
}

function describeHeader(names: readonly string[]): string {
  const shown = names.slice(0, 12).map((name) => `"${name}"`);
  return `${shown.join(', ')}${names.length > 12 ? `, … (${names.length} in all)` : ''}`;
}

/** The records of a CSV file, or a problem for a file with none, with a NUL (not text) or with an unclosed quote. */
export function csvRecords(text: string, problems: ImportProblems): CsvRecord[] {
  if (text.trim() === '') problems.fail('the file is empty.');
  if (text.includes('\u0000'))
    problems.fail('it holds NUL bytes: it is not a text file (a compressed or UTF-16 file?).');
  const { records, unclosedQuoteLine, textAfterQuote } = scanCsv(text);
  if (unclosedQuoteLine !== null) {
    problems.fail(`a quoted field opened on line ${unclosedQuoteLine} is never closed (the file may be cut short).`);
  }
  if (textAfterQuote !== null) problems.fail(textAfterQuoteProblem(textAfterQuote));
  return records;
}

/**
 * Each row after the header must have as many cells as the header: a row cut short (a truncated file) or with
 * extra cells (an unquoted comma in a number) would otherwise be read wrong without a word.
 */
export function checkRowWidths(header: CsvRecord, rows: readonly CsvRecord[], problems: ImportProblems): void {
  const width = header.cells.length;
  for (const { line, cells } of rows) {
    if (cells.length !== width) {
      problems.add(
        line,
        'row',
        `has ${plural(cells.length, 'cell')} where the header (line ${header.line}) has ${width}: a row cut short, or a comma inside an unquoted number?`,
      );
    }
  }
}

/** Whether a date (YYYY-MM-DD or YYYY-MM) falls in {@link YEAR_RANGE}, the years the data allows. */
export function inDataYears(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= YEAR_RANGE.from && year <= YEAR_RANGE.to;
}

/** A decimal number written in a cell (surrounding spaces allowed; see {@link parseDecimal}), or undefined. */
export function decimalInCell(cell: string): number | undefined {
  return parseDecimal(cell.trim());
}

export { isCalendarDate } from '../data/dates.js';

/** Days from one date (YYYY-MM-DD) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first words of every imported source's note: how, from which file, and the file's date. */
export function importedFrom(kind: string, file: ImportFile): string {
  const when = file.name === STANDARD_INPUT ? 'read' : 'file modified';
  return `Imported with \`mining-energy data import ${kind}\` from ${file.name} (${when} ${file.modified})`;
}

/** "1 day", "3 days". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
