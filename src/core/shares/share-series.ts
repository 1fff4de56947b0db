import type { Dataset } from '../../data/dataset.js';
import type { Evidence, Region } from '../../data/schemas.js';
import { indexData, regionChain } from '../regions/lookup.js';
import { monthIndex } from '../common/period.js';
import { assertShareDataset, shareRecords } from './shares.js';
import { UsageError } from '../../errors.js';
import { about, checkMonth } from '../common/validation.js';

export interface ShareMonth {
  month: string;
  /** Share of the parent's hashrate, 0–100. */
  pct: number;
  /** Share of the world's hashrate, when every link above has a figure for the same month; else null. */
  worldPct: number | null;
  source: string;
  evidence: Evidence;
  approximate: boolean;
  note: string | null;
}

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
  if (from !== undefined) about('--from', () => checkMonth(from));
  if (to !== undefined) about('--to', () => checkMonth(to));
  if (dataset !== undefined) assertShareDataset(index, dataset);
  const chain = regionChain(index, regionId);
  const region = chain[0] as Region;
  const shareIn = (id: string, month: string) =>
    shareRecords(index, id, dataset).records.find((s) => s.month === month)?.sharePct;
  const own =
    dataset === undefined
      ? (index.sharesByRegion.get(regionId) ?? [])
      : (index.shareDatasets.get(dataset)?.get(regionId) ?? []);
  const records = [...own]
    .filter((r) => (from === undefined || r.month >= from) && (to === undefined || r.month <= to))
    .sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
  const months = records.map((record) => {
    let worldPct: number | null = record.sharePct;
    for (const ancestor of chain.slice(1, -1)) {
      const pct = shareIn(ancestor.id, record.month);
      worldPct = pct === undefined || worldPct === null ? null : (worldPct * pct) / 100;
    }
    return {
      month: record.month,
      pct: record.sharePct,
      worldPct,
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
