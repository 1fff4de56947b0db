import { appendAll } from '../../data/problems.js';
import type { CarbonBasis, CarbonIntensity, Region } from '../../data/schemas.js';
import { chooseIntensity } from '../carbon/intensity.js';
import { fillShares, ownShareOf, treeArrays } from '../scenario/scenario-kernel.js';
import { type DataIndex, regionChain } from '../regions/lookup.js';
import type { Period } from '../common/period.js';
import { type Partition, partitionLink, partitionOf } from './shares.js';

/** One link of the share tree: a region's share of its parent in a period, and the precision its records state. */
export interface ShareLink {
  id: string;
  parent: string;
  /** Share of the parent's hashrate, 0–100 (year mean or nearest month). */
  pct: number;
  /** ± percentage points stated by the records, or null when they state none. */
  precisionPct: number | null;
  approximate: boolean;
  /** Ids of the events between the records used and the period's end (structural breaks). */
  breaks: string[];
  /** 0 when the months used are inside the period; else the signed distance of the nearest one. */
  distanceMonths: number;
  /** Whether the share rests on secondhand figures. */
  secondhand: boolean;
}

/**
 * The share links of every region whose chain has share data, for a period, parents before children: each
 * parent's children as one division of it ({@link partitionOf}), so that the regions' world shares add up. With
 * `regionId`, only the links that region's world share and carbon rest on: those of its chain and of every region
 * below it, in the same order (one estimate need not walk the whole tree), and no warnings (a division's are as
 * long as it is).
 */
export function shareLinks(
  index: DataIndex,
  period: Period,
  regionId?: string,
): { links: ShareLink[]; warnings: string[] } {
  const links: ShareLink[] = [];
  const warnings: string[] = [];
  // Above the region asked for, each division's one child on the way down to it.
  const chain = regionId === undefined ? [] : regionChain(index, regionId);
  const chainChildOf = new Map(chain.slice(1).map((region, i) => [region.id, (chain[i] as Region).id]));
  // Depth first, each child's links right after its own link: an explicit stack of the divisions being walked
  // (a deep chain costs no call stack). `inside`: the division is of the region asked for or one below it.
  const stack: { parent: Region; partition: Partition; next: number; inside: boolean }[] = [];
  const enter = (parent: Region, inside: boolean) => {
    const partition = partitionOf(index, parent, period);
    if (regionId === undefined) {
      appendAll(warnings, partition.linkWarnings);
      appendAll(warnings, partition.warnings);
    }
    stack.push({ parent, partition, next: 0, inside });
  };
  const world = index.data.regions.find((r) => r.parent === null);
  if (world) enter(world, regionId === undefined || world.id === regionId);
  while (stack.length > 0) {
    const frame = stack.at(-1) as (typeof stack)[number];
    const entry = frame.inside
      ? frame.partition.links[frame.next++]
      : frame.next++ === 0
        ? partitionLink(frame.partition, chainChildOf.get(frame.parent.id) ?? '')
        : undefined;
    if (entry === undefined) {
      stack.pop();
      continue;
    }
    const { child, pct } = entry;
    if (regionId === undefined && entry.adjustment) warnings.push(entry.adjustment);
    links.push({
      id: child.id,
      parent: frame.parent.id,
      pct,
      precisionPct: entry.precisionPct,
      approximate: entry.approximate,
      breaks: [...entry.breakIds],
      distanceMonths: entry.distanceMonths,
      secondhand: entry.secondhand,
    });
    enter(child, frame.inside || child.id === regionId);
  }
  return { links, warnings };
}

/**
 * The regions that have shares, as slots of a typed array: the world first, then parents before children. A
 * scenario's arithmetic runs on these arrays (a Monte Carlo runs it once a sample).
 */
export interface ShareTree {
  ids: string[];
  slots: Map<string, number>;
  /** Each slot's sub-region slots. */
  children: number[][];
  /** Each slot and every slot below it. */
  subtrees: number[][];
  /** Each slot's ancestors, nearest first, ending with the world. */
  ancestors: number[][];
}

export function shareTree(worldId: string, regions: readonly { id: string; parent: string }[]): ShareTree {
  const ids = [worldId, ...regions.map((r) => r.id)];
  const slots = new Map(ids.map((id, slot) => [id, slot]));
  const parents = [-1, ...regions.map((r) => slots.get(r.parent) ?? 0)];
  const children: number[][] = ids.map(() => []);
  parents.forEach((parent, slot) => {
    if (parent >= 0) children[parent]?.push(slot);
  });
  // Each slot's ancestors, and each slot added to its own subtree and its ancestors': time in proportion to the
  // sum of the depths (at most MAX_REGION_DEPTH a region), not to the square of the number of regions.
  const ancestors = parents.map((_, slot) => {
    const chain: number[] = [];
    for (let up = parents[slot] as number; up >= 0; up = parents[up] as number) chain.push(up);
    return chain;
  });
  const subtrees: number[][] = ids.map(() => []);
  ancestors.forEach((chain, slot) => {
    subtrees[slot]?.push(slot);
    for (const up of chain) subtrees[up]?.push(slot);
  });
  return { ids, slots, children, subtrees, ancestors };
}

/** The world shares the links give, as slots of the tree built from them. */
export function linkShares(tree: ShareTree, links: readonly ShareLink[]): Float64Array {
  const values = new Float64Array(tree.ids.length);
  fillShares(
    treeArrays(tree),
    Float64Array.from(links, (l) => l.pct),
    values,
  );
  return values;
}

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
