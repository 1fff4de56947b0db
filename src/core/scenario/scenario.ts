import type { z } from 'zod';
import type { ScenarioDocumentSchema } from '../../contract/models.js';
import type { ProgressCallback } from '../common/progress.js';
import type { CarbonBasis } from '../../data/schemas.js';
import { UsageError } from '../../errors.js';
import { chooseBasis, choosePeriod, findSeries, seriesIds } from '../network/basis.js';
import { BOTTOM_UP_SOURCE } from '../network/computed-series.js';
import { caveatsOf, restsOnSecondhand } from '../common/caveats.js';
import { type DataIndex, regionChain } from '../regions/lookup.js';
import { applyPlan } from './scenario-kernel.js';
import { planScenario, type ScenarioInput } from './scenario-plan.js';
import { simulateScenarioShares } from './scenario-simulation.js';
import { carbonLayout, regionIntensity } from '../carbon/layout.js';
import { linkShares, shareLinks, shareTree } from '../shares/share-tree.js';
import type { UncertaintyOptions } from '../uncertainty/uncertainty.js';
import { mtco2FromTwh } from '../common/units.js';
import { about, checkCarbonBasis, checkPeriod, checkScenarioInput } from '../common/validation.js';
import { warn } from '../common/warnings.js';
import { checkUncertainty } from '../uncertainty/uncertainty.js';

export type { Move, Redistribution, ScenarioInput } from './scenario-plan.js';

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

/** The `scenario --json` document, as its published schema (src/contract/models.ts) defines it. */
export type ScenarioResult = z.output<typeof ScenarioDocumentSchema>;

/**
 * What a ban or a move does to each region's electricity and carbon, on a world network total.
 * @throws UsageError for an unknown region, a region without share data, or a year no world series covers.
 */
export function runScenario(index: DataIndex, input: ScenarioInput, options: ScenarioOptions): ScenarioResult {
  const world = index.data.regions.find((r) => r.parent === null);
  if (!world) throw new UsageError('The data has no world region.');
  checkPeriod(options);
  if (options.carbonBasis !== undefined) about('carbonBasis', () => checkCarbonBasis(options.carbonBasis as string));
  checkScenarioInput(input);
  if (options.uncertainty) checkUncertainty(options.uncertainty);
  let forced;
  if (options.series !== undefined) {
    forced = findSeries(index, options.series);
    if (!forced || forced.scope !== world.id) {
      const worldSeries = seriesIds(index).filter((id) => findSeries(index, id)?.scope === world.id);
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
      warn(
        'carbon-basis',
        `Carbon mixes bases: ${otherBasis.join(', ')} ${otherBasis.length === 1 ? 'has' : 'have'} no ${carbonBasis} intensity and ${otherBasis.length === 1 ? 'is' : 'are'} counted at ${otherBasis.length === 1 ? 'its' : 'their'} own on the other basis (about 12% apart).`,
        otherBasis,
      ),
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
        computed: found.series.source === BOTTOM_UP_SOURCE,
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

export { type ShareLink, shareLinks } from '../shares/share-tree.js';
