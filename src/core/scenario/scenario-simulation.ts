import { applyScenario, fillCarbonWeights, scenarioKernel, slotRecords } from './scenario-kernel.js';
import { fillOwnShares, fillShares } from '../shares/share-tree.js';
import type { ScenarioPlan } from './scenario-plan.js';
import type { CarbonLayout } from '../carbon/layout.js';
import type { ShareLink, ShareTree } from '../shares/share-tree.js';
import { shareSpreadPct } from '../shares/share-model.js';
import {
  type ChangePercentiles,
  type FootprintBlock,
  type SimulationInput,
  simulateFootprintChanges,
  type UncertaintyOptions,
  type UniformSource,
} from '../uncertainty/uncertainty.js';
import type { ProgressCallback } from '../common/progress.js';

/**
 * Monte Carlo of a scenario: each sample draws every share link within ± its spread by the share model
 * ({@link shareSpreadPct}: stated precision, distance from its records, breaks; exact shares held fixed), applies the scenario to
 * those shares, and draws the basis and intensities as {@link simulateChanges} does.
 * @returns the percentiles before, after and of the change, for the network and for each of `named`.
 */
export function simulateScenarioShares(
  model: {
    tree: ShareTree;
    links: readonly ShareLink[];
    plan: ScenarioPlan;
    layout: CarbonLayout;
  },
  named: readonly string[],
  basis: SimulationInput['basis'],
  settings: UncertaintyOptions,
  onProgress?: ProgressCallback,
): { total: ChangePercentiles; regions: ({ id: string } & ChangePercentiles)[] } {
  const { tree, links, plan, layout } = model;
  const slots = [0, ...named.map((id) => tree.slots.get(id) ?? 0)];
  const spreads = Float64Array.from(links, (l) => shareSpreadPct(l, settings));
  const drawn = Int32Array.from(links.keys()).filter((i) => (spreads[i] as number) > 0);
  const varies = drawn.length > 0;
  const basePcts = Float64Array.from(links, (l) => l.pct);
  const pcts = Float64Array.from(basePcts);
  const kernel = scenarioKernel(tree, plan, layout);
  const before = new Float64Array(tree.ids.length);
  const after = new Float64Array(tree.ids.length);
  const ownBefore = new Float64Array(tree.ids.length);
  const ownAfter = new Float64Array(tree.ids.length);
  const records = layout.records.length;
  // The footprints, before and after of each slot, are refilled in place when the shares are drawn again;
  // simulateFootprintChanges reads them first.
  const slotRecordLists = slots.map((slot) => slotRecords(kernel, slot));
  const footprintRecords = slotRecordLists.flatMap((list) => [list, list]);
  const recordStart = new Int32Array(footprintRecords.length + 1);
  footprintRecords.forEach((list, f) => {
    recordStart[f + 1] = (recordStart[f] as number) + list.length;
  });
  const recordItems = new Int32Array(recordStart[footprintRecords.length] as number);
  footprintRecords.forEach((list, f) => recordItems.set(list, recordStart[f]));
  const block: FootprintBlock = {
    sharePcts: new Float64Array(2 * slots.length),
    carbonWeights: new Float64Array(2 * slots.length * records),
    recordStart,
    recordItems,
  };
  const { sharePcts, carbonWeights } = block;
  // Plain loops on typed arrays: this runs once a sample, and a million samples of small allocations cost more
  // than the work.
  const refill = (carbon: boolean) => {
    fillShares(kernel, pcts, before);
    after.set(before);
    applyScenario(kernel, after);
    if (carbon) {
      fillOwnShares(kernel, before, ownBefore);
      fillOwnShares(kernel, after, ownAfter);
    }
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      sharePcts[2 * i] = before[slot] as number;
      sharePcts[2 * i + 1] = after[slot] as number;
      if (carbon) {
        const used = slotRecordLists[i] as Int32Array;
        fillCarbonWeights(kernel, ownBefore, slot, used, carbonWeights, 2 * i * records);
        fillCarbonWeights(kernel, ownAfter, slot, used, carbonWeights, (2 * i + 1) * records);
      }
    }
  };
  // Filled once with carbon: when no share is drawn, the footprints stay as they are for every sample.
  refill(true);
  const uniforms = new Float64Array(drawn.length);
  const draw = (source: UniformSource, carbon: boolean): FootprintBlock => {
    if (varies) {
      source.fill(uniforms, drawn.length);
      for (let j = 0; j < drawn.length; j++) {
        const i = drawn[j] as number;
        const spread = spreads[i] as number;
        pcts[i] = Math.min(100, Math.max(0, (basePcts[i] as number) + (2 * (uniforms[j] as number) - 1) * spread));
      }
      refill(carbon);
    }
    return block;
  };
  const [total, ...regions] = simulateFootprintChanges(basis, records, draw, settings, onProgress);
  return {
    total: total as ChangePercentiles,
    regions: regions.map((r, i) => ({ id: named[i] as string, ...r })),
  };
}
