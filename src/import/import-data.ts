import { lstatSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SeriesInputRow } from '../data/series-input.js';
import {
  checkDirectory,
  isStandardInput,
  kindOf,
  pathExists,
  readStandardInput,
  readTextFile,
  STANDARD_INPUT,
  systemReason,
} from '../data/read-file.js';
import { DataError, UsageError } from '../errors.js';
import { escapePath } from '../text.js';
import { makeDirectory, removeCreated } from '../data/directories.js';
import { lockDirectory } from '../data/lock.js';
import { recoverReplacements, replaceFiles } from '../data/replace-files.js';
import {
  DATA_FILE_NAMES,
  DATASET_KEYS,
  type Dataset,
  type DatasetKey,
  EMPTY_DATASET,
  mergeRecords,
  NETWORK_INPUTS_FILE,
  RECORD_KEY,
  RECORD_LABEL,
} from '../data/dataset.js';
import { type DataFileText, loadData, loadDataFiles } from '../data/load.js';
import type { Source } from '../data/schemas.js';
import { parseSeriesInput } from '../data/series-input.js';
import { cbeciEnergySeries, cbeciEnergySource, importCbeciEnergy } from './cbeci-energy.js';
import { coinMetricsSource, importCoinMetrics, type NetworkInputRow, renderNetworkInputs } from './coinmetrics.js';
import type { ImportKind } from './kinds.js';
import { importMiningMap, miningMapSource } from './mining-map.js';
import { type ImportEvidence, type ImportFile, plural } from './table.js';

/** Options for {@link importData}. */
export interface ImportOptions {
  /** The data directory to write (or update); created if missing. */
  out: string;
  /** The source id the records cite (default `<kind>-import`). */
  source?: string;
  /** How the file was obtained: `copy` (default) or `primary` (downloaded from the publisher). */
  evidence?: ImportEvidence;
  /** cbeci-energy: the series id (default `cbeci`). */
  id?: string;
  /** cbeci-mining-map: the user's label → region id mappings. */
  map?: Readonly<Record<string, string>>;
  /** coinmetrics: leave out incomplete rows instead of failing. */
  skipIncomplete?: boolean;
  /** Validate the result merged over the shipped data (default true), or on its own. */
  defaultData?: boolean;
}

/** One file written: how many records it holds, how many came from this import, and what happened to the rest. */
export interface WrittenFile {
  file: string;
  records: number;
  imported: number;
  /** Records of an earlier import with the same key, replaced. */
  replaced: number;
  /** Records of an earlier import kept as they were. */
  kept: number;
}

/** What an import wrote, for people (rendered) and for scripts (`--json`). */
export interface ImportSummary {
  kind: ImportKind;
  file: string;
  out: string;
  source: { id: string; file: string; replacesShipped: boolean };
  /** The data file written, then sources.json. */
  written: WrittenFile[];
  /** cbeci-energy: the series and its years. */
  series: {
    id: string;
    years: number;
    from: string;
    to: string;
    partialYears: { year: number; days: number; through: string }[];
    priceNote: string | null;
    replacesShipped: boolean;
  } | null;
  /** cbeci-mining-map: the share records. */
  shares: {
    count: number;
    regions: number;
    months: number;
    from: string;
    to: string;
    labels: { label: string; region: string; match: string }[];
    /** How many of them have the key (region and month) of a shipped record, which they replace under --data. */
    replacingShipped: number;
  } | null;
  /** coinmetrics: the daily inputs. */
  inputs: {
    days: number;
    from: string;
    to: string;
    columns: { date: string; hashrate: string; revenue: string };
    skipped: { line: number; date: string; reason: string }[];
  } | null;
  warnings: string[];
}

/**
 * Imports a publisher's file into a data directory in the format of `data/`, which `--data <dir>` merges over the
 * shipped data: CBECI's daily electricity export (one network-energy series), CBECI's mining-map country export
 * (hashrate shares of the world's regions) or Coin Metrics' daily network data (`network-inputs.csv`), each with a
 * source record naming the file and its dates. Records already in the directory with the same key are replaced and
 * the rest kept; the result is validated merged over the shipped data, exactly as `--data` would use it, before
 * anything is written, and each file is then written atomically.
 * @throws DataError for an unreadable or invalid file, or a result that would not be valid data (nothing written).
 * @throws UsageError for a `map` that names no region.
 */
export async function importData(kind: ImportKind, path: string, options: ImportOptions): Promise<ImportSummary> {
  const file = readInput(path);
  const out = options.out;
  if (pathExists(out)) readOutDir(out); // a file, a pipe or an unreadable folder is refused before anything is made
  const created = makeDirectory(out);
  // One writer at a time: another import or update of the directory would otherwise overwrite this one's files.
  const lock = await lockDirectory(out, { command: `data import ${kind}` }).catch((error: unknown) => {
    removeCreated(created);
    throw error;
  });
  let done = false;
  try {
    recoverReplacements(out);
    const summary = await importLocked(kind, path, file, options);
    done = true;
    return summary;
  } finally {
    lock.release();
    if (!done) removeCreated(created);
  }
}

async function importLocked(
  kind: ImportKind,
  path: string,
  file: { text: string; modified: string },
  options: ImportOptions,
): Promise<ImportSummary> {
  const out = options.out;
  const defaultData = options.defaultData ?? true;
  const existing = readOutDir(out);
  const shipped = defaultData ? await loadData() : EMPTY_DATASET;
  const current =
    existing.length === 0
      ? shipped
      : await loadDataFiles(out, existing, { defaultData }).catch((error: unknown) => {
          throw rephrase(error, `Nothing was written: the data already in ${escapePath(out)} is not valid.`);
        });
  const evidence = options.evidence ?? 'copy';
  const sourceId = options.source ?? `${kind}-import`;
  const importFile: ImportFile = {
    path: isStandardInput(path) ? STANDARD_INPUT : path,
    name: isStandardInput(path) ? STANDARD_INPUT : basename(path),
    modified: file.modified,
  };
  const summary: ImportSummary = {
    kind,
    file: path,
    out,
    source: {
      id: sourceId,
      file: join(out, DATA_FILE_NAMES.sources),
      replacesShipped: shipped.sources.some((s) => s.id === sourceId),
    },
    written: [],
    series: null,
    shares: null,
    inputs: null,
    warnings: [],
  };
  const plan = new WritePlan(out, existing);
  let source: Source;
  /** The keys of the records this import writes that cite its source (see `citingOthers`). */
  let written: { key: DatasetKey; keys: Set<string> } | null = null;
  switch (kind) {
    case 'cbeci-energy': {
      const energy = importCbeciEnergy(file.text, path);
      const recordOptions = { seriesId: options.id ?? 'cbeci', sourceId, evidence, file: importFile };
      source = cbeciEnergySource(energy, recordOptions);
      summary.written.push(plan.merge('networkEnergy', [cbeciEnergySeries(energy, recordOptions)]));
      written = { key: 'networkEnergy', keys: new Set([recordOptions.seriesId]) };
      summary.series = {
        id: recordOptions.seriesId,
        years: energy.values.length,
        from: energy.from,
        to: energy.to,
        partialYears: energy.values.flatMap((v) =>
          v.coverage === 'partial-year' ? [{ year: v.year, days: v.days ?? 0, through: v.through ?? '' }] : [],
        ),
        priceNote: energy.priceNote,
        replacesShipped: shipped.networkEnergy.some((s) => s.id === recordOptions.seriesId),
      };
      if (energy.missingDays > 0) {
        summary.warnings.push(
          `${escapePath(path)} has gaps: ${energy.missingDays} days between ${energy.from} and ${energy.to} are missing; the years they fall in are marked partial.`,
        );
      }
      break;
    }
    case 'cbeci-mining-map': {
      const map = importMiningMap(file.text, path, {
        source: sourceId,
        evidence,
        regions: current.regions,
        ...(options.map === undefined ? {} : { map: options.map }),
      });
      source = miningMapSource(map, { id: sourceId, evidence, file: importFile });
      summary.written.push(plan.merge('shares', map.shares));
      written = { key: 'shares', keys: new Set(map.shares.map(RECORD_KEY.shares)) };
      for (const { month, sumPct } of map.partialMonths) {
        summary.warnings.push(
          `${escapePath(path)}'s shares of ${month} add up to ${Number(sumPct.toFixed(2))}%, not the whole world: with --data, other records of that month (shipped or earlier) stay beside them.`,
        );
      }
      summary.shares = {
        count: map.shares.length,
        regions: new Set(map.shares.map((s) => s.region)).size,
        months: map.months,
        from: map.from,
        to: map.to,
        labels: map.labels,
        replacingShipped: countShippedKeys('shares', map.shares, shipped),
      };
      for (const label of map.unusedMap)
        summary.warnings.push(`--map "${label}=…": ${escapePath(path)} has no label "${label}".`);
      break;
    }
    case 'coinmetrics': {
      const inputs = importCoinMetrics(file.text, path, { skipIncomplete: options.skipIncomplete ?? false });
      source = coinMetricsSource(inputs, { id: sourceId, evidence, file: importFile });
      const inputsFile = plan.mergeInputs(inputs.rows);
      summary.written.push(inputsFile);
      const earlier = current.sources.find((s) => s.id === sourceId);
      if (inputsFile.kept > 0 && earlier !== undefined && !coversDaysOf(inputs, earlier)) {
        throw new UsageError(
          `--source ${sourceId}: a source record "${sourceId}" already describes days of ${escapePath(join(out, NETWORK_INPUTS_FILE))} (${earlier.title}), and this import does not replace every day there (${plural(inputsFile.kept, 'day')} kept as ${inputsFile.kept === 1 ? 'it was' : 'they were'}); rewriting that record for ${escapePath(basename(path))} would leave days it described without their source. Give this import a source of its own (--source <id>).`,
        );
      }
      summary.inputs = {
        days: inputs.rows.length,
        from: inputs.from,
        to: inputs.to,
        columns: inputs.columns,
        skipped: inputs.skipped,
      };
      if (inputs.skipped.length > 0) {
        const lines = inputs.skipped.map((s) => s.line);
        summary.warnings.push(
          `Left out ${inputs.skipped.length} incomplete row${lines.length === 1 ? '' : 's'} of ${escapePath(path)} (no positive hash rate or revenue): line${lines.length === 1 ? '' : 's'} ${describeLines(lines)}.`,
        );
      }
      if (inputs.missingDays > 0) {
        summary.warnings.push(
          `${escapePath(join(out, NETWORK_INPUTS_FILE))} misses ${inputs.missingDays} days between ${inputs.from} and ${inputs.to}; the model's trailing averages run over calendar days, so a window across the gap averages only the days it holds.`,
        );
      }
      break;
    }
    default:
      throw new UsageError(`Unknown kind "${kind satisfies never}".`);
  }
  summary.written.push(plan.merge('sources', [source]));
  const result = await plan.check(defaultData);
  const others = citingOthers(result, sourceId, written);
  if (others.length > 0) {
    throw new UsageError(
      `--source ${sourceId}: ${plural(others.length, 'record')} that this import does not write ${others.length === 1 ? 'cites' : 'cite'} that source (${others.slice(0, 3).join('; ')}${others.length > 3 ? '; …' : ''}), and the import would replace its record with one describing ${escapePath(basename(path))}. Give this import a source of its own (--source <id>).`,
    );
  }
  plan.write();
  return summary;
}

/**
 * Records of the data as it will be, other than those the import writes, that cite `sourceId`: replacing that source
 * record would make their provenance false.
 */
function citingOthers(
  data: Dataset,
  sourceId: string,
  written: { key: DatasetKey; keys: Set<string> } | null,
): string[] {
  const cited: string[] = [];
  for (const key of ['shares', 'networkEnergy', 'baselines', 'carbon', 'hardware', 'events'] as const) {
    const keyOf = RECORD_KEY[key] as (record: Dataset[typeof key][number]) => string;
    const label = RECORD_LABEL[key] as (record: Dataset[typeof key][number]) => string;
    for (const record of data[key] as Dataset[typeof key][number][]) {
      if (record.source !== sourceId) continue;
      if (written?.key === key && written.keys.has(keyOf(record))) continue;
      cited.push(label(record));
    }
  }
  return cited;
}

/** How many records have the key of a record in the shipped data. */
function countShippedKeys<K extends DatasetKey>(key: K, records: Dataset[K], shipped: Dataset): number {
  const keyOf = RECORD_KEY[key] as (record: Dataset[K][number]) => string;
  const keys = new Set((shipped[key] as Dataset[K][number][]).map(keyOf));
  return (records as Dataset[K][number][]).filter((record) => keys.has(keyOf(record))).length;
}

/** "2, 3, 4, 9 and 4 more". */
function describeLines(lines: readonly number[]): string {
  const shown = lines.slice(0, 10).join(', ');
  return lines.length > 10 ? `${shown} and ${lines.length - 10} more` : shown;
}

function readInput(path: string): { text: string; modified: string } {
  // Standard input has no date of its own: the day it was read stands for it.
  if (isStandardInput(path))
    return { text: readStandardInput('the file to import'), modified: new Date().toISOString().slice(0, 10) };
  if (!pathExists(path)) throw new DataError(`Cannot import ${escapePath(path)}: there is no such file.`);
  const stats = lstatSync(path);
  if (stats.isDirectory())
    throw new DataError(`Cannot import ${escapePath(path)}: it is a directory; give the file to import.`);
  // readTextFile refuses anything else that is not a regular file (a link, a pipe, a device), naming what it is.
  return { text: readTextFile(path, 'the file to import'), modified: stats.mtime.toISOString().slice(0, 10) };
}

/** The data files already in the out directory (none when it does not exist yet), each read safely. */
function readOutDir(out: string): DataFileText[] {
  if (!pathExists(out)) return [];
  let stats;
  try {
    stats = statSync(out);
  } catch (error) {
    throw new DataError(`Cannot import into ${escapePath(out)}: ${systemReason(error)}.`);
  }
  if (!stats.isDirectory()) {
    const kind = stats.isFile() ? 'a file' : kindOf(stats);
    throw new DataError(`Cannot import into ${escapePath(out)}: it is ${kind}, not a directory.`);
  }
  checkDirectory(out, 'The directory to import into');
  return DATASET_KEYS.flatMap((key) => {
    const path = join(out, DATA_FILE_NAMES[key]);
    if (!pathExists(path)) return [];
    return [{ key, label: path, text: readTextFile(path, 'the data file') }];
  });
}

/** loadData's own headline, which the new one replaces; any other headline is kept as the first problem. */
const LOAD_HEADLINE = /^The (?:shipped data|data in .+) (?:has a problem|has \d+ problems):$/;

/** A DataError with a headline saying that nothing was written, and the original's problems. */
function rephrase(error: unknown, message: string): unknown {
  if (!(error instanceof DataError)) return error;
  const headline = error.message.split('\n')[0] as string;
  return new DataError(message, [...(LOAD_HEADLINE.test(headline) ? [] : [headline]), ...error.problems]);
}

/** JSON as the shipped files are written: two-space indent, trailing newline. */
const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The files an import will write, merged with what the out directory holds, checked before any is written. */
class WritePlan {
  private readonly files: DataFileText[];
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly out: string,
    existing: readonly DataFileText[],
  ) {
    this.files = [...existing];
  }

  /** Lays records over the out directory's file of that kind: same key replaced in place, new ones appended. */
  merge<K extends DatasetKey>(key: K, records: Dataset[K]): WrittenFile {
    const path = join(this.out, DATA_FILE_NAMES[key]);
    const index = this.files.findIndex((f) => f.key === key);
    const before = index < 0 ? [] : (JSON.parse((this.files[index] as DataFileText).text) as Dataset[K][number][]);
    const keyOf = RECORD_KEY[key] as (record: Dataset[K][number]) => string;
    const { merged, replaced } = mergeRecords(before, records as Dataset[K][number][], keyOf);
    const file: DataFileText = { key, label: path, text: jsonText(merged) };
    if (index < 0) this.files.push(file);
    else this.files[index] = file;
    this.texts.set(path, file.text);
    return { file: path, records: merged.length, imported: records.length, replaced, kept: before.length - replaced };
  }

  /** Lays daily inputs over the out directory's network-inputs.csv: same day replaced, the rest kept, by date. */
  mergeInputs(rows: readonly NetworkInputRow[]): WrittenFile {
    const path = join(this.out, NETWORK_INPUTS_FILE);
    let before: SeriesInputRow[] = [];
    try {
      if (pathExists(path)) before = parseSeriesInput(readTextFile(path, 'the daily inputs'), path);
    } catch (error) {
      throw rephrase(
        error,
        `Nothing was written: the ${NETWORK_INPUTS_FILE} already in ${escapePath(this.out)} is not valid.`,
      );
    }
    const byDate = new Map<string, SeriesInputRow>(before.map((row) => [row.date, row]));
    const replaced = rows.filter((row) => byDate.has(row.date)).length;
    for (const row of rows) byDate.set(row.date, row);
    const merged = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const withoutRevenue = merged.find((row) => row.revenueUsd === undefined);
    if (withoutRevenue) {
      throw new DataError(
        `Nothing was written: ${escapePath(path)} → ${withoutRevenue.date} → has a threshold (thresholdJPerTh) instead of revenueUsd; an import can only add to a file of ${NETWORK_INPUTS_FILE}'s own columns (date, hashrateEhs, revenueUsd).`,
      );
    }
    const text = renderNetworkInputs(merged as NetworkInputRow[]);
    parseSeriesInput(text, path); // exactly as network --input will read it
    this.texts.set(path, text);
    return { file: path, records: merged.length, imported: rows.length, replaced, kept: before.length - replaced };
  }

  /** Validates the out directory as it will be, merged over the shipped data as --data would use it; returns it. */
  async check(defaultData: boolean): Promise<Dataset> {
    try {
      return await loadDataFiles(this.out, this.files, { defaultData });
    } catch (error) {
      throw rephrase(
        error,
        `Nothing was written to ${escapePath(this.out)}: the data it would hold would not be valid.`,
      );
    }
  }

  /**
   * Replaces the files together, whole or not at all (see replaceFiles), sources.json last: a failure at any point
   * leaves the directory as it was, never a source record describing data that were not written.
   */
  write(): void {
    const sources = join(this.out, DATA_FILE_NAMES.sources);
    const order = [...this.texts.keys()].sort((a, b) => Number(a === sources) - Number(b === sources));
    replaceFiles(
      this.out,
      order.map((path) => ({ name: basename(path), text: this.texts.get(path) as string })),
    );
  }
}

/**
 * Whether an import's days take in every day an earlier Coin Metrics import's record describes: each calendar day of
 * the range its title ends with, as {@link coinMetricsSource} writes it. A record of another form is taken as
 * describing days the import may not replace.
 */
function coversDaysOf(inputs: { rows: readonly { date: string }[] }, earlier: Source): boolean {
  const range = / (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$/.exec(earlier.title);
  if (range === null) return false;
  const [from, to] = [range[1] as string, range[2] as string];
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  const covered = new Set(inputs.rows.map((row) => row.date).filter((date) => date >= from && date <= to));
  return Number.isInteger(days) && covered.size === days;
}
