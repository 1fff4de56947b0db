import type { CarbonBasis, CarbonIntensity, Evidence, Region } from '../../data/schemas.js';
import { chooseIntensity } from './intensity.js';
import type { DataIndex } from '../regions/lookup.js';
import { describePeriod, type Period } from '../common/period.js';
import { type Warning, warn } from '../common/warnings.js';
import { carbonLayout, type IntensityPart, regionIntensity } from './layout.js';
import { linkShares, type ShareLink, shareLinks, shareTree } from '../shares/share-tree.js';
import { possessive } from '../../text.js';
import { mtco2FromTwh, roundSignificant } from '../common/units.js';

const formatPct = (pct: number) => String(roundSignificant(pct, 4));

export { chooseIntensity };

/** Grid intensities of an all-hydro and an all-coal grid, g CO2/kWh (CBECI's factors, IPCC AR5 medians). */
export const CARBON_BRACKET_GCO2_PER_KWH = { low: 24, high: 820 } as const;

/** `carbon.source` when the intensity is a share-weighted mean of regions' intensities. */
export const SHARE_WEIGHTED_SOURCE = 'share-weighted';

export interface CarbonWeight {
  /** The region whose hashrate of its own (less its recorded sub-regions') this part is. */
  region: string;
  /** Share of the estimated region's hashrate in the period, 0–100. */
  sharePct: number;
  gco2PerKwh: number;
  /** The region whose intensity is used (an ancestor's when the region has none). */
  intensityRegion: string;
  year: number;
  basis: CarbonBasis;
  source: string;
}

export interface CarbonEstimate {
  mtco2: number;
  lowerMtco2: number | null;
  upperMtco2: number | null;
  gco2PerKwh: number;
  region: string;
  year: number;
  /** What the intensity counts: life-cycle CO2-equivalent or direct combustion CO2. */
  basis: CarbonBasis;
  /** True when a share-weighted network intensity had to mix bases (a region without one on the basis asked). */
  mixedBases: boolean;
  source: string;
  evidence: Evidence;
  derived: boolean;
  /** The basis source's own carbon figure, when it gives one and the region is the basis scope. */
  reported: { mtco2: number; source: string } | null;
  /**
   * When the region's hashrate is counted at more than one intensity (its recorded sub-regions at their own): the
   * parts and intensities behind the share-weighted mean; else null.
   */
  weights: CarbonWeight[] | null;
  /** With a carbon bracket: the range between an all-hydro and an all-coal grid, over the energy bounds. */
  bracket: { lowGco2PerKwh: number; highGco2PerKwh: number; lowMtco2: number; highMtco2: number } | null;
}

export interface Energy {
  twh: number;
  lowerTwh: number | null;
  upperTwh: number | null;
}

/**
 * The intensity of a region's hashrate in a period, as {@link regionIntensity} defines it: its recorded sub-regions
 * at their own intensities, the rest at its own (or its nearest ancestor's).
 * @returns undefined when the region has no share in the period or no intensity is known.
 */
export function intensityMix(
  index: DataIndex,
  regionId: string,
  period: Period,
  basis: CarbonBasis,
): { gco2PerKwh: number; parts: IntensityPart[]; links: ShareLink[] } | undefined {
  const model = carbonModel(index, period, basis, regionId);
  const slot = model?.tree.slots.get(regionId);
  if (!model || slot === undefined) return undefined;
  const { tree, layout, values } = model;
  const mix = regionIntensity(tree, layout, values, slot);
  return mix && { ...mix, links: linksBelow(model, slot) };
}

/**
 * The links of the regions below a slot, in the links' order. Link i is slot i + 1 of the tree built from them, and
 * a subtree lists its slots in ascending order, so with one link a region (as share links are) these are the
 * subtree's links, found without a scan of every link.
 */
function linksBelow(model: NonNullable<ReturnType<typeof buildCarbonModel>>, slot: number): ShareLink[] {
  const { tree, links } = model;
  const subtree = (tree.subtrees[slot] ?? []).filter((s) => s !== slot);
  if (tree.slots.size === tree.ids.length) return subtree.map((s) => links[s - 1] as ShareLink);
  const below = new Set(subtree.map((s) => tree.ids[s]));
  return links.filter((l) => below.has(l.id));
}

/** Carbon models of the whole tree already built, per dataset index, period and basis. */
const carbonModels = new WeakMap<DataIndex, Map<string, ReturnType<typeof buildCarbonModel>>>();

/**
 * Models built for regions with sub-regions, per dataset index, period and basis, by the region they were built
 * for: such a model holds each region directly below that one with its whole chain, so such a region without
 * sub-regions of its own is priced from it. `estimate --all` then builds one model for a parent and its many
 * sub-regions, not one for each of them (garbage in proportion to the regions, which the heap grows with). The
 * models kept hold at most {@link MAX_KEPT_SLOTS_PER_REGION} slots a region of the data, however deep the tree is.
 */
const parentModels = new WeakMap<DataIndex, Map<string, { byRegion: Map<string, CarbonModel>; slots: number }>>();

/** The slots of the parents' models kept (see {@link parentModels}), per region of the data. */
const MAX_KEPT_SLOTS_PER_REGION = 2;

type CarbonModel = ReturnType<typeof buildCarbonModel>;

/**
 * The share tree of a period, its world shares and where each slot's hashrate is priced, for pricing one region:
 * the whole tree's when the world is asked for (kept, and used for every region after), else only the part the
 * region's intensity rests on (its chain and the regions below it), which gives the same intensity and costs in
 * proportion to that part, not to the whole data. A region without sub-regions is priced from the part last built
 * for a region above it, when there is one: its slot's share and intensity are the same there.
 */
function carbonModel(index: DataIndex, period: Period, basis: CarbonBasis, regionId: string) {
  const key = `${describePeriod(period)} ${basis}`;
  let models = carbonModels.get(index);
  if (!models) carbonModels.set(index, (models = new Map()));
  if (models.has(key)) return models.get(key);
  if (index.regions.get(regionId)?.parent !== null) return partialCarbonModel(index, period, basis, regionId, key);
  const model = buildCarbonModel(index, period, basis);
  models.set(key, model);
  return model;
}

function partialCarbonModel(index: DataIndex, period: Period, basis: CarbonBasis, regionId: string, key: string) {
  let byKey = parentModels.get(index);
  if (!byKey) parentModels.set(index, (byKey = new Map()));
  let kept = byKey.get(key);
  if (!kept) byKey.set(key, (kept = { byRegion: new Map(), slots: 0 }));
  const isParent = index.children.has(regionId);
  if (!isParent) {
    const parentId = index.regions.get(regionId)?.parent;
    const parentModel = parentId == null ? undefined : kept.byRegion.get(parentId);
    if (parentModel?.tree.slots.has(regionId)) return parentModel;
  }
  const model = buildCarbonModel(index, period, basis, regionId);
  const slots = model?.tree.ids.length ?? 0;
  if (isParent && kept.slots + slots <= MAX_KEPT_SLOTS_PER_REGION * index.regions.size) {
    kept.byRegion.set(regionId, model);
    kept.slots += slots;
  }
  return model;
}

function buildCarbonModel(index: DataIndex, period: Period, basis: CarbonBasis, regionId?: string) {
  const world = index.data.regions.find((r) => r.parent === null);
  if (!world) return undefined;
  const { links } = shareLinks(index, period, regionId);
  const tree = shareTree(world.id, links);
  return { tree, links, values: linkShares(tree, links), layout: carbonLayout(index, tree, period.year, basis) };
}

/**
 * An energy's carbon at one grid intensity, at its best guess and at each bound it has (null for a bound it has
 * not): the bracket's ends here, and the report's rows for an all-hydro and an all-coal grid.
 */
export function carbonOverBounds(
  energy: Energy,
  gco2PerKwh: number,
): { mtco2: number; lowerMtco2: number | null; upperMtco2: number | null } {
  return {
    mtco2: mtco2FromTwh(energy.twh, gco2PerKwh),
    lowerMtco2: energy.lowerTwh === null ? null : mtco2FromTwh(energy.lowerTwh, gco2PerKwh),
    upperMtco2: energy.upperTwh === null ? null : mtco2FromTwh(energy.upperTwh, gco2PerKwh),
  };
}

export interface CarbonOptions {
  /** The basis of the intensities to use. */
  basis: CarbonBasis;
  /** [low, high] g/kWh for a carbon bracket, or undefined for none. */
  bracket?: { low: number; high: number };
  /** The basis source's own carbon figure to show beside ours. */
  reported: { mtco2: number; source: string } | null;
}

/**
 * Carbon for an estimate: Mt CO2 = TWh × g/kWh ÷ 1,000, at the region's intensity (the share-weighted network
 * intensity for the world), with bounds when the energy has them.
 * @returns the carbon (null when no intensity is known), the warnings it raises and the sources it used.
 */
export function estimateCarbon(
  index: DataIndex,
  chain: readonly Region[],
  period: Period,
  energy: Energy,
  options: CarbonOptions,
): { carbon: CarbonEstimate | null; warnings: Warning[]; sources: string[] } {
  const region = chain[0] as Region;
  const year = period.year;
  const mix = intensityMix(index, region.id, period, options.basis);
  let found: CarbonFound | undefined;
  if (mix && mix.parts.length > 1) found = mixedIntensity(index, region, year, mix, options.basis);
  else {
    const record = mix?.parts[0]?.record ?? chooseIntensity(index, chain, year, options.basis);
    if (record) found = singleIntensity(index, region, year, record, options.basis);
  }
  if (!found) {
    return {
      carbon: null,
      warnings: [
        warn(
          'carbon-none',
          `No carbon intensity is recorded for ${region.name} or any region above it; carbon is not estimated.`,
        ),
      ],
      sources: [],
    };
  }
  const { intensity, weights, warnings, sources } = found;
  const at = (twh: number | null, gco2PerKwh = intensity.gco2PerKwh) =>
    twh === null ? null : mtco2FromTwh(twh, gco2PerKwh);
  const lowEnd = carbonOverBounds(energy, options.bracket?.low ?? 0);
  const highEnd = carbonOverBounds(energy, options.bracket?.high ?? 0);
  const bracket = options.bracket
    ? {
        lowGco2PerKwh: options.bracket.low,
        highGco2PerKwh: options.bracket.high,
        // From the lower bound on the cleanest grid to the upper bound on the dirtiest (the best guess for a
        // bound the energy has not).
        lowMtco2: lowEnd.lowerMtco2 ?? lowEnd.mtco2,
        highMtco2: highEnd.upperMtco2 ?? highEnd.mtco2,
      }
    : null;
  return {
    carbon: {
      mtco2: mtco2FromTwh(energy.twh, intensity.gco2PerKwh),
      lowerMtco2: at(energy.lowerTwh),
      upperMtco2: at(energy.upperTwh),
      gco2PerKwh: intensity.gco2PerKwh,
      region: intensity.region,
      year: intensity.year,
      basis: intensity.basis,
      mixedBases: intensity.mixedBases,
      source: intensity.source,
      evidence: intensity.evidence,
      derived: intensity.derived,
      reported: options.reported,
      weights,
      bracket,
    },
    warnings,
    sources,
  };
}

interface CarbonFound {
  intensity: Pick<
    CarbonEstimate,
    'gco2PerKwh' | 'region' | 'year' | 'basis' | 'mixedBases' | 'source' | 'evidence' | 'derived'
  >;
  weights: CarbonWeight[] | null;
  warnings: Warning[];
  sources: string[];
}

/** Carbon at one recorded intensity: the region's own, or the nearest ancestor's, with what differs from the ask. */
function singleIntensity(
  index: DataIndex,
  region: Region,
  year: number,
  record: CarbonIntensity,
  basis: CarbonBasis,
): CarbonFound {
  const warnings: Warning[] = [];
  const recordRegion = index.regions.get(record.region) as Region;
  if (record.region !== region.id) {
    warnings.push(
      warn(
        'carbon-borrowed',
        `No carbon intensity is recorded for ${region.name}; ${possessive(recordRegion.name)} grid intensity is used.`,
      ),
    );
  }
  if (record.year !== year) {
    const gap = Math.abs(record.year - year);
    warnings.push(
      warn(
        'carbon-year',
        `The carbon intensity is ${possessive(recordRegion.name)} for ${record.year}, ${gap} year${gap === 1 ? '' : 's'} from ${year}.`,
      ),
    );
  }
  if (record.basis !== basis) {
    warnings.push(
      warn(
        'carbon-basis',
        `No ${basis} carbon intensity is recorded for ${recordRegion.name}; its ${record.basis} one is used (the two bases differ by about 12%).`,
      ),
    );
  }
  return {
    intensity: { ...record, mixedBases: false, derived: record.derived === true },
    weights: null,
    warnings,
    sources: [record.source],
  };
}

/** Carbon at a share-weighted mean of several recorded intensities, with the parts that borrow or differ. */
function mixedIntensity(
  index: DataIndex,
  region: Region,
  year: number,
  mix: NonNullable<ReturnType<typeof intensityMix>>,
  basis: CarbonBasis,
): CarbonFound {
  const weights: CarbonWeight[] = mix.parts.map((p) => ({
    region: p.region,
    sharePct: p.sharePct,
    gco2PerKwh: p.record.gco2PerKwh,
    intensityRegion: p.record.region,
    year: p.record.year,
    basis: p.record.basis,
    source: p.record.source,
  }));
  const label = region.parent === null ? 'The network intensity' : `${possessive(region.name)} carbon intensity`;
  const nameOf = (id: string) => index.regions.get(id)?.name ?? id;
  const warnings = [
    warn(
      'carbon-weighted',
      sharesCaveat(
        label,
        year,
        mix.links.map((l) => ({ ...l, name: nameOf(l.id) })),
      ),
    ),
  ];
  const borrowedBy = new Map<string, string[]>();
  for (const w of weights) {
    if (w.intensityRegion === w.region || w.region === region.id) continue;
    const borrowers = borrowedBy.get(w.intensityRegion);
    if (borrowers) borrowers.push(w.region);
    else borrowedBy.set(w.intensityRegion, [w.region]);
  }
  for (const [at, borrowers] of borrowedBy) {
    const where =
      index.regions.get(at)?.parent === null ? 'the world grid average' : `${possessive(nameOf(at))} grid intensity`;
    warnings.push(
      warn('carbon-borrowed', `${label} counts ${borrowers.map(nameOf).join(', ')} at ${where}.`, borrowers),
    );
  }
  const unplaced = weights.find((w) => w.region === region.id && region.parent === null);
  if (unplaced && unplaced.sharePct >= 0.5) {
    warnings.push(
      warn(
        'carbon-unplaced',
        `${label}: the recorded parts of ${region.name} add up to ${formatPct(100 - unplaced.sharePct)}% for ${year}; the other ${formatPct(unplaced.sharePct)}% is in no recorded region and is counted at the world grid average.`,
      ),
    );
  }
  const otherYears = [
    ...new Set(weights.filter((w) => w.year !== year).map((w) => `${nameOf(w.intensityRegion)} ${w.year}`)),
  ];
  if (otherYears.length > 0) {
    warnings.push(
      warn('carbon-year', `${label} uses intensities from years other than ${year}: ${otherYears.join(', ')}.`),
    );
  }
  const other = [...new Set(weights.filter((w) => w.basis !== basis).map((w) => w.intensityRegion))];
  if (other.length > 0) {
    warnings.push(
      warn(
        'carbon-basis',
        `${label} mixes bases: ${other.join(', ')} ${other.length === 1 ? 'has' : 'have'} no ${basis} intensity and ${other.length === 1 ? 'is' : 'are'} counted on the ${basis === 'life-cycle' ? 'direct' : 'life-cycle'} basis.`,
        other,
      ),
    );
  }
  return {
    intensity: {
      gco2PerKwh: mix.gco2PerKwh,
      region: region.id,
      year,
      basis,
      mixedBases: other.length > 0,
      source: SHARE_WEIGHTED_SOURCE,
      evidence: 'computed',
      derived: true,
    },
    weights,
    warnings,
    sources: [...new Set(weights.map((w) => w.source))],
  };
}

/**
 * One line on the sub-region shares a mixed intensity weights by: whose, and how many are from outside the year,
 * from before a structural break, approximate or secondhand (`shares --region` lists them).
 */
function sharesCaveat(label: string, year: number, links: readonly (ShareLink & { name: string })[]): string {
  const count = (n: number, what: string) => (n > 0 ? [`${n} ${what}`] : []);
  const flags = [
    ...count(links.filter((l) => l.distanceMonths !== 0).length, `from outside ${year}`),
    ...count(links.filter((l) => l.breaks.length > 0).length, 'from before a structural break'),
    ...count(links.filter((l) => l.approximate).length, 'approximate'),
    ...count(links.filter((l) => l.secondhand).length, 'secondhand'),
  ];
  const names = links.map((l) => l.name).join(', ');
  return `${label} weights by the shares of ${names}${flags.length > 0 ? ` (of ${links.length}: ${flags.join(', ')})` : ''}.`;
}
