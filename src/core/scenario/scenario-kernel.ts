import type { CarbonLayout } from '../carbon/layout.js';
import type { ScenarioPlan } from './scenario-plan.js';
import { type ShareTree, type SlotLists, slotLists, type TreeArrays, treeArrays } from '../shares/share-tree.js';

/** A share tree, a scenario plan on it and a carbon layout as typed arrays, for the arithmetic a Monte Carlo runs once a sample. */
export interface ScenarioKernel extends TreeArrays {
  /** The bans' slots, and each ban's siblings (its `siblings` list of the plan). */
  banSlots: Int32Array;
  banSiblings: SlotLists;
  /** 0: proportional; 1: none; 2: to `redistributeSlot`. */
  redistributeKind: number;
  redistributeSlot: number;
  /** Each move's index into `moveSlots` for the region it takes from and the one it gives to, and its percentage. */
  moveFrom: Int32Array;
  moveTo: Int32Array;
  movePct: Float64Array;
  /** The regions the moves name, once each; and scratch space for each one's net change (world-share points). */
  moveSlots: Int32Array;
  moveNet: Float64Array;
  /** Each slot's index into the layout's records, or -1. */
  recordOf: Int32Array;
  /** Each record's g CO2/kWh. */
  gco2PerKwh: Float64Array;
  /** Scratch space for the numbers {@link applyScenario} hands on. */
  numbers: Float64Array;
}

/** The layout of a kernel that only applies a plan: no records. */
const NO_CARBON: CarbonLayout = { records: [], recordOf: new Int32Array(0) };

export function scenarioKernel(tree: ShareTree, plan: ScenarioPlan, layout: CarbonLayout = NO_CARBON): ScenarioKernel {
  const { redistribute } = plan;
  const moveSlots = [...new Set(plan.moves.flatMap((move) => [move.from, move.to]))];
  const { slots, parent, children, subtrees, ancestors } = treeArrays(tree);
  return {
    slots,
    parent,
    children,
    subtrees,
    ancestors,
    banSlots: Int32Array.from(plan.bans, (ban) => ban.slot),
    banSiblings: slotLists(plan.bans.map((ban) => ban.siblings)),
    redistributeKind: redistribute.kind === 'proportional' ? 0 : redistribute.kind === 'none' ? 1 : 2,
    redistributeSlot: redistribute.kind === 'region' ? redistribute.slot : -1,
    moveFrom: Int32Array.from(plan.moves, (move) => moveSlots.indexOf(move.from)),
    moveTo: Int32Array.from(plan.moves, (move) => moveSlots.indexOf(move.to)),
    movePct: Float64Array.from(plan.moves, (move) => move.pct),
    moveSlots: Int32Array.from(moveSlots),
    moveNet: new Float64Array(moveSlots.length),
    recordOf: layout.recordOf,
    gco2PerKwh: Float64Array.from(layout.records, (record) => record.gco2PerKwh),
    numbers: new Float64Array(2),
  };
}

/**
 * Adds an amount (world-share points) to a slot or takes it away: its subtree is scaled from its share before to
 * that share ± the amount, its internal distribution kept (taken from a slot with no share, to 0; added to one,
 * the slot is set to the amount), and its ancestors gain or lose the amount. The share before and the amount are passed in
 * kernel.numbers[0] and [1], so that a call does not box them (a call a sibling, a million samples).
 */
function shiftSlot(kernel: ScenarioKernel, values: Float64Array, slot: number, adding: boolean): void {
  const current = kernel.numbers[0] as number;
  const amount = kernel.numbers[1] as number;
  const { subtrees, ancestors } = kernel;
  if (current > 0 || !adding) {
    const factor = current > 0 ? (adding ? current + amount : current - amount) / current : 0;
    for (let j = subtrees.start[slot] as number, end = subtrees.start[slot + 1] as number; j < end; j++) {
      const s = subtrees.items[j] as number;
      values[s] = (values[s] as number) * factor;
    }
  } else values[slot] = amount;
  const step = adding ? amount : -amount;
  for (let j = ancestors.start[slot] as number, end = ancestors.start[slot + 1] as number; j < end; j++) {
    const s = ancestors.items[j] as number;
    values[s] = (values[s] as number) + step;
  }
}

/**
 * Applies the plan to world shares in place: bans first (a banned region's hashrate to its siblings in proportion,
 * kept by its parent as hashrate of its own when its siblings have none, out of the network, or to one region), then
 * moves. Moves are percentages of each region's share before the scenario, applied together: each region the moves
 * name changes once, by what it receives less what it gives (the plan keeps those regions apart from each other and
 * from the banned ones, so that the order does not matter and a region never gives more than it has).
 */
export function applyScenario(kernel: ScenarioKernel, values: Float64Array): void {
  const { banSlots, banSiblings, moveFrom, moveTo, movePct, moveSlots, moveNet, ancestors, numbers } = kernel;
  moveNet.fill(0);
  for (let m = 0; m < moveFrom.length; m++) {
    const from = moveFrom[m] as number;
    const amount = ((values[moveSlots[from] as number] as number) * (movePct[m] as number)) / 100;
    moveNet[from] = (moveNet[from] as number) - amount;
    moveNet[moveTo[m] as number] = (moveNet[moveTo[m] as number] as number) + amount;
  }
  for (let ban = 0; ban < banSlots.length; ban++) {
    const slot = banSlots[ban] as number;
    const amount = values[slot] as number;
    numbers[0] = amount;
    numbers[1] = amount;
    shiftSlot(kernel, values, slot, false);
    if (kernel.redistributeKind === 0) {
      const first = banSiblings.start[ban] as number;
      const end = banSiblings.start[ban + 1] as number;
      let siblingTotal = 0;
      for (let j = first; j < end; j++) siblingTotal += values[banSiblings.items[j] as number] as number;
      if (siblingTotal > 0) {
        for (let j = first; j < end; j++) {
          const s = banSiblings.items[j] as number;
          numbers[0] = values[s] as number;
          numbers[1] = (amount * (values[s] as number)) / siblingTotal;
          shiftSlot(kernel, values, s, true);
        }
      } else {
        for (let j = ancestors.start[slot] as number, stop = ancestors.start[slot + 1] as number; j < stop; j++) {
          const s = ancestors.items[j] as number;
          values[s] = (values[s] as number) + amount;
        }
      }
    } else if (kernel.redistributeKind === 2) {
      numbers[0] = values[kernel.redistributeSlot] as number;
      numbers[1] = amount;
      shiftSlot(kernel, values, kernel.redistributeSlot, true);
    }
  }
  for (let k = 0; k < moveSlots.length; k++) {
    const slot = moveSlots[k] as number;
    const net = moveNet[k] as number;
    const current = values[slot] as number;
    if (net === 0) continue;
    numbers[0] = current;
    // A region that gives all it had (60 + 40) ends at 0, not at float noise either side of it.
    numbers[1] = net < 0 && -net >= current * (1 - 1e-12) ? current : Math.abs(net);
    shiftSlot(kernel, values, slot, net > 0);
  }
}

/** The records a slot's carbon weights may use (those of the slots in its subtree), ascending. */
export function slotRecords(kernel: ScenarioKernel, slot: number): Int32Array {
  const { start, items } = kernel.subtrees;
  const used = new Set<number>();
  for (let j = start[slot] as number; j < (start[slot + 1] as number); j++) {
    const record = kernel.recordOf[items[j] as number] as number;
    if (record >= 0) used.add(record);
  }
  return Int32Array.from(used).sort();
}

/**
 * A slot's carbon weights by record from the own shares of {@link fillOwnShares}, into weights[offset + record]:
 * for each record, the world-share points (0–100) counted at it × its g CO2/kWh. A region's recorded sub-regions
 * count at their own intensities and the rest of its hashrate at its own (or its nearest ancestor's), so that
 * moving hashrate between provinces changes carbon. Mt CO2 = Σ weight × world TWh / 100 / 1,000. Only the slot's records ({@link slotRecords}) are written: the others stay 0.
 */
export function fillCarbonWeights(
  kernel: ScenarioKernel,
  own: Float64Array,
  slot: number,
  records: Int32Array,
  weights: Float64Array,
  offset: number,
): void {
  const { start, items } = kernel.subtrees;
  const { recordOf, gco2PerKwh } = kernel;
  for (let j = 0; j < records.length; j++) weights[offset + (records[j] as number)] = 0;
  for (let j = start[slot] as number, end = start[slot + 1] as number; j < end; j++) {
    const s = items[j] as number;
    const record = recordOf[s] as number;
    if (record >= 0) {
      weights[offset + record] =
        (weights[offset + record] as number) + (own[s] as number) * (gco2PerKwh[record] as number);
    }
  }
}

/** Applies a planned scenario to world shares in place: bans first, then moves ({@link applyScenario}). */
export function applyPlan(tree: ShareTree, values: Float64Array, plan: ScenarioPlan): void {
  applyScenario(scenarioKernel(tree, plan), values);
}
