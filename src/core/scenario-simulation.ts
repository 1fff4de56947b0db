import { type ScenarioPlan, applyPlan } from './scenario-plan.js';
import { type CarbonLayout, carbonWeights, fillFromLinks, type ShareLink, type ShareTree } from './share-tree.js';
import {
  type ChangePercentiles,
  type FootprintDraw,
  linkSpreadPct,
  type SimulationInput,
  simulateChanges,
  type UncertaintyOptions,
} from './uncertainty.js';
import type { ProgressCallback } from './progress.js';

/**
 * Monte Carlo of a scenario: each sample draws every share link within ± its precision (the records' stated
 * precision, else ± shareSpreadPct for an approximate share; exact shares held fixed), applies the scenario to
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
  const spreads = links.map((l) => linkSpreadPct(l, settings));
  const drawn = Int32Array.from(spreads.flatMap((spread, i) => (spread > 0 ? [i] : [])));
  const varies = drawn.length > 0;
  const basePcts = Float64Array.from(links, (l) => l.pct);
  const pcts = Float64Array.from(basePcts);
  const before = new Float64Array(tree.ids.length);
  const after = new Float64Array(tree.ids.length);
  // The footprints are refilled in place when the shares are drawn again; simulateChanges reads them first.
  const footprints: FootprintDraw[] = slots.flatMap(() =>
    [0, 1].map(() => ({ sharePct: 0, carbonWeights: new Float64Array(layout.records.length) })),
  );
  const fillFootprint = (values: Float64Array, slot: number, footprint: FootprintDraw, carbon: boolean) => {
    footprint.sharePct = values[slot] as number;
    if (carbon) carbonWeights(tree, layout, values, slot, footprint.carbonWeights as Float64Array);
  };
  // Plain loops: this runs once a sample, and a million samples of small allocations cost more than the work.
  const refill = (carbon: boolean) => {
    fillFromLinks(tree, links, pcts, before);
    after.set(before);
    applyPlan(tree, after, plan);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      fillFootprint(before, slot, footprints[2 * i] as FootprintDraw, carbon);
      fillFootprint(after, slot, footprints[2 * i + 1] as FootprintDraw, carbon);
    }
  };
  // Filled once with carbon: when no share is drawn, the footprints stay as they are for every sample.
  refill(true);
  const draw = (random: () => number, carbon: boolean): FootprintDraw[] => {
    if (varies) {
      for (const i of drawn) {
        const spread = spreads[i] as number;
        pcts[i] = Math.min(100, Math.max(0, (basePcts[i] as number) + (2 * random() - 1) * spread));
      }
      refill(carbon);
    }
    return footprints;
  };
  const [total, ...regions] = simulateChanges(basis, layout.records.length, draw, settings, onProgress);
  return {
    total: total as ChangePercentiles,
    regions: regions.map((r, i) => ({ id: named[i] as string, ...r })),
  };
}
