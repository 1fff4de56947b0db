import { DataError } from '../errors.js';
import type { SeriesInputRow } from '../data/series-input.js';
import { importCoinMetrics, type NetworkInputRow } from '../import/coinmetrics.js';
import { fetchText, type FetchedText, type RequestOptions } from '../net/http.js';

/** The source as named in every message. */
export const COINMETRICS = 'Coin Metrics';

/** The metrics asked for: hash rate (TH/s), blocks, issuance (USD), fees (BTC) and the price (USD), per day. */
export const COINMETRICS_METRICS = ['HashRate', 'BlkCnt', 'IssTotUSD', 'FeeTotNtv', 'PriceUSD'] as const;

/** The most rows a page may hold (Coin Metrics' own limit for the community API). */
const PAGE_SIZE = 10_000;

/** Pages followed at most: 10,000 rows a page reach 27 years a page; more pages than this is a loop. */
const MAX_PAGES = 100;

export { OVERLAP_DAYS } from './sources.js';

/**
 * The relative difference within which a day asked again counts as unchanged: one part in a million, wider than
 * the rounding of the files (12 significant digits written, 10 in the shipped file) and of Coin Metrics' own
 * figures, narrow enough that any real revision shows.
 */
export const CHANGE_TOLERANCE = 1e-6;

/** The request of the first page (LIVE-SOURCES §1), on `base` (an origin: scheme, host and port). */
export function coinMetricsUrl(base: string, startDay: string): string {
  const query = [
    'assets=btc',
    `metrics=${COINMETRICS_METRICS.join(',')}`,
    'frequency=1d',
    `start_time=${startDay}`,
    `page_size=${PAGE_SIZE}`,
    'paging_from=start',
  ].join('&');
  return `${base}/v4/timeseries/asset-metrics?${query}`;
}

/** One row of the API's `data`, each metric as the string it sends (null: no data that day). */
export interface ApiRow {
  time: string;
  values: Record<(typeof COINMETRICS_METRICS)[number], string | null>;
}

/** What the pages gave: the rows and each page's bytes. */
export interface CoinMetricsDownload {
  rows: NetworkInputRow[];
  /** Days at the end left out because some metric had no value yet. */
  incompleteTail: string[];
  pages: FetchedText[];
  /** Days missing between the first and the last row. */
  missingDays: number;
}

/**
 * Downloads the days from `startDay` on, following `next_page_url` as sent, and turns them into the model's inputs
 * with `data import coinmetrics`' own checks (dates one a day and in order, numbers in range); revenue is
 * IssTotUSD + FeeTotNtv × PriceUSD. A next page on another origin than `base` is not followed.
 * @throws DataError naming Coin Metrics and what is wrong: the request, a response that is not the JSON expected
 *   (what changed is named), repeated or unordered days.
 */
export async function downloadCoinMetrics(
  base: string,
  startDay: string,
  request: RequestOptions,
  onPage?: (rows: number, page: number) => void,
): Promise<CoinMetricsDownload> {
  const pages: FetchedText[] = [];
  const rows: ApiRow[] = [];
  const seen = new Set<string>();
  const origin = new URL(base).origin;
  for (let url: string | undefined = coinMetricsUrl(base, startDay); url !== undefined;) {
    if (pages.length === MAX_PAGES) throw formatError(url, `more than ${MAX_PAGES} pages; the paging does not end`);
    seen.add(url);
    const page = await fetchText(url, request);
    pages.push(page);
    const parsed = parsePage(page);
    rows.push(...parsed.rows);
    onPage?.(rows.length, pages.length);
    url = parsed.next;
    if (url === undefined) break;
    let nextOrigin: string;
    try {
      nextOrigin = new URL(url).origin;
    } catch {
      throw formatError(page.url, `next_page_url is not a URL ("${url.slice(0, 100)}")`);
    }
    if (nextOrigin !== origin) {
      throw new DataError(
        `${COINMETRICS}: the next page is on another server (${nextOrigin}) than the one asked (${origin}); it was not followed, and nothing was changed.`,
      );
    }
    if (seen.has(url)) throw formatError(page.url, 'next_page_url names a page already read; the paging does not end');
  }
  if (rows.length === 0) {
    throw new DataError(
      `${COINMETRICS}: no days from ${startDay} on; the days asked again (already held) should have come back. Nothing was changed.`,
    );
  }
  return { ...coinMetricsInputs(rows, pages.length), pages };
}

/**
 * The pages' rows as the model's inputs, with `data import coinmetrics`' own checks; the days at the end that miss
 * a value are left for a later update.
 * @throws DataError naming Coin Metrics: repeated or unordered days, a number out of range.
 */
export function coinMetricsInputs(rows: readonly ApiRow[], pageCount: number): Omit<CoinMetricsDownload, 'pages'> {
  let complete = rows.length;
  while (complete > 0 && Object.values((rows[complete - 1] as ApiRow).values).some((value) => value === null))
    complete--;
  const incompleteTail = rows.slice(complete).map((row) => row.time.slice(0, 10));
  const label = `the ${COINMETRICS} response (${pageCount === 1 ? 'row n is line n + 1' : `${pageCount} pages, row n of all is line n + 1`})`;
  const inputs = importCoinMetrics(csvOf(rows.slice(0, complete)), label);
  return { rows: inputs.rows, incompleteTail, missingDays: inputs.missingDays };
}

/**
 * The rows as the CSV `data import coinmetrics` reads (time, HashRate, IssTotUSD and FeeTotUSD, the fees in USD
 * computed as FeeTotNtv × PriceUSD), so that the API's days pass the same checks as an imported file's.
 */
function csvOf(rows: readonly ApiRow[]): string {
  const lines = ['time,HashRate,IssTotUSD,FeeTotUSD'];
  for (const { time, values } of rows) {
    const fees =
      values.FeeTotNtv === null || values.PriceUSD === null
        ? ''
        : String(Number(values.FeeTotNtv) * Number(values.PriceUSD));
    lines.push([time, values.HashRate ?? '', values.IssTotUSD ?? '', fees].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function formatError(url: string, what: string): DataError {
  return new DataError(
    `${COINMETRICS}: the response from ${url} is not in the format expected: ${what}. Nothing was changed.`,
  );
}

/** A page's rows and next page, with its shape checked field by field. */
export function parsePage(page: FetchedText): { rows: ApiRow[]; next: string | undefined } {
  let body: unknown;
  try {
    body = JSON.parse(page.text);
  } catch {
    const start = page.text.replace(/\s+/g, ' ').trim().slice(0, 60);
    throw formatError(page.url, `it is not JSON (it begins "${start}")`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw formatError(page.url, 'it is not a JSON object');
  const { data, next_page_url: next } = body as { data?: unknown; next_page_url?: unknown };
  if (!Array.isArray(data)) {
    const fields = Object.keys(body).slice(0, 8).join(', ');
    throw formatError(page.url, `it has no "data" list (its fields: ${fields === '' ? 'none' : fields})`);
  }
  if (next !== undefined && next !== null && typeof next !== 'string')
    throw formatError(page.url, 'next_page_url is not a string');
  const rows = data.map((item: unknown, index) => parseRow(item, index, page.url));
  return { rows, next: typeof next === 'string' && next !== '' ? next : undefined };
}

function parseRow(item: unknown, index: number, url: string): ApiRow {
  const where = `data[${index}]`;
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    throw formatError(url, `${where} is not an object`);
  const row = item as Record<string, unknown>;
  if (row.asset !== 'btc') throw formatError(url, `${where}.asset is ${JSON.stringify(row.asset)}, not "btc"`);
  if (typeof row.time !== 'string' || !/^\d{4}-\d{2}-\d{2}T00:00:00(?:\.0+)?Z$/.test(row.time)) {
    throw formatError(
      url,
      `${where}.time is ${JSON.stringify(row.time)}, not a day at midnight UTC (2024-11-17T00:00:00.000000000Z)`,
    );
  }
  const values = {} as ApiRow['values'];
  for (const metric of COINMETRICS_METRICS) {
    if (!(metric in row)) {
      const fields = Object.keys(row).join(', ');
      throw formatError(url, `${where} (${row.time.slice(0, 10)}) has no ${metric} (its fields: ${fields})`);
    }
    const value = row[metric];
    if (value !== null && (typeof value !== 'string' || !/^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(value))) {
      throw formatError(
        url,
        `${where}.${metric} (${row.time.slice(0, 10)}) is ${JSON.stringify(value)}, not a number written as a string`,
      );
    }
    values[metric] = value as string | null;
  }
  return { time: row.time, values };
}

/** A held day whose values the source now gives differently. */
export interface ChangedDay {
  date: string;
  field: 'hashrateEhs' | 'revenueUsd';
  held: number;
  now: number;
}

/** The days held and downloaded both whose values differ by more than {@link CHANGE_TOLERANCE}. */
export function changedDays(held: readonly SeriesInputRow[], downloaded: readonly NetworkInputRow[]): ChangedDay[] {
  const byDate = new Map(held.map((row) => [row.date, row]));
  const changed: ChangedDay[] = [];
  for (const row of downloaded) {
    const before = byDate.get(row.date);
    if (before === undefined) continue;
    for (const field of ['hashrateEhs', 'revenueUsd'] as const) {
      const was = before[field];
      if (was === undefined) continue;
      const now = row[field];
      if (Math.abs(now - was) > CHANGE_TOLERANCE * Math.max(Math.abs(was), Math.abs(now))) {
        changed.push({ date: row.date, field, held: was, now });
      }
    }
  }
  return changed;
}

/** The held days laid under the downloaded ones: a day downloaded replaces the held one; the result in date order. */
export function mergeDays(held: readonly SeriesInputRow[], downloaded: readonly NetworkInputRow[]): NetworkInputRow[] {
  const byDate = new Map<string, NetworkInputRow>();
  for (const row of held) {
    if (row.revenueUsd !== undefined)
      byDate.set(row.date, { date: row.date, hashrateEhs: row.hashrateEhs, revenueUsd: row.revenueUsd });
  }
  for (const row of downloaded) byDate.set(row.date, row);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
