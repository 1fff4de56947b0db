import { UsageError } from '../../errors.js';
import type { DataIndex } from '../regions/lookup.js';
import type { ShareTree } from '../shares/share-tree.js';

/** Where a banned region's hashrate goes: to its siblings in proportion, out of the network, or to one region. */
export type Redistribution = { kind: 'proportional' } | { kind: 'none' } | { kind: 'region'; region: string };

export interface Move {
  from: string;
  to: string;
  /** Percentage of the `from` region's hashrate that moves, 0–100. */
  pct: number;
}

export interface ScenarioInput {
  bans: string[];
  redistribute: Redistribution;
  moves: Move[];
}

/** A scenario with its regions checked and turned into slots, ready to apply to any shares of the same tree. */
export interface ScenarioPlan {
  bans: { slot: number; siblings: number[] }[];
  redistribute: { kind: 'proportional' } | { kind: 'none' } | { kind: 'region'; slot: number };
  moves: { from: number; to: number; pct: number }[];
}

/**
 * Checks a scenario's regions against a tree and turns them into slots.
 * @throws UsageError for an unknown region, the world, a region without share data, or regions inside each other.
 */
export function planScenario(index: DataIndex, tree: ShareTree, input: ScenarioInput): ScenarioPlan {
  const slotOf = (regionId: string, role: string): number => {
    const region = index.regions.get(regionId);
    if (!region) throw new UsageError(`Unknown region "${regionId}" in ${role}.`);
    if (region.parent === null) throw new UsageError(`${role} cannot name the whole network (${region.id}).`);
    const slot = tree.slots.get(regionId);
    if (slot === undefined) throw new UsageError(`${region.name} has no share data, so ${role} cannot use it.`);
    return slot;
  };
  const contains = (outer: number, inner: number) => (tree.subtrees[outer] ?? []).includes(inner);
  const banned = input.bans.map((id) => slotOf(id, '--ban'));
  const { redistribute } = input;
  let plannedRedistribution: ScenarioPlan['redistribute'];
  if (redistribute.kind === 'region') {
    const slot = slotOf(redistribute.region, '--redistribute');
    const inside = input.bans.find((id, i) => contains(banned[i] as number, slot));
    if (inside !== undefined)
      throw new UsageError(`--redistribute ${redistribute.region} is inside the banned ${inside}.`);
    plannedRedistribution = { kind: 'region', slot };
  } else plannedRedistribution = redistribute;
  const moves = input.moves.map((move) => {
    const from = slotOf(move.from, '--move');
    const to = slotOf(move.to, '--move');
    if (contains(from, to) || contains(to, from)) {
      throw new UsageError(`--move ${move.from}:${move.to}: one region contains the other.`);
    }
    return { from, to, pct: move.pct };
  });
  return {
    bans: banned.map((slot) => ({
      slot,
      // Recorded siblings that are not banned themselves.
      siblings: (tree.children[tree.ancestors[slot]?.[0] ?? 0] ?? []).filter((s) => s !== slot && !banned.includes(s)),
    })),
    redistribute: plannedRedistribution,
    moves,
  };
}
