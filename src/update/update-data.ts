import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATA_FILE_NAMES, NETWORK_INPUTS_FILE } from '../data/dataset.js';
import { loadData, loadDataFiles, shippedDataDir } from '../data/load.js';
import { makeDirectory, removeCreated } from '../data/directories.js';
import { lockDirectory } from '../data/lock.js';
import { pathExists, readTextFile } from '../data/read-file.js';
import { recoverReplacements, type ReplacementFile, replaceFiles } from '../data/replace-files.js';
import type { Baseline, CarbonIntensity, NetworkSeries, Region, Source } from '../data/schemas.js';
import { CBECI_LICENCE, CBECI_PUBLISHER, cbeciEnergySeries } from '../import/cbeci-energy.js';
import { CBECI, cbeciUrl, changedYears, downloadCbeci } from './cbeci.js';
import { parseSeriesInput, type SeriesInputRow } from '../data/series-input.js';
import { DataError } from '../errors.js';
import { escapePath } from '../text.js';
import { renderNetworkInputs } from '../import/coinmetrics.js';
import { createDispatcher } from '../net/dispatcher.js';
import { DEFAULT_REQUEST_LIMITS, type FetchedText, type RequestOptions } from '../net/http.js';
import { RateLimiter } from '../net/rate-limit.js';
import {
  CHANGE_TOLERANCE,
  changedDays,
  COINMETRICS,
  coinMetricsUrl,
  downloadCoinMetrics,
  mergeDays,
  OVERLAP_DAYS,
} from './coinmetrics.js';
import {
  carbonRecords,
  changedCarbon,
  changedDemand,
  type CountryFigures,
  latestDemandBaseline,
  mergeCarbon,
  WORLD_CODE,
} from './country-figures.js';
import { downloadEmber, EMBER, EMBER_COUNTRY } from './ember.js';
import { downloadOwid, OWID } from './owid.js';
import { sourceBase, UPDATE_SOURCES, type UpdateSourceName } from './sources.js';
import { readUpdates, UPDATES_FILE, type UpdateRecord, type YearlyFigures } from './updates-file.js';

export { dataStatus } from './status.js';

/** Options for {@link updateData}. */
export interface UpdateOptions {
  /** The data directory to keep current (created if missing). */
  dir: string;
  /** The sources to update (default all, in the order of UPDATE_SOURCES). */
  sources?: readonly UpdateSourceName[];
  /** Coin Metrics: the first day to ask for, instead of a week before the last day held. */
  from?: string;
  /** Take the source's values for held days it now gives differently, instead of failing. */
  acceptChanges?: boolean;
  /** The environment: base URLs, proxies, the test-only timings. */
  env: Readonly<Record<string, string | undefined>>;
  /** Told what is happening, for a terminal. */
  onProgress?: (message: string) => void;
  /** Aborted on an interrupt: the update stops, and the data are kept as they were. */
  signal?: AbortSignal;
  now?: () => Date;
}

/** One source's outcome. */
export interface SourceOutcome {
  source: UpdateSourceName;
  status: 'updated' | 'unchanged' | 'failed';
  /** Why it failed; null otherwise. */
  error: string | null;
  /** The files written (none when unchanged or failed). */
  written: string[];
  /** The whole series held after the update (before it, when failed). */
  days: number;
  from: string | null;
  to: string | null;
  /** Days the series gained. */
  newDays: number;
  /** Held days that the source now gives differently and that were replaced (with acceptChanges). */
  changed: { date: string; field: string; held: number; now: number }[];
  /** The requests sent, retries and failed ones included. */
  requests: number;
  /** The bytes of the responses used, as they arrived. */
  bytes: number;
  warnings: string[];
  /**
   * A yearly source's figures (ember, owid): the baseline and intensities held after the update; null for the
   * daily sources, whose `days`, `from`, `to` and `newDays` count days (0 and null for a yearly source).
   */
  yearly: YearlyFigures | null;
}

/** What `data update` did, for people (rendered) and for scripts (`--json`). */
export interface UpdateSummary {
  dir: string;
  outcomes: SourceOutcome[];
}

/** The source id under which Coin Metrics' downloaded days are cited. */
export const COINMETRICS_SOURCE_ID = 'coinmetrics-api';
/** The source id of CBECI's downloaded export, and the series it replaces (the shipped one, or an earlier download). */
export const CBECI_SOURCE_ID = 'cbeci-api';
const CBECI_SERIES_ID = 'cbeci';

/**
 * Brings the named sources' data in a data directory up to date from the live sources, each source's files replaced
 * together and whole, under the directory's lock (shared with `data import --out`). A source that fails leaves its
 * files as they were and the others go on.
 * @throws DataError when the directory cannot be made or locked (another writer holds it).
 */
export async function updateData(options: UpdateOptions): Promise<UpdateSummary> {
  const dir = resolve(options.dir);
  const names = options.sources === undefined || options.sources.length === 0 ? UPDATE_SOURCES : options.sources;
  const bases = names.map((name) => sourceBase(name, options.env)); // a bad variable is a usage error before any work
  const created = makeDirectory(dir, 'the data directory');
  const outcomes: SourceOutcome[] = [];
  try {
    const lock = await lockDirectory(dir, { command: 'data update', waitMs: lockWaitMs(options.env) });
    try {
      recoverReplacements(dir);
      for (const [index, name] of names.entries()) {
        if (options.signal?.aborted) break;
        outcomes.push(await updateSource(name, bases[index] as string, dir, options));
      }
    } finally {
      lock.release();
    }
  } finally {
    // An update that wrote nothing leaves the file system as it found it.
    removeCreated(created);
  }
  return { dir, outcomes };
}

function numberFromEnv(env: UpdateOptions['env'], name: string, fallback: number): number {
  const value = Number(env[name]);
  return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function lockWaitMs(env: UpdateOptions['env']): number {
  return numberFromEnv(env, 'MINING_ENERGY_LOCK_WAIT_MS', 5_000);
}

/**
 * The requests' limits: the defaults, with the waits made shorter for tests by MINING_ENERGY_RETRY_BASE_MS (the
 * first wait before a retry) and MINING_ENERGY_TIMEOUT_MS (the response and body timeouts).
 */
async function requestOptions(
  source: string,
  options: UpdateOptions,
  limiter: RateLimiter,
  outcome: SourceOutcome,
): Promise<RequestOptions> {
  const timeoutMs = numberFromEnv(options.env, 'MINING_ENERGY_TIMEOUT_MS', 0);
  const retryBaseMs = numberFromEnv(options.env, 'MINING_ENERGY_RETRY_BASE_MS', DEFAULT_REQUEST_LIMITS.retryBaseMs);
  const responseTimeoutMs = timeoutMs > 0 ? timeoutMs : DEFAULT_REQUEST_LIMITS.responseTimeoutMs;
  return {
    ...DEFAULT_REQUEST_LIMITS,
    source,
    limiter,
    responseTimeoutMs,
    bodyTimeoutMs: timeoutMs > 0 ? timeoutMs : DEFAULT_REQUEST_LIMITS.bodyTimeoutMs,
    retryBaseMs,
    retryMaxMs: Math.max(
      retryBaseMs * 8,
      numberFromEnv(options.env, 'MINING_ENERGY_RETRY_MAX_MS', DEFAULT_REQUEST_LIMITS.retryMaxMs),
    ),
    dispatcher: await createDispatcher(options.env, { connectTimeoutMs: responseTimeoutMs }),
    onRequest: () => {
      outcome.requests += 1;
    },
    ...(options.onProgress === undefined ? {} : { onRetry: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}

async function updateSource(
  name: UpdateSourceName,
  base: string,
  dir: string,
  options: UpdateOptions,
): Promise<SourceOutcome> {
  switch (name) {
    case 'coinmetrics':
      return updateCoinMetrics(base, dir, options);
    case 'cbeci':
      return updateCbeci(base, dir, options);
    case 'ember':
    case 'owid':
      return updateYearly(name, base, dir, options);
    default:
      throw new Error(`no updater for ${name satisfies never}`);
  }
}

/** The days held: the directory's network-inputs.csv when it has one, else the shipped one. */
function heldDays(dir: string): { rows: SeriesInputRow[]; path: string; shipped: boolean } {
  const own = join(dir, NETWORK_INPUTS_FILE);
  const shipped = !pathExists(own);
  const path = shipped ? join(shippedDataDir(), NETWORK_INPUTS_FILE) : own;
  const rows = parseSeriesInput(readTextFile(path, 'the daily inputs'), path);
  const withThreshold = rows.find((row) => row.revenueUsd === undefined);
  if (withThreshold !== undefined) {
    throw new DataError(
      `${escapePath(path)} → ${withThreshold.date} → has no revenueUsd; data update keeps a file of ${NETWORK_INPUTS_FILE}'s own columns (date, hashrateEhs, revenueUsd). Move it aside to start again from the shipped days.`,
    );
  }
  return { rows, path, shipped };
}

/** YYYY-MM-DD `days` after (or before, when negative) a day. */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function updateCoinMetrics(base: string, dir: string, options: UpdateOptions): Promise<SourceOutcome> {
  const outcome = startingOutcome('coinmetrics');
  try {
    const held = heldDays(dir);
    const first = held.rows[0];
    const last = held.rows.at(-1);
    if (first === undefined || last === undefined) throw new DataError(`${escapePath(held.path)} holds no days.`);
    Object.assign(outcome, { days: held.rows.length, from: first.date, to: last.date });
    // The last week held is asked for again and compared: the update starts where the data end, and checks that
    // the source still agrees with them.
    const start = options.from ?? addDays(last.date, -(OVERLAP_DAYS - 1));
    // Coin Metrics allows 10 requests in 6 s to an address (LIVE-SOURCES §1); this stays within it.
    const request = await requestOptions(COINMETRICS, options, new RateLimiter(10, 6_000), outcome);
    options.onProgress?.(`${COINMETRICS}: asking for the days from ${start} on`);
    const retrievedAt = (options.now?.() ?? new Date()).toISOString();
    const download = await downloadCoinMetrics(base, start, request, (rows, page) =>
      options.onProgress?.(`${COINMETRICS}: ${rows} days (page ${page})`),
    );
    outcome.bytes = download.pages.reduce((sum, page) => sum + page.bytes.length, 0);
    stopIfInterrupted(options);
    const changed = changedDays(held.rows, download.rows);
    if (changed.length > 0 && options.acceptChanges !== true) throw changedError(changed, held.path);
    outcome.changed = changed;
    const downloadedFirst = (download.rows[0] as { date: string }).date;
    if (downloadedFirst > addDays(last.date, 1)) {
      outcome.warnings.push(
        `${COINMETRICS} sent no days from ${addDays(last.date, 1)} to ${addDays(downloadedFirst, -1)}: the series has a gap there.`,
      );
    }
    if (download.missingDays > 0)
      outcome.warnings.push(`${COINMETRICS}'s days miss ${download.missingDays} between their first and last.`);
    if (download.incompleteTail.length > 0) {
      outcome.warnings.push(
        `${COINMETRICS} has no complete values yet for ${download.incompleteTail.join(', ')}; ${download.incompleteTail.length === 1 ? 'that day was' : 'those days were'} left for a later update.`,
      );
    }
    const merged = mergeDays(held.rows, download.rows);
    const lastMerged = merged.at(-1) as { date: string };
    outcome.newDays = merged.length - held.rows.length;
    const unchanged = outcome.newDays === 0 && changed.length === 0;
    if (unchanged) {
      outcome.status = 'unchanged';
      return outcome;
    }
    const inputsText = renderNetworkInputs(merged);
    parseSeriesInput(inputsText, join(dir, NETWORK_INPUTS_FILE)); // exactly as network --input will read it
    const hash = createHash('sha256');
    for (const page of download.pages) hash.update(page.bytes);
    const record: UpdateRecord = {
      source: COINMETRICS_SOURCE_ID,
      url: coinMetricsUrl(base, start),
      retrievedAt,
      sha256: hash.digest('hex'),
      bytes: outcome.bytes,
      requests: outcome.requests,
      files: [NETWORK_INPUTS_FILE],
      fetched: {
        from: downloadedFirst,
        to: (download.rows.at(-1) as { date: string }).date,
        days: download.rows.length,
      },
      held: { from: (merged[0] as { date: string }).date, to: lastMerged.date, days: merged.length },
      licence: 'CC BY-NC 4.0',
    };
    const files = await plannedFiles(
      dir,
      'coinmetrics',
      coinMetricsSource(record, held.shipped ? 'the shipped data' : 'earlier updates'),
      record,
      [{ name: NETWORK_INPUTS_FILE, text: inputsText }],
    );
    return replaced(dir, files, outcome, options, { days: merged.length, from: record.held.from, to: record.held.to });
  } catch (error) {
    outcome.error = failureMessage(error, COINMETRICS);
    return outcome;
  }
}

/** Stops a source's update when the run was interrupted (SIGINT, SIGTERM): its files are left as they were. */
function stopIfInterrupted(options: UpdateOptions): void {
  if (options.signal?.aborted) throw new DataError('interrupted');
}

/**
 * Replaces a source's files together, whole (unless the run was interrupted first), and the outcome that says so:
 * the files written and, for a source of days, the days the directory now holds.
 */
function replaced(
  dir: string,
  files: readonly ReplacementFile[],
  outcome: SourceOutcome,
  options: UpdateOptions,
  held: { days: number; from: string; to: string } | Record<string, never> = {},
): SourceOutcome {
  stopIfInterrupted(options);
  replaceFiles(dir, files);
  return Object.assign(outcome, { status: 'updated', written: files.map((file) => join(dir, file.name)), ...held });
}

/** A DataError's message on one line, naming the source; any other error is not a failure of the source's. */
function failureMessage(error: unknown, source: string): string {
  if (!(error instanceof DataError || (error instanceof Error && error.name === 'DataError'))) throw error;
  // The message's headline, then its problems (a DataError lists them on lines of their own).
  const [headline = '', ...problems] = (error as Error).message.split('\n');
  const message = [headline, ...problems.map((line) => line.replace(/^\s+- /, ''))].join(' ');
  return message.startsWith(source) ? message : `${source}: ${message}`;
}

/** An outcome before anything is known: failed until it succeeds. */
function startingOutcome(source: UpdateSourceName): SourceOutcome {
  return {
    source,
    status: 'failed',
    error: null,
    written: [],
    days: 0,
    from: null,
    to: null,
    newDays: 0,
    changed: [],
    requests: 0,
    bytes: 0,
    warnings: [],
    yearly: null,
  };
}

/**
 * The records of a data file an update rewrites, as the directory holds them (none when the file is not there);
 * the records' own checks come when the merged directory is validated.
 * @throws DataError when the file cannot be read or is not a list, before anything is changed.
 */
function heldList<T>(path: string, what: string): T[] {
  if (!pathExists(path)) return [];
  let records: unknown;
  try {
    records = JSON.parse(readTextFile(path, 'the data file'));
  } catch (error) {
    throw new DataError(`${escapePath(path)} cannot be read: ${(error as Error).message}; nothing was changed.`);
  }
  if (!Array.isArray(records))
    throw new DataError(`${escapePath(path)} is not a list of ${what}; nothing was changed.`);
  return records as T[];
}

/** The CBECI series the update replaces: the directory's own network-energy.json's, else the shipped one. */
async function heldCbeci(dir: string): Promise<{ series: NetworkSeries | undefined; records: NetworkSeries[] }> {
  const records = heldList<NetworkSeries>(join(dir, DATA_FILE_NAMES.networkEnergy), 'series');
  const own = records.find((series) => series.id === CBECI_SERIES_ID);
  if (own !== undefined) return { series: own, records };
  const shipped = await loadData();
  return { series: shipped.networkEnergy.find((series) => series.id === CBECI_SERIES_ID), records };
}

async function updateCbeci(base: string, dir: string, options: UpdateOptions): Promise<SourceOutcome> {
  const outcome = startingOutcome('cbeci');
  try {
    const held = await heldCbeci(dir);
    // CCAF's code allows 15 requests in 10 s (LIVE-SOURCES §2); a download makes three at most.
    const request = await requestOptions(CBECI, options, new RateLimiter(15, 10_000), outcome);
    options.onProgress?.(`${CBECI}: asking for the daily export`);
    const retrievedAt = (options.now?.() ?? new Date()).toISOString();
    const download = await downloadCbeci(base, request);
    outcome.bytes = download.page.bytes.length;
    stopIfInterrupted(options);
    const { energy } = download;
    const heldValues = held.series?.values ?? [];
    const changed = changedYears(heldValues, energy.values);
    if (changed.length > 0 && options.acceptChanges !== true) {
      throw new DataError(
        `${CBECI} now gives different totals for ${changed.length === 1 ? 'a whole year' : `${changed.length} whole years`} already held (by more than one part in a million); nothing was changed. Add --accept-changes to take the new values:`,
        changed.map(({ year, held: was, now }) => `${year}: held ${was} TWh, now ${now} TWh`),
      );
    }
    outcome.changed = changed.map(({ year, held: was, now }) => ({ date: String(year), field: 'twh', held: was, now }));
    const throughBefore = heldValues.at(-1);
    const heldTo = throughBefore?.through ?? (throughBefore ? `${throughBefore.year}-12-31` : null);
    if (energy.missingDays > 0)
      outcome.warnings.push(
        `${CBECI}'s export misses ${energy.missingDays} days between ${energy.from} and ${energy.to}.`,
      );
    const record: UpdateRecord = {
      source: CBECI_SOURCE_ID,
      url: cbeciUrl(base, download.version),
      retrievedAt,
      sha256: createHash('sha256').update(download.page.bytes).digest('hex'),
      bytes: outcome.bytes,
      requests: outcome.requests,
      files: [DATA_FILE_NAMES.networkEnergy],
      fetched: { from: energy.from, to: energy.to, days: energy.days },
      held: { from: energy.from, to: energy.to, days: energy.days },
      licence: 'CC BY-NC-SA 4.0',
    };
    const file = { name: 'the daily export', path: record.url, modified: retrievedAt.slice(0, 10) };
    const series = cbeciEnergySeries(energy, {
      seriesId: CBECI_SERIES_ID,
      sourceId: CBECI_SOURCE_ID,
      evidence: 'primary',
      file,
    });
    series.note = `CBECI's daily estimate (data API ${download.version}), ${energy.from} to ${energy.to}${energy.priceNote ? ` (${energy.priceNote})` : ''}, summed into calendar years with its lower and upper bounds; downloaded with data update cbeci.`;
    if (held.series !== undefined && JSON.stringify(held.series.values) === JSON.stringify(series.values)) {
      Object.assign(outcome, { status: 'unchanged', days: energy.days, from: energy.from, to: energy.to });
      return outcome;
    }
    outcome.newDays =
      heldTo === null
        ? energy.days
        : Math.max(0, Math.round((Date.parse(energy.to) - Date.parse(heldTo)) / 86_400_000));
    const at = held.records.findIndex((s) => s.id === CBECI_SERIES_ID);
    const records = [...held.records];
    if (at < 0) records.push(series);
    else records[at] = series;
    const source: Source = {
      id: CBECI_SOURCE_ID,
      title: `CBECI daily electricity estimate, ${energy.from} to ${energy.to}: power with lower, best-guess and upper values, at 0.05 USD/kWh`,
      publisher: CBECI_PUBLISHER,
      year: Number(energy.to.slice(0, 4)),
      url: record.url,
      licence: CBECI_LICENCE,
      evidence: 'primary',
      note: [
        `Downloaded with \`mining-energy data update cbeci\` on ${record.retrievedAt} (data API ${download.version}): ${record.bytes} bytes, SHA-256 ${record.sha256}.`,
        energy.priceNote === null ? '' : `The export's first line: "${energy.priceNote}".`,
        `Computed: series ${CBECI_SERIES_ID} in network-energy.json, each calendar year's energy as the sum of the daily power (GW) times 24 h for the best guess, lower and upper values.`,
      ]
        .filter((part) => part !== '')
        .join(' '),
    };
    const files = await plannedFiles(dir, 'cbeci', source, record, [
      { name: DATA_FILE_NAMES.networkEnergy, text: `${JSON.stringify(records, null, 2)}\n` },
    ]);
    return replaced(dir, files, outcome, options, { days: energy.days, from: energy.from, to: energy.to });
  } catch (error) {
    outcome.error = failureMessage(error, CBECI);
    return outcome;
  }
}

function changedError(
  changed: readonly { date: string; field: string; held: number; now: number }[],
  path: string,
): DataError {
  const listed = changed.slice(0, 10).map(({ date, field, held, now }) => {
    const pct = ((now - held) / held) * 100;
    return `${date} → ${field}: held ${held}, now ${now} (${pct >= 0 ? '+' : ''}${pct.toPrecision(3)}%)`;
  });
  if (changed.length > 10) listed.push(`and ${changed.length - 10} more`);
  return new DataError(
    `${COINMETRICS} now gives different values for ${changed.length === 1 ? 'a day' : `${new Set(changed.map((c) => c.date)).size} days`} already held in ${escapePath(path)} (by more than ${CHANGE_TOLERANCE * 1e6} part in a million); nothing was changed. Add --accept-changes to take the new values:`,
    listed,
  );
}

/** The source record of the downloaded days: where and when from, the digest of the bytes, the licence. */
function coinMetricsSource(record: UpdateRecord, before: string): Source {
  return {
    id: COINMETRICS_SOURCE_ID,
    title: `Coin Metrics community API: daily mean hash rate and miners' revenue in USD, ${record.fetched.from} to ${record.fetched.to}`,
    publisher: 'Coin Metrics',
    year: Number(record.fetched.to.slice(0, 4)),
    url: record.url,
    licence: 'CC BY-NC 4.0 (attribution, non-commercial), as Coin Metrics publishes its community data',
    evidence: 'primary',
    note: [
      `Downloaded with \`mining-energy data update coinmetrics\` on ${record.retrievedAt}: ${record.requests} request${record.requests === 1 ? '' : 's'} (retries included), ${record.bytes} bytes, SHA-256 ${record.sha256} (of the bytes of the responses used, in order).`,
      `After this download network-inputs.csv held ${record.held.from} to ${record.held.to} (${record.held.days} days): the days before ${record.fetched.from} from ${before}, the rest from this download (a later import may have replaced some; its own record says which).`,
      `Computed: hashrateEhs = HashRate (TH/s) / 1,000,000; revenueUsd = IssTotUSD + FeeTotNtv × PriceUSD (USD that day), each to 12 significant digits.`,
    ].join(' '),
  };
}

/**
 * The files one source's update replaces, together: its data file, updates.json and sources.json (last), the
 * directory checked as it will be, merged over the shipped data, before anything is written.
 */
async function plannedFiles(
  dir: string,
  name: UpdateSourceName,
  source: Source,
  record: UpdateRecord,
  data: readonly ReplacementFile[],
): Promise<ReplacementFile[]> {
  const sources = heldList<Source>(join(dir, DATA_FILE_NAMES.sources), 'sources');
  const at = sources.findIndex((s) => s.id === source.id);
  if (at < 0) sources.push(source);
  else sources[at] = source;
  const sourcesText = `${JSON.stringify(sources, null, 2)}\n`;
  const updates = { ...readUpdates(dir), [name]: record };
  // The directory as every later run will read it, checked now: a source record that would not validate is not written.
  const files = [];
  for (const key of Object.keys(DATA_FILE_NAMES) as (keyof typeof DATA_FILE_NAMES)[]) {
    const path = join(dir, DATA_FILE_NAMES[key]);
    const written = data.find((file) => file.name === DATA_FILE_NAMES[key]);
    if (key === 'sources') files.push({ key, label: path, text: sourcesText });
    else if (written !== undefined) files.push({ key, label: path, text: written.text });
    else if (pathExists(path)) files.push({ key, label: path, text: readFileSync(path, 'utf8') });
  }
  await loadDataFiles(dir, files);
  return [
    ...data,
    { name: UPDATES_FILE, text: `${JSON.stringify(updates, null, 2)}\n` },
    { name: DATA_FILE_NAMES.sources, text: sourcesText },
  ];
}

/** The source id of Ember's downloaded yearly file, and of its baseline. */
export const EMBER_SOURCE_ID = 'ember-yearly';
export const EMBER_BASELINE_ID = 'ember-latest';
/** The source id of Our World in Data's downloaded grapher files, and of their baseline. */
export const OWID_SOURCE_ID = 'owid-grapher';
export const OWID_BASELINE_ID = 'owid-latest';

/**
 * The regions' ISO codes (and WORLD_CODE for the world) by which a yearly source's intensities find their region:
 * the shipped regions and the directory's own.
 */
async function regionCodes(dir: string): Promise<Map<string, string>> {
  const shipped = await loadData();
  const own = heldList<Region>(join(dir, DATA_FILE_NAMES.regions), 'regions');
  const codes = new Map<string, string>();
  for (const region of [...shipped.regions, ...own]) {
    if (region.kind === 'world') codes.set(WORLD_CODE, region.id);
    else if (region.iso !== undefined && /^[A-Z]{3}$/.test(region.iso)) codes.set(region.iso, region.id);
  }
  return codes;
}

/**
 * Ember's yearly file or Our World in Data's grapher files, into the directory's electricity-baselines.json (a
 * baseline of each country's latest demand, ember-latest or owid-latest) and carbon-intensity.json (the
 * life-cycle intensities of the regions the data know, every year given). The source's earlier records are
 * replaced whole; the values held that it now gives differently are taken and listed (`changed`, and a warning),
 * since both sources revise past years with each release. Where both give an intensity for one region, year and
 * basis, Ember's wins: OWID's figures are Ember's, processed later, and one key holds one value.
 */
async function updateYearly(
  name: 'ember' | 'owid',
  base: string,
  dir: string,
  options: UpdateOptions,
): Promise<SourceOutcome> {
  const label = name === 'ember' ? EMBER : OWID;
  const outcome = startingOutcome(name);
  try {
    const baselinesPath = join(dir, DATA_FILE_NAMES.baselines);
    const carbonPath = join(dir, DATA_FILE_NAMES.carbon);
    const heldBaselines = heldList<Baseline>(baselinesPath, 'baselines');
    const heldCarbon = heldList<CarbonIntensity>(carbonPath, 'intensities');
    const regionByCode = await regionCodes(dir);
    const request = await requestOptions(label, options, new RateLimiter(10, 10_000), outcome);
    options.onProgress?.(
      `${label}: downloading ${name === 'ember' ? 'the yearly file' : 'the demand and intensity files'}`,
    );
    const retrievedAt = (options.now?.() ?? new Date()).toISOString();
    let figures: CountryFigures;
    let pages: FetchedText[];
    if (name === 'ember') {
      const download = await downloadEmber(base, request);
      figures = download.figures;
      pages = [download.page];
    } else {
      const download = await downloadOwid(base, request);
      figures = download.figures;
      pages = download.pages;
    }
    outcome.bytes = pages.reduce((sum, page) => sum + page.bytes.length, 0);
    stopIfInterrupted(options);
    const sourceId = name === 'ember' ? EMBER_SOURCE_ID : OWID_SOURCE_ID;
    const baselineId = name === 'ember' ? EMBER_BASELINE_ID : OWID_BASELINE_ID;
    const baseline = latestDemandBaseline(figures.demand, {
      id: baselineId,
      title: name === 'ember' ? 'Ember electricity demand' : 'Our World in Data electricity demand (from Ember)',
      source: sourceId,
      evidence: 'primary',
      note:
        name === 'ember'
          ? `Demand = generation + net imports (Ember's Demand rows); areas of type "${EMBER_COUNTRY}" only, aggregates (World, regions, groupings) left out. Downloaded with data update ember.`
          : 'Demand = generation + net imports; aggregates (codes empty or starting OWID_, but Kosovo) left out. Downloaded with data update owid.',
    });
    const intensities = carbonRecords(figures.intensity, regionByCode, sourceId, 'primary');
    // One key, one value: Ember's intensity wins over OWID's, whichever update ran last.
    const merged = mergeCarbon(
      heldCarbon,
      intensities,
      sourceId,
      name === 'owid' ? (record) => record.source === EMBER_SOURCE_ID : undefined,
    );
    const heldBaseline = heldBaselines.find((held) => held.id === baselineId);
    const changed = [...changedDemand(heldBaseline, baseline), ...changedCarbon(heldCarbon, merged.written)];
    outcome.changed = changed;
    const years = merged.written.map((record) => record.year);
    const yearly: YearlyFigures = {
      baseline: baselineId,
      countries: baseline.values.length,
      latestYear: baseline.year,
      intensities: merged.written.length,
      intensityYears: years.length === 0 ? null : { from: Math.min(...years), to: Math.max(...years) },
      intensitiesKept: merged.kept,
    };
    outcome.yearly = yearly;
    if (changed.length > 0) {
      const listed = changed
        .slice(0, 5)
        .map(({ date, field, held, now }) => `${field} ${date}: ${held} → ${now}`)
        .join('; ');
      outcome.warnings.push(
        `${label} revised ${changed.length === 1 ? 'a value' : `${changed.length} values`} already held, and the new ${changed.length === 1 ? 'one was' : 'ones were'} taken (the summary's changed lists them): ${listed}${changed.length > 5 ? '; …' : ''}.`,
      );
    }
    if (figures.emptyValues > 0) {
      outcome.warnings.push(
        `${label}: ${figures.emptyValues === 1 ? 'a row' : `${figures.emptyValues} rows`} of a country or the world had no value and ${figures.emptyValues === 1 ? 'was' : 'were'} left out.`,
      );
    }
    const heldOwn = heldCarbon.filter((record) => record.source === sourceId);
    if (
      heldBaseline !== undefined &&
      JSON.stringify(heldBaseline) === JSON.stringify(baseline) &&
      JSON.stringify(heldOwn) === JSON.stringify(merged.written)
    ) {
      outcome.status = 'unchanged';
      return outcome;
    }
    const baselines = [...heldBaselines];
    const at = baselines.findIndex((held) => held.id === baselineId);
    if (at < 0) baselines.push(baseline);
    else baselines[at] = baseline;
    const allYears = [...figures.demand, ...figures.intensity].map((value) => value.year);
    const span = { from: String(Math.min(...allYears)), to: String(Math.max(...allYears)), days: 0 };
    const hash = createHash('sha256');
    for (const page of pages) hash.update(page.bytes);
    const record: UpdateRecord = {
      source: sourceId,
      url: (pages[0] as FetchedText).url,
      retrievedAt,
      sha256: hash.digest('hex'),
      bytes: outcome.bytes,
      requests: outcome.requests,
      files: [DATA_FILE_NAMES.baselines, DATA_FILE_NAMES.carbon],
      fetched: span,
      held: span,
      licence: 'CC BY 4.0',
      yearly,
    };
    const files = await plannedFiles(dir, name, yearlySource(name, record, pages, yearly), record, [
      { name: DATA_FILE_NAMES.baselines, text: `${JSON.stringify(baselines, null, 2)}\n` },
      { name: DATA_FILE_NAMES.carbon, text: `${JSON.stringify(merged.records, null, 2)}\n` },
    ]);
    return replaced(dir, files, outcome, options);
  } catch (error) {
    outcome.error = failureMessage(error, label);
    return outcome;
  }
}

/** The source record of a yearly source's download: where and when from, the digest of the bytes, the licence. */
function yearlySource(
  name: 'ember' | 'owid',
  record: UpdateRecord,
  pages: readonly FetchedText[],
  yearly: YearlyFigures,
): Source {
  const download = `Downloaded with \`mining-energy data update ${name}\` on ${record.retrievedAt}: ${pages.map((page) => page.url).join(' and ')}, ${record.bytes} bytes, SHA-256 ${record.sha256}${pages.length > 1 ? " (of the responses' bytes in order)" : ''}.`;
  const intensities =
    yearly.intensityYears === null
      ? 'no intensity of a region the data know'
      : `${yearly.intensities} intensities (life-cycle gCO2e/kWh of generation), ${yearly.intensityYears.from} to ${yearly.intensityYears.to}, in carbon-intensity.json`;
  if (name === 'ember') {
    return {
      id: EMBER_SOURCE_ID,
      title: `Ember yearly electricity data (release_generation_yearly_global.csv): each country's electricity demand and the emissions intensity of generation, ${record.fetched.from} to ${record.fetched.to}`,
      publisher: 'Ember',
      year: Number(record.retrievedAt.slice(0, 4)),
      url: record.url,
      licence: 'CC BY 4.0 (credit Ember)',
      evidence: 'primary',
      note: `${download} Baseline ${yearly.baseline}: each country's latest Demand row (TWh), ${yearly.countries} countries. ${intensities}: the Total generation row's Emissions intensity, for the countries the data know (by ISO code) and the World area.`,
    };
  }
  return {
    id: OWID_SOURCE_ID,
    title: `Our World in Data grapher data: electricity demand and carbon intensity of electricity by country, ${record.fetched.from} to ${record.fetched.to}`,
    publisher: 'Our World in Data, based on Ember and the Energy Institute',
    year: Number(record.retrievedAt.slice(0, 4)),
    url: record.url,
    licence: 'CC BY 4.0 (credit Our World in Data, Ember and the Energy Institute)',
    evidence: 'primary',
    note: `${download} Baseline ${yearly.baseline}: each country's latest electricity_demand (TWh), ${yearly.countries} countries. ${intensities}: carbon_intensity_elec, life-cycle (OWID's processing of Ember's figures), for the countries the data know (by ISO code) and the world (OWID_WRL)${yearly.intensitiesKept > 0 ? `; ${yearly.intensitiesKept} more not written, since Ember's own record of the same region, year and basis is held and wins` : ''}.`,
  };
}
