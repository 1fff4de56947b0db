import { roundNumbers } from './json.js';

/**
 * The pieces of a machine-readable document, in order, made one record at a time: joined, they are exactly the
 * text {@link renderJson} and {@link renderNdjson} build as one string, but a writer can send each on before the
 * next is made, so that an output of any length needs only one record's memory at a time (the CSV's pieces are
 * made by its one writer, jsonCsvPieces in csv.ts).
 */

/**
 * A list whose items are made as they are read, anew on each reading (a CSV reads its records twice: once for the
 * columns, once for the rows). In a `--json` document it is written as the array of its items.
 */
export class StreamedList<T> implements Iterable<T> {
  constructor(private readonly items: () => Iterable<T>) {}

  [Symbol.iterator](): Iterator<T> {
    return this.items()[Symbol.iterator]();
  }
}

/** JSON's indent step, as {@link renderJson} writes it. */
const STEP = '  ';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/**
 * Whether a value is written in pieces: a {@link StreamedList} anywhere, the document itself when it is an array
 * or a plain object, and an array that is a field of the document (`shares --json`'s months). Anything else is
 * written whole, by JSON.stringify, which makes it as it would inside the whole document.
 */
function writtenInPieces(value: unknown, depth: number): boolean {
  if (value instanceof StreamedList) return true;
  if (depth === 0) return Array.isArray(value) || isPlainObject(value);
  return depth === 1 && Array.isArray(value);
}

/** A value as JSON.stringify writes it inside a document at `indent`, or undefined when it writes nothing. */
function wholeJson(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, roundNumbers, 2) as string | undefined;
  return text === undefined || indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

/** How many items of a list written whole are made into JSON at once (see {@link listPieces}). */
const ITEMS_PER_PIECE = 64;

/**
 * A list's pieces. Items written whole are made into JSON a few dozen at a time, as the array of them: the same
 * text as one at a time (`\n`, the indent and the item, between commas), with one JSON.stringify call instead of
 * dozens and no re-indenting of each: about 15 ms less of a 5,000-day `network --json` (about 215 ms in all).
 */
function* listPieces(items: Iterable<unknown>, indent: string, depth: number): Generator<string> {
  let opening = '[';
  let batch: unknown[] = [];
  const batchText = () => {
    const text = wholeJson(batch, indent) as string;
    batch = [];
    // The array's text less its brackets: `\n${indent}  item,\n${indent}  item`.
    const piece = opening + text.slice(1, text.length - indent.length - 2);
    opening = ',';
    return piece;
  };
  for (const item of items) {
    if (writtenInPieces(item, depth + 1)) {
      if (batch.length > 0) yield batchText();
      yield `${opening}\n${indent}${STEP}`;
      opening = ',';
      yield* valuePieces(item, `${indent}${STEP}`, depth + 1);
    } else if (batch.push(item) >= ITEMS_PER_PIECE) yield batchText();
  }
  if (batch.length > 0) yield batchText();
  yield opening === '[' ? '[]' : `\n${indent}]`;
}

function* objectPieces(object: Record<string, unknown>, indent: string, depth: number): Generator<string> {
  let first = true;
  for (const key of Object.keys(object)) {
    const value = object[key];
    const text = writtenInPieces(value, depth + 1) ? undefined : wholeJson(value, `${indent}${STEP}`);
    if (text === undefined && !writtenInPieces(value, depth + 1)) continue;
    yield `${first ? '{' : ','}\n${indent}${STEP}${JSON.stringify(key)}: `;
    first = false;
    if (text === undefined) yield* valuePieces(value, `${indent}${STEP}`, depth + 1);
    else yield text;
  }
  yield first ? '{}' : `\n${indent}}`;
}

function* valuePieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (value instanceof StreamedList || Array.isArray(value))
    yield* listPieces(value as Iterable<unknown>, indent, depth);
  else yield* objectPieces(value as Record<string, unknown>, indent, depth);
}

/** `--json`: the pieces of {@link renderJson}'s text; an array's `[` only once its first item is made. */
export function* jsonPieces(document: unknown): Generator<string> {
  if (writtenInPieces(document, 0)) yield* valuePieces(document, '', 0);
  else yield String(wholeJson(document, ''));
  yield '\n';
}

/** `--format ndjson`: one line a record, as {@link renderNdjson} writes them. */
export function* ndjsonPieces(records: Iterable<unknown>): Generator<string> {
  for (const record of records) yield `${JSON.stringify(record, roundNumbers)}\n`;
}
