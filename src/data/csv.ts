import { parseDecimal } from './numbers.js';
import { withoutByteOrderMark } from './read-file.js';

/** One CSV record and the line of the file it starts on (from 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Where a character stands in a CSV text: its line and its column, both from 1 (columns in UTF-16 units). */
export interface CsvPosition {
  line: number;
  column: number;
}

/**
 * RFC 4180 records of a CSV text, with the line each record starts on. Lines may end in CRLF or LF; a leading
 * UTF-8 byte-order mark is dropped; blank lines are skipped.
 * @throws Error for a quoted field never closed, or followed by text before the next comma or line end.
 */
export function parseCsv(text: string): CsvRecord[] {
  const { records, unclosedQuoteLine, textAfterQuote } = scanCsv(text);
  if (unclosedQuoteLine !== null) throw new Error(`A quoted field opened on line ${unclosedQuoteLine} is never closed.`);
  if (textAfterQuote !== null) throw new Error(`The CSV text has ${textAfterQuoteProblem(textAfterQuote)}`);
  return records;
}

/** A quoted field followed by text (`"b"x`), said for a message that names the file first. */
export function textAfterQuoteProblem({ line, column }: CsvPosition): string {
  return `text after the closing quote of a field on line ${line}, column ${column} (a quote inside a quoted field is written twice: "").`;
}

/**
 * {@link parseCsv}, the line on which a quoted field opened that the text never closes (null when every quote is
 * closed): such a field swallows the rest of the file; and where the first quoted field followed by text other than
 * a comma or a line end has that text (null when none is): RFC 4180 allows none, and `"b"x` would otherwise be read
 * silently as `bx`. With `maxRecords`, scanning stops once it has read one
 * record more than that, so that a caller with a limit never holds a whole oversized file as records.
 */
export function scanCsv(
  fileText: string,
  maxRecords = Number.POSITIVE_INFINITY,
): { records: CsvRecord[]; unclosedQuoteLine: number | null; textAfterQuote: CsvPosition | null } {
  const text = withoutByteOrderMark(fileText);
  const records: CsvRecord[] = [];
  let quoteLine = 0;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  /** Where the current line starts in the text, for columns. */
  let lineStart = 0;
  /** Whether the last character read closed a quoted field. */
  let justClosed = false;
  let textAfterQuote: CsvPosition | null = null;
  /** Whether `i` is where a record begins: no character of it read yet. */
  let atRecordStart = true;
  const endRecord = () => {
    cells.push(field);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
    cells = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    if (atRecordStart) {
      const plain = plainLine(text, i);
      if (plain !== undefined) {
        const lineCells = plain.text.split(',');
        if (lineCells.length > 1 || lineCells[0] !== '') records.push({ line, cells: lineCells });
        if (records.length > maxRecords) return { records, unclosedQuoteLine: null, textAfterQuote };
        if (plain.end < text.length) line++;
        start = line;
        lineStart = plain.next;
        i = plain.next - 1;
        continue;
      }
    }
    atRecordStart = false;
    const char = text[i] as string;
    if (justClosed) {
      justClosed = false;
      if (textAfterQuote === null && char !== ',' && char !== '\n' && char !== '\r') {
        textAfterQuote = { line, column: i - lineStart + 1 };
      }
    }
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
        justClosed = true;
      } else {
        if (char === '\n') {
          line++;
          lineStart = i + 1;
        }
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
      quoteLine = line;
    }
    else if (char === ',') {
      cells.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      if (records.length > maxRecords) return { records, unclosedQuoteLine: null, textAfterQuote };
      line++;
      start = line;
      lineStart = i + 1;
      atRecordStart = true;
    } else field += char;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return { records, unclosedQuoteLine: quoted ? quoteLine : null, textAfterQuote };
}

/**
 * The line starting at `from` when it has no quote (most lines of most files), its end and where the next line
 * starts: such a line's cells are its text split on commas, which is several times faster than reading it a
 * character at a time. Undefined for a line with a quote, which is read a character at a time.
 */
function plainLine(text: string, from: number): { text: string; end: number; next: number } | undefined {
  const newline = text.indexOf('\n', from);
  const untilNewline = text.slice(from, newline === -1 ? text.length : newline);
  // A carriage return ends a line too (CRLF, or CR alone); it is looked for only up to the newline.
  const carriageReturn = untilNewline.indexOf('\r');
  const line = carriageReturn === -1 ? untilNewline : untilNewline.slice(0, carriageReturn);
  if (line.includes('"')) return undefined;
  const end = from + line.length;
  const next = end < text.length && text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
  return { text: line, end, next };
}

/**
 * Whether a file's first line is a row of data rather than a header: its first cell is a date (2022-01-01,
 * 2022-01) or a number. A header names its columns; a file that starts with data has lost its header.
 */
export function looksLikeData(cells: readonly string[]): boolean {
  const first = (cells[0] ?? '').trim();
  return /^\d{4}-\d{2}/.test(first) || parseDecimal(first) !== undefined;
}
