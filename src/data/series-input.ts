import { isCalendarDate } from './dates.js';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DataError } from '../errors.js';
import { parseCsv, withoutByteOrderMark } from './csv.js';
import { jsonProblemText, parseJson } from './json.js';

/** One day of a network series input: its date, mean hash rate and (optionally) miners' revenue and a threshold. */
export interface SeriesInputRow {
  date: string;
  hashrateEhs: number;
  revenueUsd?: number;
  thresholdJPerTh?: number;
}

const positive = (what: string) => z.number(`must be a number (${what})`).positive(`must be above 0 (${what})`);

const SeriesRowSchema = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
      .refine(isCalendarDate, 'must be a real calendar date'),
    hashrateEhs: positive('EH/s'),
    revenueUsd: positive('USD per day').optional(),
    thresholdJPerTh: positive('J/TH').optional(),
  })
  .refine((row) => (row.revenueUsd === undefined) !== (row.thresholdJPerTh === undefined), {
    message: 'give either revenueUsd or thresholdJPerTh, not both and not neither',
    path: ['revenueUsd'],
  });

const NUMERIC_FIELDS = ['hashrateEhs', 'revenueUsd', 'thresholdJPerTh'];

function rowsFromCsv(text: string): { line: number; value: unknown }[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  const names = header.cells.map((name) => name.trim());
  return body.map(({ line, cells }) => ({
    line,
    value: Object.fromEntries(
      names.flatMap((name, i) => {
        const cell = (cells[i] ?? '').trim();
        if (cell === '') return [];
        return [[name, NUMERIC_FIELDS.includes(name) && cell !== '' ? Number(cell) : cell]];
      }),
    ),
  }));
}

function rowsFromNdjson(text: string, path: string, problems: string[]): { line: number; value: unknown }[] {
  const rows: { line: number; value: unknown }[] = [];
  text.split('\n').forEach((content, index) => {
    if (content.trim() === '') return;
    const parsed = parseJson(content);
    if (parsed.ok) rows.push({ line: index + 1, value: parsed.value });
    else problems.push(jsonProblemText(path, parsed.problem, index + 1));
  });
  return rows;
}

const MAX_LISTED = 20;

/**
 * Reads a daily series of model inputs from CSV (a header row with `date`, `hashrateEhs`, and `revenueUsd` or
 * `thresholdJPerTh`) or NDJSON (one such object a line), in ascending date order.
 * @throws DataError listing each bad line (file → line → field → what is wrong).
 */
export function readSeriesInput(path: string): SeriesInputRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`Cannot read the input series ${path}: ${(error as Error).message}`);
  }
  return parseSeriesInput(text, path);
}

/**
 * Parses a daily series of model inputs, as {@link readSeriesInput} reads it from a file; `path` names the file in
 * messages and, by its extension, tells NDJSON (`.ndjson`, `.jsonl`, `.json`) from CSV.
 * @throws DataError listing each bad line (file → line → field → what is wrong).
 */
export function parseSeriesInput(fileText: string, path: string): SeriesInputRow[] {
  const text = withoutByteOrderMark(fileText);
  const problems: string[] = [];
  const ndjson = /\.(nd)?jsonl?$/i.test(path) || text.trimStart().startsWith('{');
  const raw = ndjson ? rowsFromNdjson(text, path, problems) : rowsFromCsv(text);
  const rows: SeriesInputRow[] = [];
  let previous: { date: string; line: number } | undefined;
  for (const { line, value } of raw) {
    const result = SeriesRowSchema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.join('.') || '(the row)';
        const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined');
        problems.push(`${path} → line ${line} → ${field} → ${missing ? 'is required' : issue.message}`);
      }
      continue;
    }
    const row = result.data;
    if (previous && row.date <= previous.date) {
      problems.push(`${path} → line ${line} → date → ${row.date} is not after ${previous.date} (line ${previous.line}); rows must be in ascending date order, one a day`);
    }
    previous = { date: row.date, line };
    rows.push({
      date: row.date,
      hashrateEhs: row.hashrateEhs,
      ...(row.revenueUsd === undefined ? {} : { revenueUsd: row.revenueUsd }),
      ...(row.thresholdJPerTh === undefined ? {} : { thresholdJPerTh: row.thresholdJPerTh }),
    });
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED);
    if (problems.length > MAX_LISTED) listed.push(`… and ${problems.length - MAX_LISTED} more`);
    throw new DataError(`The input series ${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`, listed);
  }
  if (rows.length === 0) throw new DataError(`The input series ${path} has no rows.`);
  return rows;
}
