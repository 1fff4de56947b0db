import { DataError } from '../errors.js';
import type { NetworkValue } from '../data/schemas.js';
import { type CbeciEnergy, importCbeciEnergy } from '../import/cbeci-energy.js';
import { fetchText, type FetchedText, type RequestOptions } from '../net/http.js';

/** The source as named in every message. */
export const CBECI = 'CBECI';

/**
 * The versions of CBECI's data API tried, in order: v1.3.0 answered a probe of 2026-07-28, v1.4.0 is the newest in
 * CCAF's public code, and v1.2.0 answered too (LIVE-SOURCES §2).
 */
export const CBECI_VERSIONS = ['v1.3.0', 'v1.4.0', 'v1.2.0'] as const;

/** The header of the daily export, exactly: anything else means the export changed. */
export const CBECI_HEADER =
  'Timestamp,Date and Time,"power MAX, GW","power MIN, GW","power GUESS, GW","annualised consumption MAX, TWh","annualised consumption MIN, TWh","annualised consumption GUESS, TWh"';

/** The request of the daily export at 0.05 USD/kWh, the price CBECI's published figures assume. */
export function cbeciUrl(base: string, version: string): string {
  return `${base}/cbeci/api/${version}/download/data?price=0.05`;
}

/** What the download gave: the export summed into calendar years, the response, and the version that answered. */
export interface CbeciDownload {
  energy: CbeciEnergy;
  page: FetchedText;
  version: string;
}

/**
 * Downloads CBECI's daily export (not a documented API: a version that does not answer is passed for the next)
 * and sums it into calendar years with `data import cbeci-energy`'s own checks. The content type is ignored (CBECI
 * serves the CSV as text/html); the lines before the header are skipped, and the header must be exactly CBECI's.
 * @throws DataError naming CBECI and what is wrong: no version answered (each one's failure listed), or the export
 *   is not in the format expected.
 */
export async function downloadCbeci(base: string, request: RequestOptions): Promise<CbeciDownload> {
  const failures: string[] = [];
  for (const version of CBECI_VERSIONS) {
    let page: FetchedText;
    try {
      page = await fetchText(cbeciUrl(base, version), request);
    } catch (error) {
      if (!(error instanceof DataError) || request.signal?.aborted) throw error;
      failures.push(`${version}: ${error.message.replace(`${CBECI}: `, '')}`);
      continue;
    }
    return { energy: parseExport(page), page, version };
  }
  throw new DataError(
    `${CBECI}: no version of the daily export answered (CBECI's data API is not documented, and has refused scripts before); nothing was changed:`,
    failures,
  );
}

function parseExport(page: FetchedText): CbeciEnergy {
  const lines = page.text.split(/\r?\n/);
  const at = lines.findIndex((line) => line.startsWith('Timestamp,'));
  if (at < 0) {
    const start = page.text.replace(/\s+/g, ' ').trim().slice(0, 60);
    throw new DataError(
      `${CBECI}: the response from ${page.url} is not the daily export: no line starts with "Timestamp," (it begins "${start}"). Nothing was changed.`,
    );
  }
  const header = (lines[at] as string).trim();
  if (header !== CBECI_HEADER) {
    throw new DataError(
      `${CBECI}: the daily export from ${page.url} has another header than expected; nothing was changed. Expected ${CBECI_HEADER}, got ${header.slice(0, 300)}.`,
    );
  }
  const note = at > 0 ? [lines[0] as string] : [];
  return importCbeciEnergy([...note, ...lines.slice(at)].join('\n'), `the ${CBECI} export (${page.url})`);
}

/** A complete year held whose energy CBECI now gives differently. */
export interface ChangedYear {
  year: number;
  held: number;
  now: number;
}

/**
 * The whole years held and downloaded both whose best guess differs by more than one part in a million plus the
 * rounding of a stored TWh (4 decimals).
 */
export function changedYears(held: readonly NetworkValue[], downloaded: readonly NetworkValue[]): ChangedYear[] {
  const whole = (value: NetworkValue) => (value.coverage ?? 'year') === 'year';
  const byYear = new Map(held.filter(whole).map((value) => [value.year, value]));
  const changed: ChangedYear[] = [];
  for (const value of downloaded.filter(whole)) {
    const before = byYear.get(value.year);
    if (before === undefined) continue;
    if (Math.abs(value.twh - before.twh) > 1e-6 * Math.max(value.twh, before.twh) + 1e-4) {
      changed.push({ year: value.year, held: before.twh, now: value.twh });
    }
  }
  return changed;
}
