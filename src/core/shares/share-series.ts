import type { Dataset } from '../../data/dataset.js';
import type { Evidence, Region } from '../../data/schemas.js';
import { indexData, regionChain } from '../regions/lookup.js';
import { monthIndex, monthPeriod } from '../common/period.js';
import { assertShareDataset, chooseLink } from './shares.js';
import type { Obtained } from './share-model.js';
import { UsageError } from '../../errors.js';
import { about, checkMonth } from '../common/validation.js';

export interface ShareMonth {
  month: string;
  /** Share of the parent's hashrate, 0–100. */
  pct: number;
  /**
   * Share of the world's hashrate: the month's share times each link above at the same month, as the share model
   * gives it (recorded, interpolated or carried); null when a link above has no share then.
   */
  worldPct: number | null;
  /** How the links above were obtained for the month: the least direct of them; null without a world share. */
  worldObtained: Obtained | null;
  source: string;
  evidence: Evidence;
  approximate: boolean;
  note: string | null;
}

/** From the most direct to the least. */
const OBTAINED_ORDER: readonly Obtained[] = ['recorded', 'interpolated', 'carried'];

export interface ShareSeries {
  region: { id: string; name: string; parent: string | null };
  of: string | null;
  /** The share dataset shown, or null for the default records. */
  dataset: string | null;
  months: ShareMonth[];
  sources: string[];
}

/**
 * A region's recorded monthly shares of its parent, and of the world where the chain allows, oldest first.
 * @param dataset a share dataset (its records only; the world share from its records where it has them)
 */
export function shareSeries(
  data: Dataset,
  regionId: string,
  from?: string,
  to?: string,
  dataset?: string,
): ShareSeries {
  const index = indexData(data);
  if (typeof regionId !== 'string' || !index.regions.has(regionId)) {
    throw new UsageError(`Unknown region ${JSON.stringify(regionId) ?? String(regionId)}: give a region id.`);
  }
  if (from !== undefined) about('from', () => checkMonth(from));
  if (to !== undefined) about('to', () => checkMonth(to));
  if (dataset !== undefined) assertShareDataset(index, dataset);
  const chain = regionChain(index, regionId);
  const region = chain[0] as Region;
  const shareIn = (ancestor: Region, month: string) => {
    const parent = index.regions.get(ancestor.parent ?? '');
    const found = parent ? chooseLink(index, ancestor, parent, monthPeriod(month), dataset) : undefined;
    return found?.ok ? found.link.choice : undefined;
  };
  const own =
    dataset === undefined
      ? (index.sharesByRegion.get(regionId) ?? [])
      : (index.shareDatasets.get(dataset)?.get(regionId) ?? []);
  const records = [...own]
    .filter((r) => (from === undefined || r.month >= from) && (to === undefined || r.month <= to))
    .sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
  const months = records.map((record) => {
    let worldPct: number | null = record.sharePct;
    let worldObtained: Obtained | null = 'recorded';
    for (const ancestor of chain.slice(1, -1)) {
      const choice = shareIn(ancestor, record.month);
      worldPct = choice === undefined || worldPct === null ? null : (worldPct * choice.pct) / 100;
      if (choice && OBTAINED_ORDER.indexOf(choice.obtained) > OBTAINED_ORDER.indexOf(worldObtained ?? 'recorded'))
        worldObtained = choice.obtained;
    }
    return {
      month: record.month,
      pct: record.sharePct,
      worldPct,
      worldObtained: worldPct === null ? null : worldObtained,
      source: record.source,
      evidence: record.evidence,
      approximate: record.approximate === true,
      note: record.note ?? null,
    };
  });
  return {
    region: { id: region.id, name: region.name, parent: region.parent },
    of: region.parent,
    dataset: dataset ?? null,
    months,
    sources: [...new Set(months.map((m) => m.source))].sort(),
  };
}
