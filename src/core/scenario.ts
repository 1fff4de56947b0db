import type { ProgressCallback } from './progress.js';
import type { CarbonBasis, Coverage, Evidence } from '../data/schemas.js';
import { UsageError } from '../errors.js';
import { chooseBasis, choosePeriod } from './basis.js';
import { type Caveat, caveatsOf, restsOnSecondhand } from './caveats.js';
import { type DataIndex, regionChain } from './lookup.js';
import {
  type CarbonLayout,
  carbonLayout,
  carbonWeights,
  fillFromLinks,
  linkShares,
  regionIntensity,
  type ShareLink,
  shareLinks,
  type ShareTree,
  shareTree,
} from './share-tree.js';
import {
  type ChangePercentiles,
  type FootprintDraw,
  linkSpreadPct,
  type SimulationInput,
  simulateChanges,
  type UncertaintyOptions,
} from './uncertainty.js';
import { mtco2FromTwh } from './units.js';
import { checkPeriod, checkScenarioInput, checkUncertainty } from './validation.js';

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

/** Multiplies a slot's share and every share below it by `factor`. */
function scaleSubtree(tree: ShareTree, values: Float64Array, slot: number, factor: number): void {
  for (const s of tree.subtrees[slot] ?? []) values[s] = (values[s] as number) * factor;
}

/** Adds `amount` (negative to take away) to each of a slot's ancestors. */
function addToAncestors(tree: ShareTree, values: Float64Array, slot: number, amount: number): void {
  for (const s of tree.ancestors[slot] ?? []) values[s] = (values[s] as number) + amount;
}

/** Takes `amount` (world-share points) out of a region: its subtree shrinks in proportion and its ancestors lose it. */
function removeFrom(tree: ShareTree, values: Float64Array, slot: number, amount: number): void {
  const current = values[slot] as number;
  scaleSubtree(tree, values, slot, current > 0 ? (current - amount) / current : 0);
  addToAncestors(tree, values, slot, -amount);
}

/** Adds `amount` to a region: its subtree grows in proportion (its internal distribution kept) and its ancestors gain it. */
function addTo(tree: ShareTree, values: Float64Array, slot: number, amount: number): void {
  const current = values[slot] as number;
  if (current > 0) scaleSubtree(tree, values, slot, (current + amount) / current);
  else values[slot] = amount;
  addToAncestors(tree, values, slot, amount);
}

/** A scenario with its regions checked and turned into slots, ready to apply to any shares of the same tree. */
interface ScenarioPlan {
  bans: { slot: number; siblings: number[] }[];
  redistribute: { kind: 'proportional' } | { kind: 'none' } | { kind: 'region'; slot: number };
  moves: { from: number; to: number; pct: number }[];
}

/**
 * Checks a scenario's regions against a tree and turns them into slots.
 * @throws UsageError for an unknown region, the world, a region without share data, or regions inside each other.
 */
function planScenario(index: DataIndex, tree: ShareTree, input: ScenarioInput): ScenarioPlan {
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

/** Applies a planned scenario to world shares in place: bans first, then moves. */
function applyPlan(tree: ShareTree, values: Float64Array, plan: ScenarioPlan): void {
  for (const ban of plan.bans) {
    const amount = values[ban.slot] as number;
    removeFrom(tree, values, ban.slot, amount);
    const { redistribute } = plan;
    switch (redistribute.kind) {
      case 'proportional': {
        const siblingTotal = ban.siblings.reduce((sum, s) => sum + (values[s] as number), 0);
        if (siblingTotal > 0) {
          for (const s of ban.siblings) addTo(tree, values, s, (amount * (values[s] as number)) / siblingTotal);
        } else addToAncestors(tree, values, ban.slot, amount);
        break;
      }
      case 'none':
        break;
      case 'region':
        addTo(tree, values, redistribute.slot, amount);
        break;
      default:
        return redistribute satisfies never;
    }
  }
  for (const move of plan.moves) {
    const amount = ((values[move.from] as number) * move.pct) / 100;
    removeFrom(tree, values, move.from, amount);
    addTo(tree, values, move.to, amount);
  }
}

export interface ScenarioOptions {
  year?: number;
  month?: string;
  /** Run a Monte Carlo of the network totals and of the regions the scenario names. */
  uncertainty?: UncertaintyOptions;
  /** Told how many of the Monte Carlo's samples are drawn, now and then. */
  onProgress?: ProgressCallback;
  /** A world network-energy series (default: the basis `estimate` would choose for the world). */
  series?: string;
  /** Carbon intensities on this basis (default life-cycle). */
  carbonBasis?: CarbonBasis;
}

export interface Footprint {
  twh: number;
  mtco2: number;
}

/** The `scenario --json` document. */
export interface ScenarioResult {
  scenario: {
    year: number;
    month: string | null;
    /** The world total used: the year's energy (annualised or a yearly mean where the series needs it). */
    basis: { series: string; twh: number; source: string; evidence: Evidence; coverage: Coverage; factor: number };
    carbonBasis: CarbonBasis;
    bans: string[];
    redistribute: string;
    moves: Move[];
  };
  /** What the scenario's figures rest on, as `estimate`'s caveat codes. */
  caveats: Caveat[];
  regions: {
    id: string;
    sharePct: { before: number; after: number };
    before: Footprint;
    after: Footprint;
    change: Footprint;
  }[];
  total: { before: Footprint; after: Footprint; change: Footprint };
  /**
   * With a Monte Carlo: its settings, the percentiles of the network totals and of each region the scenario
   * names (banned, receiving, moved from or to); else null.
   */
  uncertainty: {
    settings: UncertaintyOptions;
    total: ChangePercentiles;
    regions: ({ id: string } & ChangePercentiles)[];
  } | null;
  warnings: string[];
}

/**
 * What a ban or a move does to each region's electricity and carbon, on a world network total.
 * @throws UsageError for an unknown region, a region without share data, or a year no world series covers.
 */
export function runScenario(index: DataIndex, input: ScenarioInput, options: ScenarioOptions): ScenarioResult {
  const world = index.data.regions.find((r) => r.parent === null);
  if (!world) throw new UsageError('The data has no world region.');
  checkPeriod(options);
  checkScenarioInput(input);
  if (options.uncertainty) checkUncertainty(options.uncertainty);
  let forced;
  if (options.series !== undefined) {
    forced = index.series.get(options.series);
    if (!forced || forced.scope !== world.id) {
      const worldSeries = index.data.networkEnergy.filter((s) => s.scope === world.id).map((s) => s.id);
      throw new UsageError(
        `Series "${options.series}" is not a world series; scenarios need one (${worldSeries.join(', ')}).`,
      );
    }
  }
  const { period } = choosePeriod(index, [world], options, forced);
  const { year } = period;
  const found = chooseBasis(index, [world], year, forced);
  const carbonBasis = options.carbonBasis ?? 'life-cycle';
  const { links, warnings: shareWarnings } = shareLinks(index, period);
  const warnings = [...found.warnings, ...shareWarnings];
  const tree = shareTree(world.id, links);
  const plan = planScenario(index, tree, input);
  const before = linkShares(tree, links);
  const after = Float64Array.from(before);
  applyPlan(tree, after, plan);
  const layout = carbonLayout(index, tree, year, carbonBasis);
  const otherBasis = [...new Set(layout.records.filter((r) => r.basis !== carbonBasis).map((r) => r.region))];
  if (otherBasis.length > 0) {
    warnings.push(
      `Carbon mixes bases: ${otherBasis.join(', ')} ${otherBasis.length === 1 ? 'has' : 'have'} no ${carbonBasis} intensity and ${otherBasis.length === 1 ? 'is' : 'are'} counted at ${otherBasis.length === 1 ? 'its' : 'their'} own on the other basis (about 12% apart).`,
    );
  }
  const worldTwh = found.twh;
  const footprint = (values: Float64Array, slot: number): Footprint => {
    const twh = ((values[slot] as number) / 100) * worldTwh;
    const intensity = regionIntensity(tree, layout, values, slot);
    return { twh, mtco2: intensity ? mtco2FromTwh(twh, intensity.gco2PerKwh) : 0 };
  };
  // Differences smaller than float noise on the larger value are reported as no change.
  const difference = (a: number, b: number) =>
    Math.abs(b - a) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? 0 : b - a;
  const change = (a: Footprint, b: Footprint): Footprint => ({
    twh: difference(a.twh, b.twh),
    mtco2: difference(a.mtco2, b.mtco2),
  });
  const regions = index.data.regions.flatMap((r) => {
    const slot = tree.slots.get(r.id);
    if (slot === undefined || slot === 0) return [];
    const b = footprint(before, slot);
    const a = footprint(after, slot);
    return [
      {
        id: r.id,
        sharePct: { before: before[slot] as number, after: after[slot] as number },
        before: b,
        after: a,
        change: change(b, a),
      },
    ];
  });
  const totalBefore = footprint(before, 0);
  const totalAfter = footprint(after, 0);
  const { redistribute } = input;
  const basis = { twh: worldTwh, lowerTwh: found.lowerTwh, upperTwh: found.upperTwh };
  return {
    scenario: {
      year,
      month: options.month ?? null,
      basis: {
        series: found.series.id,
        twh: worldTwh,
        source: found.series.source,
        evidence: found.value.evidence,
        coverage: found.coverage,
        factor: found.factor,
      },
      carbonBasis,
      bans: input.bans,
      redistribute: redistribute.kind === 'region' ? redistribute.region : redistribute.kind,
      moves: input.moves,
    },
    caveats: caveatsOf({
      regionNote: namedRegions(input).some((id) => regionChain(index, id).some((r) => r.note)),
      basis: {
        projection: found.series.kind === 'projection',
        coverage: found.coverage,
        approximate: found.value.approximate === true,
      },
      secondhand:
        links.some((l) => l.secondhand) ||
        restsOnSecondhand(found.value.evidence, index.sources.get(found.series.source)?.evidence),
      links: links.map((l) => ({ ...l, dataset: null })),
      carbonOffBasis: otherBasis.length > 0,
    }),
    regions,
    total: { before: totalBefore, after: totalAfter, change: change(totalBefore, totalAfter) },
    uncertainty: options.uncertainty
      ? {
          settings: options.uncertainty,
          ...simulateScenarioShares(
            { tree, links, plan, layout },
            namedRegions(input),
            basis,
            options.uncertainty,
            options.onProgress,
          ),
        }
      : null,
    warnings,
  };
}

/** The regions a scenario names, in the order it names them: banned, receiving, moved from and to. */
function namedRegions(input: ScenarioInput): string[] {
  const receiving = input.redistribute.kind === 'region' ? [input.redistribute.region] : [];
  return [...new Set([...input.bans, ...receiving, ...input.moves.flatMap((m) => [m.from, m.to])])];
}

/**
 * Monte Carlo of a scenario: each sample draws every share link within ± its precision (the records' stated
 * precision, else ± shareSpreadPct for an approximate share; exact shares held fixed), applies the scenario to
 * those shares, and draws the basis and intensities as {@link simulateChanges} does.
 * @returns the percentiles before, after and of the change, for the network and for each of `named`.
 */
function simulateScenarioShares(
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
  const varies = spreads.some((spread) => spread > 0);
  const pcts = Float64Array.from(links, (l) => l.pct);
  const before = new Float64Array(tree.ids.length);
  const after = new Float64Array(tree.ids.length);
  // The footprints are refilled in place when the shares are drawn again; simulateChanges reads them first.
  const footprints: FootprintDraw[] = slots.flatMap(() =>
    [0, 1].map(() => ({ sharePct: 0, carbonWeights: new Float64Array(layout.records.length) })),
  );
  const refill = () => {
    fillFromLinks(tree, links, pcts, before);
    after.set(before);
    applyPlan(tree, after, plan);
    slots.forEach((slot, i) => {
      for (const [values, footprint] of [
        [before, footprints[2 * i]],
        [after, footprints[2 * i + 1]],
      ] as const) {
        if (!footprint) continue;
        footprint.sharePct = values[slot] as number;
        carbonWeights(tree, layout, values, slot, footprint.carbonWeights as Float64Array);
      }
    });
  };
  refill();
  const draw = (random: () => number): FootprintDraw[] => {
    if (varies) {
      links.forEach((link, i) => {
        const spread = spreads[i] as number;
        if (spread > 0) pcts[i] = Math.min(100, Math.max(0, link.pct + (2 * random() - 1) * spread));
      });
      refill();
    }
    return footprints;
  };
  const [total, ...regions] = simulateChanges(basis, layout.records.length, draw, settings, onProgress);
  return {
    total: total as ChangePercentiles,
    regions: regions.map((r, i) => ({ id: named[i] as string, ...r })),
  };
}

export { type ShareLink, shareLinks } from './share-tree.js';
