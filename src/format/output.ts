import { renderJsonCsv } from './csv.js';
import { renderJson, renderNdjson } from './json.js';

/** The output formats every command offers. */
export const OUTPUT_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a command prints, in each of its forms. */
export interface Rendering {
  /** The `--json` document. */
  document: unknown;
  /**
   * The records of `--format ndjson` (one a line) and `--format csv` (one a row): the document's own list, each
   * item with whatever context the list's holder gives it.
   */
  records: readonly unknown[];
  /** The human table, built only when asked for. */
  table: () => string | Promise<string>;
}

/** The one format switch: the text a command prints on stdout in the chosen format. */
export async function renderOutput(format: OutputFormat, rendering: Rendering): Promise<string> {
  switch (format) {
    case 'json':
      return renderJson(rendering.document);
    case 'ndjson':
      return renderNdjson(rendering.records);
    case 'csv':
      return renderJsonCsv(rendering.records);
    case 'table':
      return rendering.table();
    default:
      throw new Error(`Unknown format "${format satisfies never}".`);
  }
}
