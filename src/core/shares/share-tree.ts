import { appendAll } from '../../data/problems.js';
import type { Region } from '../../data/schemas.js';
import { type DataIndex, regionChain } from '../regions/lookup.js';
import type { Period } from '../common/period.js';
import { type Warning, warn } from '../common/warnings.js';
import { type Partition, partitionLink, partitionOf } from './shares.js';
import type { Obtained } from './share-model.js';

/** One link of the share tree: a region's share of its parent in a period, and the precision its records state. */
export interface ShareLink {
  id: string;
  parent: string;
  /** Share of the parent's hashrate, 0–100, by the share model (recorded, interpolated or carried). */
  pct: number;
  /** ± percentage points stated by the records, or null when they state none. */
  precisionPct: number | null;
  approximate: boolean;
  /** Ids of the events between the records used and the period's end (structural breaks). */
  breaks: string[];
  /** 0 when recorded in the period; else the signed distance in months of the nearest record it rests on. */
  distanceMonths: number;
  /** How the share model obtained the share: recorded in the period, interpolated, or carried. */
  obtained: Obtained;
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
): { links: ShareLink[]; warnings: Warning[] } {
  const links: ShareLink[] = [];
  const warnings: Warning[] = [];
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
    if (regionId === undefined && entry.adjustment) warnings.push(warn('share-adjusted', entry.adjustment));
    links.push({
      id: child.id,
      parent: frame.parent.id,
      pct,
      precisionPct: entry.precisionPct,
      approximate: entry.approximate,
      breaks: [...entry.breakIds],
      distanceMonths: entry.distanceMonths,
      obtained: entry.obtained,
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

/** Lists of slots, one after another in `items`; list i is items[start[i]] up to items[start[i + 1]]. */
export interface SlotLists {
  start: Int32Array;
  items: Int32Array;
}

/** Lists of numbers as {@link SlotLists}. */
export function slotLists(lists: readonly (readonly number[])[]): SlotLists {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => {
    start[i + 1] = (start[i] as number) + list.length;
  });
  const items = new Int32Array(start[lists.length] as number);
  lists.forEach((list, i) => items.set(list, start[i]));
  return { start, items };
}

/**
 * A share tree as typed arrays: the one form the share arithmetic ({@link fillShares}, {@link ownShareOf}, and a
 * scenario's bans and moves) runs on, for the deterministic figures and for each sample of a Monte Carlo alike.
 */
export interface TreeArrays {
  slots: number;
  /** Each slot's parent (the world's is -1). */
  parent: Int32Array;
  children: SlotLists;
  subtrees: SlotLists;
  ancestors: SlotLists;
}

const treeArraysOf = new WeakMap<ShareTree, TreeArrays>();

/** A tree's arrays, built once a tree: an estimate asks for them once a region, on a tree of up to MAX_REGIONS. */
export function treeArrays(tree: ShareTree): TreeArrays {
  let arrays = treeArraysOf.get(tree);
  if (arrays === undefined) {
    arrays = {
      slots: tree.ids.length,
      parent: Int32Array.from(tree.ancestors, (chain) => chain[0] ?? -1),
      children: slotLists(tree.children),
      subtrees: slotLists(tree.subtrees),
      ancestors: slotLists(tree.ancestors),
    };
    treeArraysOf.set(tree, arrays);
  }
  return arrays;
}

/** World shares from each link's share of its parent (`pcts`, 0–100; link i is slot i + 1), the world 100. */
export function fillShares(tree: TreeArrays, pcts: Float64Array, values: Float64Array): void {
  const { parent, slots } = tree;
  values[0] = 100;
  for (let slot = 1; slot < slots; slot++) {
    values[slot] = ((values[parent[slot] as number] as number) * (pcts[slot - 1] as number)) / 100;
  }
}

/** A slot's hashrate of its own: its world share less its recorded sub-regions' (never below zero). */
export function ownShareOf(children: SlotLists, values: Float64Array, slot: number): number {
  const { start, items } = children;
  const total = values[slot] as number;
  let rest = total;
  for (let j = start[slot] as number, end = start[slot + 1] as number; j < end; j++) {
    rest -= values[items[j] as number] as number;
  }
  // What float noise leaves over from sub-regions that fill the whole region is none.
  return rest > 1e-9 * total ? rest : 0;
}

/** Each slot's hashrate of its own ({@link ownShareOf}), once for all the footprints that read it. */
export function fillOwnShares(tree: TreeArrays, values: Float64Array, own: Float64Array): void {
  const { children } = tree;
  for (let slot = 0; slot < tree.slots; slot++) own[slot] = ownShareOf(children, values, slot);
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
