import type {
  Baseline,
  CarbonIntensity,
  Event,
  Hardware,
  HashrateShare,
  NetworkSeries,
  Region,
  Source,
} from './schemas.js';
import type { SeriesInputRow } from './series-input.js';

/** Every record the tool knows, as validated and merged. */
export interface Dataset {
  sources: Source[];
  regions: Region[];
  shares: HashrateShare[];
  networkEnergy: NetworkSeries[];
  baselines: Baseline[];
  carbon: CarbonIntensity[];
  /** Mining hardware for the bottom-up model. */
  hardware: Hardware[];
  /** Dated events that make earlier shares unreliable (structural breaks). */
  events: Event[];
  /** The bottom-up model's daily inputs ({@link NETWORK_INPUTS_FILE}), read only when used; none when there are none. */
  dailyInputs?: DailyInputSource;
}

/** The parts of a dataset that are records from a data file. */
export type DatasetKey = Exclude<keyof Dataset, 'dailyInputs'>;

/** Daily inputs of the bottom-up model that are read only when asked for (see DailyInputs in daily-inputs.ts). */
export interface DailyInputSource {
  /** The file they are read from. */
  readonly path: string;
  /** Its days, checked as `network --input` checks them. */
  rows(): SeriesInputRow[];
  /** Its first and last dates, read cheaply (the file's two ends), or undefined when they cannot be read so. */
  span(): { from: string; to: string } | undefined;
  /** What the build computed from these very inputs on the same `basis` (everything else it rests on), if it did. */
  precomputed(basis: unknown): unknown;
  /** Keeps a value computed from these inputs on `basis` for later runs, where that is allowed. */
  keep(basis: unknown, value: unknown): void;
  /** What the build keeps of a value computed from these inputs on `basis`: its record, and the inputs' text. */
  precomputedRecord(basis: unknown, value: unknown): { record: unknown; inputs: string };
}

/** The file each part of a dataset lives in, in the order they are read and reported. */
export const DATA_FILE_NAMES: Record<DatasetKey, string> = {
  sources: 'sources.json',
  regions: 'regions.json',
  shares: 'hashrate-shares.json',
  networkEnergy: 'network-energy.json',
  baselines: 'electricity-baselines.json',
  carbon: 'carbon-intensity.json',
  hardware: 'hardware.json',
  events: 'events.json',
};

/**
 * The file of a data directory that holds the bottom-up model's daily inputs (`date,hashrateEhs,revenueUsd`), read
 * by `network --input` when it is given no file; not one of the JSON datasets.
 */
export const NETWORK_INPUTS_FILE = 'network-inputs.csv';

/** Files a complete data directory may leave out (an empty list is used). */
export const OPTIONAL_KEYS: readonly DatasetKey[] = ['hardware', 'events'];

export const DATASET_KEYS = Object.keys(DATA_FILE_NAMES) as DatasetKey[];

/** The key under which a record replaces another when a user's directory is merged over the shipped data. */
export const RECORD_KEY: { [K in DatasetKey]: (record: Dataset[K][number]) => string } = {
  sources: (r) => r.id,
  regions: (r) => r.id,
  shares: (r) => `${r.dataset ?? ''} ${r.region} ${r.month}`,
  networkEnergy: (r) => r.id,
  baselines: (r) => r.id,
  carbon: (r) => `${r.region} ${r.year} ${r.basis}`,
  hardware: (r) => r.model,
  events: (r) => r.id,
};

/** A short label for a record in error messages. */
export const RECORD_LABEL: { [K in DatasetKey]: (record: Dataset[K][number]) => string } = {
  sources: (r) => `source "${r.id}"`,
  regions: (r) => `region "${r.id}"`,
  shares: (r) => `share of "${r.region}" in ${r.month}${r.dataset ? ` (dataset ${r.dataset})` : ''}`,
  networkEnergy: (r) => `series "${r.id}"`,
  baselines: (r) => `baseline "${r.id}"`,
  carbon: (r) => `intensity of "${r.region}" in ${r.year} (${r.basis})`,
  hardware: (r) => `hardware "${r.model}"`,
  events: (r) => `event "${r.id}"`,
};

/**
 * Lays records over others: a record with the same key replaces the earlier one in its place; new ones are
 * appended. `replaced` counts the records that took an earlier one's place.
 */
export function mergeRecords<T>(
  base: readonly T[],
  overlay: readonly T[],
  key: (record: T) => string,
): { merged: T[]; replaced: number } {
  const merged = [...base];
  const position = new Map(merged.map((record, index) => [key(record), index]));
  let replaced = 0;
  for (const record of overlay) {
    const index = position.get(key(record));
    if (index === undefined) {
      position.set(key(record), merged.length);
      merged.push(record);
    } else {
      merged[index] = record;
      replaced++;
    }
  }
  return { merged, replaced };
}

/** Lays `overlay` over `base`: a record with the same key replaces the base one in its place; new ones are appended. */
export function mergeDatasets(base: Dataset, overlay: Partial<Dataset>): Dataset {
  const merge = <K extends DatasetKey>(key: K): Dataset[K] =>
    mergeRecords<Dataset[K][number]>(
      base[key],
      overlay[key] ?? [],
      RECORD_KEY[key] as (r: Dataset[K][number]) => string,
    ).merged as Dataset[K];
  return {
    sources: merge('sources'),
    regions: merge('regions'),
    shares: merge('shares'),
    networkEnergy: merge('networkEnergy'),
    baselines: merge('baselines'),
    carbon: merge('carbon'),
    hardware: merge('hardware'),
    events: merge('events'),
  };
}

export const EMPTY_DATASET: Dataset = {
  sources: [],
  regions: [],
  shares: [],
  networkEnergy: [],
  baselines: [],
  carbon: [],
  hardware: [],
  events: [],
};

/**
 * Pairs of records in one file that share a key (each given by its position in the file, from 1).
 * Within one file a repeated key is an error, not an override: only a separate directory may replace a record.
 */
export function duplicateKeys<K extends DatasetKey>(key: K, records: Dataset[K]): { first: number; second: number }[] {
  const seen = new Map<string, number>();
  const pairs: { first: number; second: number }[] = [];
  (records as Dataset[K][number][]).forEach((record, index) => {
    const recordKey = RECORD_KEY[key](record as never);
    const first = seen.get(recordKey);
    if (first === undefined) seen.set(recordKey, index + 1);
    else pairs.push({ first, second: index + 1 });
  });
  return pairs;
}
