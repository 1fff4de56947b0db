import type { Dataset } from '../data/dataset.js';
import type { Region } from '../data/schemas.js';
import { indexData, regionChain } from './lookup.js';
import { monthIndex } from './period.js';

export interface ShareMonth {
  month: string;
  /** Share of the parent's hashrate, 0–100. */
  pct: number;
  /** Share of the world's hashrate, when every link above has a figure for the same month; else null. */
  worldPct: number | null;
  source: string;
  approximate: boolean;
  note: string | null;
}

export interface ShareSeries {
  region: { id: string; name: string; parent: string | null };
  of: string | null;
  months: ShareMonth[];
  sources: string[];
}

/** A region's recorded monthly shares of its parent, and of the world where the chain allows, oldest first. */
export function shareSeries(data: Dataset, regionId: string, from?: string, to?: string): ShareSeries {
  const index = indexData(data);
  const chain = regionChain(index, regionId);
  const region = chain[0] as Region;
  const shareIn = (id: string, month: string) => index.sharesByRegion.get(id)?.find((s) => s.month === month)?.sharePct;
  const records = [...(index.sharesByRegion.get(regionId) ?? [])]
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
      approximate: record.approximate === true,
      note: record.note ?? null,
    };
  });
  return {
    region: { id: region.id, name: region.name, parent: region.parent },
    of: region.parent,
    months,
    sources: [...new Set(months.map((m) => m.source))].sort(),
  };
}
