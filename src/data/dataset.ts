import type { Baseline, CarbonIntensity, Hardware, HashrateShare, NetworkSeries, Region, Source } from './schemas.js';

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
}

export type DatasetKey = keyof Dataset;

/** The file each part of a dataset lives in, in the order they are read and reported. */
export const DATA_FILE_NAMES: Record<DatasetKey, string> = {
  sources: 'sources.json',
  regions: 'regions.json',
  shares: 'hashrate-shares.json',
  networkEnergy: 'network-energy.json',
  baselines: 'electricity-baselines.json',
  carbon: 'carbon-intensity.json',
  hardware: 'hardware.json',
};

/** Files a complete data directory may leave out (an empty list is used). */
export const OPTIONAL_KEYS: readonly DatasetKey[] = ['hardware'];

export const DATASET_KEYS = Object.keys(DATA_FILE_NAMES) as DatasetKey[];

/** The key under which a record replaces another when a user's directory is merged over the shipped data. */
export const RECORD_KEY: { [K in DatasetKey]: (record: Dataset[K][number]) => string } = {
  sources: (r) => r.id,
  regions: (r) => r.id,
  shares: (r) => `${r.region} ${r.month}`,
  networkEnergy: (r) => r.id,
  baselines: (r) => r.id,
  carbon: (r) => `${r.region} ${r.year}`,
  hardware: (r) => r.model,
};

/** A short label for a record in error messages. */
export const RECORD_LABEL: { [K in DatasetKey]: (record: Dataset[K][number]) => string } = {
  sources: (r) => `source "${r.id}"`,
  regions: (r) => `region "${r.id}"`,
  shares: (r) => `share of "${r.region}" in ${r.month}`,
  networkEnergy: (r) => `series "${r.id}"`,
  baselines: (r) => `baseline "${r.id}"`,
  carbon: (r) => `intensity of "${r.region}" in ${r.year}`,
  hardware: (r) => `hardware "${r.model}"`,
};

function mergeRecords<T>(base: readonly T[], overlay: readonly T[], key: (record: T) => string): T[] {
  const merged = [...base];
  const position = new Map(merged.map((record, index) => [key(record), index]));
  for (const record of overlay) {
    const index = position.get(key(record));
    if (index === undefined) {
      position.set(key(record), merged.length);
      merged.push(record);
    } else {
      merged[index] = record;
    }
  }
  return merged;
}

/** Lays `overlay` over `base`: a record with the same key replaces the base one in its place; new ones are appended. */
export function mergeDatasets(base: Dataset, overlay: Partial<Dataset>): Dataset {
  const merge = <K extends DatasetKey>(key: K): Dataset[K] =>
    mergeRecords<Dataset[K][number]>(
      base[key],
      overlay[key] ?? [],
      RECORD_KEY[key] as (r: Dataset[K][number]) => string,
    ) as Dataset[K];
  return {
    sources: merge('sources'),
    regions: merge('regions'),
    shares: merge('shares'),
    networkEnergy: merge('networkEnergy'),
    baselines: merge('baselines'),
    carbon: merge('carbon'),
    hardware: merge('hardware'),
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
};
