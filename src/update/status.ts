import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATA_FILE_NAMES, NETWORK_INPUTS_FILE } from '../data/dataset.js';
import { shippedDataDir } from '../data/load.js';
import { pathExists, readTextFile } from '../data/read-file.js';
import { parseSeriesInput } from '../data/series-input.js';
import { readUpdates, type YearlyFigures } from './updates-file.js';

/** One source held in a data directory: where from, when, and the days its file covers. */
export interface HeldSource {
  source: string;
  id: string;
  url: string;
  retrievedAt: string;
  /** Whole days since the download. */
  ageDays: number;
  licence: string;
  sha256: string;
  files: string[];
  /** The days the file holds now (read from it), or null when it is gone or the source is yearly. */
  days: { from: string; to: string; count: number } | null;
  /** A yearly source's baseline and intensities (ember, owid), or null (a daily source, or its files are gone). */
  yearly: YearlyFigures | null;
}

/** What `data status` reports, for people and for scripts (`--json`). */
export interface DataStatus {
  dir: string;
  exists: boolean;
  /** Whether commands merge it over the shipped data (false with --no-user-data or MINING_ENERGY_NO_USER_DATA). */
  used: boolean;
  /** The data files it holds (JSON datasets and network-inputs.csv). */
  files: string[];
  sources: HeldSource[];
  /** The daily inputs the package ships, which a directory's own network-inputs.csv replaces. */
  shipped: { dailyInputs: { from: string; to: string; count: number } | null };
}

const DAY_MS = 86_400_000;

/**
 * What a data directory holds: its data files, and for each source `data update` downloaded, from where, how long
 * ago and the days covered.
 */
export function dataStatus(dirOption: string, used: boolean, now: Date = new Date()): DataStatus {
  const dir = resolve(dirOption);
  const shipped = { dailyInputs: daysIn(join(shippedDataDir(), NETWORK_INPUTS_FILE)) };
  if (!pathExists(dir)) return { dir, exists: false, used, files: [], sources: [], shipped };
  const known = new Set([...Object.values(DATA_FILE_NAMES), NETWORK_INPUTS_FILE]);
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((name) => known.has(name))
      .sort();
  } catch {
    files = [];
  }
  const sources = Object.entries(readUpdates(dir)).map(([source, record]): HeldSource => {
    let days: HeldSource['days'] = null;
    const path = join(dir, NETWORK_INPUTS_FILE);
    const present = record.files.every((name) => pathExists(join(dir, name)));
    const yearly = present && record.yearly !== undefined ? record.yearly : null;
    if (record.yearly !== undefined) days = null;
    else if (present && !record.files.includes(NETWORK_INPUTS_FILE)) {
      days = { from: record.held.from, to: record.held.to, count: record.held.days };
    } else if (present) {
      days = daysIn(path);
    }
    return {
      source,
      id: record.source,
      url: record.url,
      retrievedAt: record.retrievedAt,
      ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(record.retrievedAt)) / DAY_MS)),
      licence: record.licence,
      sha256: record.sha256,
      files: record.files,
      days,
      yearly,
    };
  });
  return { dir, exists: true, used, files, sources, shipped };
}

/** The first and last day of a file of daily inputs, and how many it holds; null when it cannot be read. */
function daysIn(path: string): { from: string; to: string; count: number } | null {
  try {
    const rows = parseSeriesInput(readTextFile(path, 'the daily inputs'), path);
    const first = rows[0];
    const last = rows.at(-1);
    return first && last ? { from: first.date, to: last.date, count: rows.length } : null;
  } catch {
    return null;
  }
}
