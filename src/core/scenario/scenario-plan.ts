import { type NamedParameter, UsageError } from '../../errors.js';
import { named } from '../common/parameters.js';
import type { DataIndex } from '../regions/lookup.js';
import type { ShareTree } from '../shares/share-tree.js';

/** Where a banned region's hashrate goes: to its siblings in proportion, out of the network, or to one region. */
export type Redistribution = { kind: 'proportional' } | { kind: 'none' } | { kind: 'region'; region: string };

export interface Move {
  from: string;
  to: string;
  /**
   * Percentage of the `from` region's hashrate before the scenario that moves, above 0 and at most 100. A scenario's
   * moves are applied together: 60 and 40 out of one region empty it, and more than 100 in all is refused.
   */
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

/** Room for float noise in a sum of percentages: 33.3 + 33.3 + 33.4 is 100. */
const PCT_TOLERANCE = 1e-9;

/**
 * Checks a scenario's regions against a tree and turns them into slots. Moves are percentages of each region's
 * hashrate before the scenario, applied together, so the rules that keep them one well-defined change: at most 100%
 * in all out of one region; no move into or out of a banned region (or one inside or around a banned region); and
 * no two regions that moves name inside each other (the order of their moves would change the result).
 * @throws UsageError for an unknown region, the world, a region without share data, regions inside each other, a
 * region giving more than 100%, or a move touching a banned region.
 */
export function planScenario(index: DataIndex, tree: ShareTree, input: ScenarioInput): ScenarioPlan {
  const slotOf = (regionId: string, role: NamedParameter): number => {
    const region = index.regions.get(regionId);
    if (!region) throw new UsageError([`Unknown region "${regionId}" in `, role, '.']);
    if (region.parent === null) throw new UsageError([role, ` cannot name the whole network (${region.id}).`]);
    const slot = tree.slots.get(regionId);
    if (slot === undefined) throw new UsageError([`${region.name} has no share data, so `, role, ' cannot use it.']);
    return slot;
  };
  const contains = (outer: number, inner: number) => (tree.subtrees[outer] ?? []).includes(inner);
  const banned = input.bans.map((id) => slotOf(id, named('bans')));
  const { redistribute } = input;
  let plannedRedistribution: ScenarioPlan['redistribute'];
  if (redistribute.kind === 'region') {
    const slot = slotOf(redistribute.region, named('redistribute.region'));
    const inside = input.bans.find((id, i) => contains(banned[i] as number, slot));
    if (inside !== undefined) {
      throw new UsageError([
        named('redistribute.region', { value: redistribute.region }),
        ` is inside the banned ${inside}.`,
      ]);
    }
    plannedRedistribution = { kind: 'region', slot };
  } else plannedRedistribution = redistribute;
  const overlaps = (a: number, b: number) => a === b || contains(a, b) || contains(b, a);
  const moves = input.moves.map((move, index) => {
    const from = slotOf(move.from, named('moves[]', { index }));
    const to = slotOf(move.to, named('moves[]', { index }));
    const thisMove = named('moves[]', { index, flagValue: `${move.from}:${move.to}` });
    if (from === to) throw new UsageError([thisMove, ': a region cannot move hashrate to itself.']);
    if (contains(from, to) || contains(to, from)) {
      throw new UsageError([thisMove, ': one region contains the other.']);
    }
    for (const [id, slot] of [
      [move.from, from],
      [move.to, to],
    ] as const) {
      const ban = input.bans.find((_, i) => overlaps(banned[i] as number, slot));
      if (ban === undefined) continue;
      const banSlot = banned[input.bans.indexOf(ban)] as number;
      const how =
        slot === banSlot
          ? 'is banned'
          : contains(banSlot, slot)
            ? `is inside the banned ${ban}`
            : `contains the banned ${ban}`;
      throw new UsageError([thisMove, `: ${id} ${how}; a move cannot take hashrate into or out of a banned region.`]);
    }
    return { from, to, pct: move.pct };
  });
  const namedRegions = [
    ...new Map(
      input.moves.flatMap(
        (m, i) =>
          [
            [m.from, moves[i]?.from],
            [m.to, moves[i]?.to],
          ] as const,
      ),
    ),
  ];
  for (const [a, slotA] of namedRegions) {
    const inside = namedRegions.find(([, slotB]) => slotB !== slotA && overlaps(slotA as number, slotB as number));
    if (inside !== undefined) {
      throw new UsageError([
        named('moves'),
        `: ${a} and ${inside[0]} lie one inside the other; moves apply together, so name regions of which none contains another.`,
      ]);
    }
  }
  const outPct = new Map<string, number>();
  for (const move of input.moves) {
    const total = (outPct.get(move.from) ?? 0) + move.pct;
    outPct.set(move.from, total);
    if (total > 100 + PCT_TOLERANCE) {
      const pcts = input.moves.filter((m) => m.from === move.from).map((m) => `${m.pct}%`);
      throw new UsageError([
        named('moves'),
        `: ${pcts.join(' + ')} of ${move.from}'s hashrate move out, more than the 100% it has; moves are percentages of each region's hashrate before the scenario.`,
      ]);
    }
  }
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
