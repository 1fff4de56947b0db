import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The file of a data directory in which `data update` records each source's last download, for `data status`;
 * not a data file (the source records in sources.json say the same for people).
 */
export const UPDATES_FILE = 'updates.json';

/** One source's last download. */
export interface UpdateRecord {
  /** The id of its record in sources.json. */
  source: string;
  /** The first request. */
  url: string;
  /** When the download started (ISO 8601, UTC). */
  retrievedAt: string;
  /** SHA-256 of the responses' bytes as received, in order. */
  sha256: string;
  bytes: number;
  requests: number;
  /** The files of the directory it wrote. */
  files: string[];
  /** The days the download brought (a yearly source: its first and last years, and 0 days). */
  fetched: { from: string; to: string; days: number };
  /** The days the directory's file holds after it (a yearly source: as `fetched`). */
  held: { from: string; to: string; days: number };
  licence: string;
  /** A yearly source's figures (Ember, Our World in Data): what the directory holds from it. */
  yearly?: YearlyFigures;
}

/** What a yearly source's update wrote: a baseline of each country's latest demand, and intensities. */
export interface YearlyFigures {
  /** The id of the baseline in electricity-baselines.json. */
  baseline: string;
  /** Its countries, and its year (the latest; earlier ones for the countries whose figures end before it). */
  countries: number;
  latestYear: number;
  /** The intensities written into carbon-intensity.json (life-cycle), and their first and last years. */
  intensities: number;
  intensityYears: { from: number; to: number } | null;
  /** The source's intensities not written because another source's record of the same key wins. */
  intensitiesKept: number;
}

/** The records of a directory's updates.json, by source name; empty when there is none or it cannot be read. */
export function readUpdates(dir: string): Record<string, UpdateRecord> {
  try {
    const value = JSON.parse(readFileSync(join(dir, UPDATES_FILE), 'utf8')) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, UpdateRecord>)
      : {};
  } catch {
    return {};
  }
}
