import { DataError } from '../../errors.js';
import { jsonCsvPieces, renderJsonCsv } from './csv.js';
import { renderJson, renderNdjson } from './json.js';
import { jsonPieces, ndjsonPieces } from './stream.js';

/** The output formats every command offers. */
export const OUTPUT_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a command prints, in each of its forms. */
export interface Rendering {
  /** The `--json` document. */
  document: unknown;
  /**
   * The records of `--format ndjson` (one a line) and `--format csv` (one a row): the document's own list, each
   * item with whatever context the list's holder gives it. A StreamedList (stream.ts) is made as it is written, and
   * read twice for a CSV (once for the columns).
   */
  records: Iterable<unknown>;
  /** The human table, built only when asked for. */
  table: () => string | Promise<string>;
}

/** Why a run stops when its output would be longer than the longest string V8 can hold. */
export const OUTPUT_TOO_LARGE =
  'the output is too large to build as one document; use --format ndjson or a narrower query.';

/** V8's error for a string longer than it can hold ("Invalid string length"), from building the output. */
export function isOutputTooLarge(error: unknown): boolean {
  return error instanceof RangeError && error.message === 'Invalid string length';
}

/**
 * The one format switch: the text a command prints on stdout in the chosen format. An output too long to be one
 * string is a {@link DataError} saying so, not an unexpected RangeError.
 */
export async function renderOutput(format: OutputFormat, rendering: Rendering): Promise<string> {
  try {
    return await renderFormat(format, rendering);
  } catch (error) {
    if (isOutputTooLarge(error)) throw new DataError(OUTPUT_TOO_LARGE);
    throw error;
  }
}

async function renderFormat(format: OutputFormat, rendering: Rendering): Promise<string> {
  switch (format) {
    case 'json':
      return renderJson(rendering.document);
    case 'ndjson':
      return renderNdjson([...rendering.records]);
    case 'csv':
      return renderJsonCsv([...rendering.records]);
    case 'table':
      return rendering.table();
    default:
      throw new Error(`Unknown format "${format satisfies never}".`);
  }
}

/**
 * The text of a machine-readable format in pieces, made one record at a time (see stream.ts): the same text as
 * {@link renderOutput}, for a writer that sends each piece on as it comes.
 */
export function outputPieces(format: Exclude<OutputFormat, 'table'>, rendering: Rendering): Iterable<string> {
  switch (format) {
    case 'json':
      return jsonPieces(rendering.document);
    case 'ndjson':
      return ndjsonPieces(rendering.records);
    case 'csv':
      return jsonCsvPieces(rendering.records);
    default:
      throw new Error(`Unknown format "${format satisfies never}".`);
  }
}
