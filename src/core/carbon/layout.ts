import type { CarbonBasis, CarbonIntensity } from '../../data/schemas.js';
import { type DataIndex, regionChain } from '../regions/lookup.js';
import { ownShareOf, type ShareTree, treeArrays } from '../shares/share-tree.js';
import { chooseIntensity } from './intensity.js';

/** An intensity record as a carbon layout holds it. */
export interface LayoutRecord {
  key: string;
  region: string;
  gco2PerKwh: number;
  basis: CarbonBasis;
  record: CarbonIntensity;
}

/** Where each slot's hashrate of its own is counted for carbon, for one year and basis. */
export interface CarbonLayout {
  records: LayoutRecord[];
  /** Each slot's index into `records` (its own intensity or its nearest ancestor's), or -1 when none is known. */
  recordOf: Int32Array;
}

/**
 * Where each slot's own hashrate is counted for carbon: an index into a list of intensity records (its own, or its
 * nearest ancestor's, for the year, as {@link chooseIntensity} picks), or -1 when none is known.
 */
export function carbonLayout(index: DataIndex, tree: ShareTree, year: number, basis: CarbonBasis): CarbonLayout {
  const records: LayoutRecord[] = [];
  const byKey = new Map<string, number>();
  const recordOf = Int32Array.from(tree.ids, (id) => {
    const record = chooseIntensity(index, regionChain(index, id), year, basis);
    if (!record) return -1;
    const key = `${record.region} ${record.year} ${record.basis}`;
    let at = byKey.get(key);
    if (at === undefined) {
      at = records.push({ key, region: record.region, gco2PerKwh: record.gco2PerKwh, basis: record.basis, record }) - 1;
      byKey.set(key, at);
    }
    return at;
  });
  return { records, recordOf };
}

/** One part of a region's hashrate for carbon: a region's own hashrate and the record it is counted at. */
export interface IntensityPart {
  region: string;
  /** Share of the whole region's hashrate, 0–100. */
  sharePct: number;
  record: CarbonIntensity;
}

/**
 * The carbon intensity of a region's hashrate, g CO2/kWh: the mean of the intensities its own hashrate and each
 * recorded sub-region's are counted at ({@link carbonLayout}), weighted by their world shares. Hashrate with no
 * intensity anywhere above it is left out of the mean. The one carbon model: `estimate`, `scenario` and their
 * Monte Carlos all price a region's energy at this intensity.
 * @returns the intensity and its parts, or undefined when the region has no share or no intensity is known.
 */
export function regionIntensity(
  tree: ShareTree,
  layout: CarbonLayout,
  values: Float64Array,
  slot: number,
): { gco2PerKwh: number; parts: IntensityPart[] } | undefined {
  const counted: { slot: number; pct: number }[] = [];
  const { children } = treeArrays(tree);
  for (const s of tree.subtrees[slot] ?? []) {
    if ((layout.recordOf[s] as number) < 0) continue;
    const pct = ownShareOf(children, values, s);
    if (pct > 0) counted.push({ slot: s, pct });
  }
  const total = counted.reduce((sum, c) => sum + c.pct, 0);
  if (!(total > 0)) return undefined;
  let weighted = 0;
  const parts = counted.map(({ slot: s, pct }) => {
    const record = layout.records[layout.recordOf[s] as number] as LayoutRecord;
    weighted += pct * record.gco2PerKwh;
    return { region: tree.ids[s] as string, sharePct: (pct / total) * 100, record: record.record };
  });
  return { gco2PerKwh: weighted / total, parts };
}
