import type { Dataset } from '../data/dataset.js';
import type { Baseline, CarbonIntensity, HashrateShare, NetworkSeries, Region, Source } from '../data/schemas.js';
import { UsageError } from '../errors.js';
import { normaliseName, quoteList, suggest } from './text.js';

/** A dataset with the lookups the estimator needs, built once per dataset. */
export interface DataIndex {
  data: Dataset;
  regions: Map<string, Region>;
  /** Each region's direct sub-regions, keyed by the parent's id, in data order. */
  children: Map<string, Region[]>;
  sources: Map<string, Source>;
  sharesByRegion: Map<string, HashrateShare[]>;
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

export function indexData(data: Dataset): DataIndex {
  let index = indexes.get(data);
  if (!index) {
    index = {
      data,
      regions: new Map(data.regions.map((r) => [r.id, r])),
      children: groupBy(
        data.regions.filter((r) => r.parent !== null),
        (r) => r.parent as string,
      ),
      sources: new Map(data.sources.map((s) => [s.id, s])),
      sharesByRegion: groupBy(data.shares, (s) => s.region),
      carbonByRegion: groupBy(data.carbon, (c) => c.region),
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

/**
 * Finds the region a user means by an id, name, alias or ISO code (case, spaces and hyphens ignored).
 * @throws UsageError for no match ("did you mean …") or several (listing them).
 */
export function resolveRegion(index: DataIndex, query: string): Region {
  const wanted = normaliseName(query);
  const names = (r: Region) => [r.id, r.name, ...(r.aliases ?? []), ...(r.iso ? [r.iso] : [])];
  const exactId = index.regions.get(query.trim()); // an id typed exactly is never ambiguous
  if (exactId) return exactId;
  const matches = index.data.regions.filter((r) => names(r).some((name) => normaliseName(name) === wanted));
  if (matches.length === 1) return matches[0] as Region;
  if (matches.length > 1) {
    const describe = (r: Region) =>
      `"${r.id}" (${r.kind}${r.parent ? ` in ${index.regions.get(r.parent)?.name ?? r.parent}` : ''})`;
    throw new UsageError(
      `Region "${query}" is ambiguous: it could be ${matches.map(describe).join(' or ')}. Use the id.`,
    );
  }
  const candidates = index.data.regions.flatMap(names);
  const close = suggest(query, candidates).map(
    (name) => index.data.regions.find((r) => names(r).includes(name))?.id ?? name,
  );
  const hint = close.length > 0 ? ` Did you mean ${quoteList([...new Set(close)])}?` : '';
  throw new UsageError(`Unknown region "${query}".${hint} \`mining-energy regions\` lists them all.`);
}

export function sourceOf(index: DataIndex, id: string): { id: string; title: string; url: string | null } {
  const source = index.sources.get(id);
  return { id, title: source?.title ?? id, url: source?.url ?? null };
}
