import type { Estimate } from '../core/estimate.js';
import { roundSignificant } from '../core/common/units.js';
import { replaceControls } from '../text.js';
import { parseDecimal } from '../data/numbers.js';

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

export function renderCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** A column of a CSV table: its header and how to get its cell from an item. */
export type CsvColumn<T> = readonly [string, (item: T) => Cell];

/** One row per item, one cell per column, with the column names as the header. */
export function renderColumns<T>(columns: readonly CsvColumn<T>[], items: readonly T[]): string {
  return renderCsv(
    columns.map(([name]) => name),
    items.map((item) => columns.map(([, get]) => get(item))),
  );
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
 * Every row's paths in one order: each path a row has and the order so far lacks goes in after the row's path
 * before it, so that `warnings.3`, seen only in a later row, still follows `warnings.2`. A path that is a leaf in
 * one row (a null) and holds fields in another is given by its fields only.
 */
function mergedColumns(rows: readonly Map<string, Cell>[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    let after = -1;
    for (const path of row.keys()) {
      if (seen.has(path)) {
        after = order.indexOf(path);
        continue;
      }
      order.splice(after + 1, 0, path);
      seen.add(path);
      after += 1;
    }
  }
  const containers = new Set(
    order.flatMap((path) => path.split('.').map((_, i, parts) => parts.slice(0, i).join('.'))),
  );
  return order.filter((path) => !containers.has(path));
}

/**
 * CSV of JSON documents, one row per document: every leaf of every document is a column named by its dotted
 * path (see {@link flattenJson}), so the CSV carries every field the JSON does. A list of n items gives n
 * indexed columns (the longest list among the rows decides); a cell a row has no value for is empty.
 */
export function renderJsonCsv(documents: readonly unknown[]): string {
  const rows = documents.map((document) => flattenJson(document));
  const columns = mergedColumns(rows);
  return renderCsv(
    columns,
    rows.map((row) => columns.map((column) => row.get(column))),
  );
}

/** `estimate --format csv`: the `estimate --json` documents flattened by {@link renderJsonCsv}. */
export function renderEstimatesCsv(estimates: readonly Estimate[]): string {
  return renderJsonCsv(estimates);
}
