import { checkDataset } from '../../data/checked-dataset.js';
import type { Dataset } from '../../data/dataset.js';
import type { Baseline, CarbonIntensity, HashrateShare, NetworkSeries, Region, Source } from '../../data/schemas.js';

/** A dataset with the lookups the estimator needs, built once per dataset. */
export interface DataIndex {
  data: Dataset;
  regions: Map<string, Region>;
  /** Each region's direct sub-regions, keyed by the parent's id, in data order. */
  children: Map<string, Region[]>;
  sources: Map<string, Source>;
  /** Each region's shares of the default dataset (records without a `dataset`). */
  sharesByRegion: Map<string, HashrateShare[]>;
  /** The records of each named share dataset (a survey, say), grouped by region: used only when asked for. */
  shareDatasets: Map<string, Map<string, HashrateShare[]>>;
  /**
   * Months in which a parent's children add up to the whole (100%, a remainder included), keyed by
   * `${dataset ?? ''} ${parent}`: a region not named in such a month is inside the remainder then.
   */
  completeMonths: Map<string, Set<string>>;
  carbonByRegion: Map<string, CarbonIntensity[]>;
  series: Map<string, NetworkSeries>;
  baselines: Map<string, Baseline>;
}

const indexes = new WeakMap<Dataset, DataIndex>();

function groupBy<T>(records: readonly T[], key: (record: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(key(record));
    if (group) group.push(record);
    else groups.set(key(record), [record]);
  }
  return groups;
}

/** Children's shares of a whole month add up to 100 within this many points (the published figures' rounding). */
export const COMPLETE_TOLERANCE_PCT = 0.1;

function completeMonths(data: Dataset): Map<string, Set<string>> {
  const parents = new Map(data.regions.map((r) => [r.id, r.parent]));
  const sums = new Map<string, number>();
  for (const share of data.shares) {
    const parent = parents.get(share.region);
    if (parent == null) continue;
    const key = `${share.dataset ?? ''} ${parent}\u0000${share.month}`;
    sums.set(key, (sums.get(key) ?? 0) + share.sharePct);
  }
  const complete = new Map<string, Set<string>>();
  for (const [key, sum] of sums) {
    if (sum < 100 - COMPLETE_TOLERANCE_PCT) continue;
    const [group = '', month = ''] = key.split('\u0000');
    const months = complete.get(group) ?? new Set<string>();
    months.add(month);
    complete.set(group, months);
  }
  return complete;
}

/**
 * The dataset's lookup tables, made once per dataset. A dataset that loadData did not return is checked first, as
 * loadData checks its files (once per dataset object).
 * @throws DataError naming each problem of a dataset built by hand.
 */
export function indexData(data: Dataset): DataIndex {
  let index = indexes.get(data);
  if (!index) {
    checkDataset(data);
    index = {
      data,
      regions: new Map(data.regions.map((r) => [r.id, r])),
      children: groupBy(
        data.regions.filter((r) => r.parent !== null),
        (r) => r.parent as string,
      ),
      sources: new Map(data.sources.map((s) => [s.id, s])),
      sharesByRegion: groupBy(
        data.shares.filter((s) => s.dataset === undefined),
        (s) => s.region,
      ),
      shareDatasets: new Map(
        [
          ...groupBy(
            data.shares.filter((s) => s.dataset !== undefined),
            (s) => s.dataset as string,
          ),
        ].map(([dataset, records]) => [dataset, groupBy(records, (s) => s.region)]),
      ),
      carbonByRegion: groupBy(data.carbon, (c) => c.region),
      completeMonths: completeMonths(data),
      series: new Map(data.networkEnergy.map((s) => [s.id, s])),
      baselines: new Map(data.baselines.map((b) => [b.id, b])),
    };
    indexes.set(data, index);
  }
  return index;
}

/** The region and its ancestors, ending with the world: [sichuan, china, world]. */
export function regionChain(index: DataIndex, regionId: string): Region[] {
  const chain: Region[] = [];
  for (
    let region = index.regions.get(regionId);
    region;
    region = region.parent === null ? undefined : index.regions.get(region.parent)
  ) {
    chain.push(region);
  }
  return chain;
}

export function sourceOf(index: DataIndex, id: string): { id: string; title: string; url: string | null } {
  const source = index.sources.get(id);
  return { id, title: source?.title ?? id, url: source?.url ?? null };
}
