import type { Estimate } from '../../core/estimate.js';
import { roundSignificant } from '../../core/common/units.js';
import { replaceControls } from '../../text.js';
import { parseDecimal } from '../../data/numbers.js';
import { UsageError } from '../../errors.js';

type Cell = string | number | boolean | null | undefined;

/**
 * What a spreadsheet may run as a formula at the start of a text cell: =, +, - or @, also after leading spaces
 * (tabs, carriage returns and other control characters are spaces by then).
 */
const FORMULA_START = /^\s*[=+\-@]/;
/**
 * A text that is a plain number ("-12.5", "3e6", spaces around allowed): a spreadsheet reads it as that number,
 * and it stays one. A leading plus is not plain: a spreadsheet takes "+1" as a formula.
 */
function isPlainNumber(text: string): boolean {
  const number = text.trim();
  return !number.startsWith('+') && parseDecimal(number) !== undefined;
}

/** Whether a text cell needs an apostrophe so that a spreadsheet shows it rather than runs it. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !isPlainNumber(text);
}

/**
 * One RFC 4180 field. Numbers are rounded to 10 significant digits, as in the JSON. Text has its control characters
 * replaced by spaces first, then, if a spreadsheet would take it for a formula (see {@link looksLikeFormula}), is
 * prefixed with an apostrophe; a field holding a comma or a quote is quoted, its quotes doubled.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(roundSignificant(value));
  const plain = replaceControls(String(value), ' ');
  const text = typeof value === 'string' && looksLikeFormula(plain) ? `'${plain}` : plain;
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line: the cells as {@link csvField} writes them, ended by CRLF. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * A value as JSON holds it, without writing and reading it back: `toJSON` applied, a number that is not finite
 * null, -0 as 0, and a property whose value JSON leaves out (undefined, a function, a symbol) absent from an object and null
 * in a list. Flattening a long series record by record, the round trip through text was most of the garbage.
 */
function asJson(value: unknown, inList: boolean): { keep: boolean; value: unknown } {
  let node = value;
  if (node !== null && typeof node === 'object' && typeof (node as { toJSON?: unknown }).toJSON === 'function') {
    node = (node as { toJSON: () => unknown }).toJSON();
  }
  if (node === undefined || typeof node === 'function' || typeof node === 'symbol') {
    return inList ? { keep: true, value: null } : { keep: false, value: undefined };
  }
  if (typeof node === 'number' && !Number.isFinite(node)) return { keep: true, value: null };
  if (Object.is(node, -0)) return { keep: true, value: 0 };
  return { keep: true, value: node };
}

/**
 * The leaves of a JSON value by dotted path: an object's fields by name, a list's items by index from 0
 * (`warnings.0`, `share.links.1.months.0`). Null, an empty list and an empty object are leaves themselves, with
 * no value. The value is read as JSON would hold it (see {@link asJson}).
 */
export function flattenJson(value: unknown, path = ''): Map<string, Cell> {
  const leaves = new Map<string, Cell>();
  const visit = (node: unknown, at: string) => {
    let empty = true;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        empty = false;
        const key = String(index);
        visit(asJson(node[index], true).value, at === '' ? key : `${at}.${key}`);
      }
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        const child = asJson((node as Record<string, unknown>)[key], false);
        if (!child.keep) continue;
        empty = false;
        visit(child.value, at === '' ? key : `${at}.${key}`);
      }
    }
    if (empty) leaves.set(at, node === null || typeof node === 'object' ? null : (node as Cell));
  };
  visit(asJson(value, true).value, path);
  return leaves;
}

/**
 * The columns of a CSV of JSON documents, one row at a time: each path a row has and the order so far lacks goes
 * in after the row's path before it, so that `warnings.3`, seen only in a later row, still follows `warnings.2`.
 * A row's known paths are usually where the last row had them, so each is looked for there first, and only then
 * searched for.
 */
export class CsvColumnOrder {
  private readonly order: string[] = [];
  private readonly seen = new Set<string>();

  add(paths: Iterable<string>): void {
    let after = -1;
    for (const path of paths) {
      if (this.seen.has(path)) {
        after = this.order[after + 1] === path ? after + 1 : this.order.indexOf(path);
        continue;
      }
      this.order.splice(after + 1, 0, path);
      this.seen.add(path);
      after += 1;
    }
  }

  /**
   * The columns: every path seen, less those that hold fields in some row (given by their fields only, so that a
   * path that is a leaf in one row, a null, and holds fields in another is given by its fields).
   */
  columns(): string[] {
    const containers = new Set<string>();
    for (const path of this.order) {
      let at = path.indexOf('.');
      while (at >= 0) {
        containers.add(path.slice(0, at));
        at = path.indexOf('.', at + 1);
      }
    }
    // A document that is a single value has the path '': with any path at all, it is their container.
    if (this.order.length > 0) containers.add('');
    return this.order.filter((path) => !containers.has(path));
  }
}

/**
 * The CSV of flattened rows (see {@link flattenJson}), a line at a time: the header, then a line a row. The rows are
 * read twice, first for the columns (every row's, so that the header is the whole CSV's), then for the lines.
 */
function* rowsCsvPieces(rows: () => Iterable<Map<string, Cell>>): Generator<string> {
  const order = new CsvColumnOrder();
  for (const row of rows()) order.add(row.keys());
  const columns = order.columns();
  yield csvLine(columns);
  for (const row of rows()) yield csvLine(columns.map((column) => row.get(column)));
}

/**
 * `--format csv` as it is written: the pieces of {@link renderJsonCsv}'s text, a line at a time, each record
 * flattened when its line is made, so that an output of any length needs one record's memory at a time. The
 * records are read twice (a StreamedList makes them anew each time).
 */
export function* jsonCsvPieces(records: Iterable<unknown>): Generator<string> {
  yield* rowsCsvPieces(function* () {
    for (const record of records) yield flattenJson(record);
  });
}

/**
 * CSV of JSON documents, one row per document: every leaf of every document is a column named by its dotted
 * path (see {@link flattenJson}), so the CSV carries every field the JSON does. A list of n items gives n
 * indexed columns (the longest list among the rows decides); a cell a row has no value for is empty.
 */
export function renderJsonCsv(documents: readonly unknown[]): string {
  const rows = documents.map((document) => flattenJson(document));
  let text = '';
  for (const piece of rowsCsvPieces(() => rows)) text += piece;
  return text;
}

/**
 * `estimate --format csv`: the `estimate --json` documents flattened by {@link renderJsonCsv}.
 * @throws UsageError when given anything but a list of `estimate`'s records (each an object naming its region).
 */
export function renderEstimatesCsv(estimates: readonly Estimate[]): string {
  const records: unknown = estimates;
  const bad = Array.isArray(records)
    ? records.findIndex((r: unknown) => typeof (r as { region?: { id?: unknown } } | null)?.region?.id !== 'string')
    : -1;
  if (!Array.isArray(records) || bad >= 0) {
    throw new UsageError(
      `renderEstimatesCsv: expected a list of estimate records (what estimate() returns)${Array.isArray(records) ? `; item ${bad} is not one` : ''}.`,
    );
  }
  return renderJsonCsv(estimates);
}
