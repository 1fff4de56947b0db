import type { CarbonBasis, CarbonIntensity, Evidence, Region } from '../data/schemas.js';
import type { DataIndex } from './lookup.js';
import type { Period } from './period.js';
import { partitionOf } from './shares.js';
import { possessive } from './text.js';
import { mtco2FromTwh } from './units.js';

/** Grid intensities of an all-hydro and an all-coal grid, g CO2/kWh (CBECI's factors, IPCC AR5 medians). */
export const CARBON_BRACKET_GCO2_PER_KWH = { low: 24, high: 820 } as const;

/** `carbon.source` when the intensity is a share-weighted mean of regions' intensities. */
export const SHARE_WEIGHTED_SOURCE = 'share-weighted';

export interface CarbonWeight {
  region: string;
  /** Share of the world's hashrate in the period, 0–100. */
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
  /** For the world region: the regions' shares and intensities behind the share-weighted mean; else null. */
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
 * The intensity recorded for the region, else its nearest ancestor with one, at the year or the nearest (earlier on
 * a tie): on the basis asked where that region has one, else on its other basis (the record's `basis` says which).
 * A region's own grid comes before the basis: the two bases differ by about 12%, a province and its country by up
 * to a factor of five (Sichuan's hydro against China's coal).
 */
export function chooseIntensity(
  index: DataIndex,
  chain: readonly Region[],
  year: number,
  basis: CarbonBasis,
): CarbonIntensity | undefined {
  for (const region of chain) {
    const records = index.carbonByRegion.get(region.id) ?? [];
    if (records.length === 0) continue;
    const onBasis = records.filter((r) => r.basis === basis);
    return [...(onBasis.length > 0 ? onBasis : records)].sort(
      (a, b) => Math.abs(a.year - year) - Math.abs(b.year - year) || a.year - b.year,
    )[0];
  }
  return undefined;
}

/**
 * The network's intensity: the mean of the world's children's intensities weighted by their hashrate shares in
 * the period. A child without its own intensity (CBECI's remainder) takes the world grid average.
 */
export function networkIntensity(
  index: DataIndex,
  world: Region,
  period: Period,
  basis: CarbonBasis,
): { gco2PerKwh: number; weights: CarbonWeight[]; warnings: string[] } | undefined {
  const weights: CarbonWeight[] = [];
  const partition = partitionOf(index, world, period);
  for (const { child, pct } of partition.links) {
    const intensity = chooseIntensity(index, [child, world], period.year, basis);
    if (!intensity) continue;
    weights.push({
      region: child.id,
      sharePct: pct,
      gco2PerKwh: intensity.gco2PerKwh,
      intensityRegion: intensity.region,
      year: intensity.year,
      basis: intensity.basis,
      source: intensity.source,
    });
  }
  const total = weights.reduce((sum, w) => sum + w.sharePct, 0);
  if (total <= 0) return undefined;
  return {
    gco2PerKwh: weights.reduce((sum, w) => sum + w.sharePct * w.gco2PerKwh, 0) / total,
    weights,
    warnings: [...partition.warnings, ...partition.links.flatMap((l) => (l.adjustment ? [l.adjustment] : []))].map(
      (w) => `Network intensity: ${w}`,
    ),
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
): { carbon: CarbonEstimate | null; warnings: string[]; sources: string[] } {
  const region = chain[0] as Region;
  const year = period.year;
  const warnings: string[] = [];
  let intensity: Pick<
    CarbonEstimate,
    'gco2PerKwh' | 'region' | 'year' | 'basis' | 'mixedBases' | 'source' | 'evidence' | 'derived'
  >;
  let weights: CarbonWeight[] | null = null;
  let sources: string[];
  const network = region.parent === null ? networkIntensity(index, region, period, options.basis) : undefined;
  if (network) {
    weights = network.weights;
    sources = [...new Set(network.weights.map((w) => w.source))];
    const other = network.weights.filter((w) => w.basis !== options.basis);
    intensity = {
      gco2PerKwh: network.gco2PerKwh,
      region: region.id,
      year,
      basis: options.basis,
      mixedBases: other.length > 0,
      source: SHARE_WEIGHTED_SOURCE,
      evidence: 'computed',
      derived: true,
    };
    warnings.push(...network.warnings);
    const borrowed = network.weights.filter((w) => w.intensityRegion !== w.region).map((w) => w.region);
    if (borrowed.length > 0) {
      warnings.push(`The network intensity counts ${borrowed.join(', ')} at the world grid average.`);
    }
    if (other.length > 0) {
      warnings.push(
        `The network intensity mixes bases: ${other.map((w) => w.region).join(', ')} ${other.length === 1 ? 'has' : 'have'} no ${options.basis} intensity and ${other.length === 1 ? 'is' : 'are'} counted on the ${other[0]?.basis} basis.`,
      );
    }
  } else {
    const record = chooseIntensity(index, chain, year, options.basis);
    if (!record) {
      warnings.push(
        `No carbon intensity is recorded for ${region.name} or any region above it; carbon is not estimated.`,
      );
      return { carbon: null, warnings, sources: [] };
    }
    const recordRegion = index.regions.get(record.region) as Region;
    if (record.region !== region.id) {
      warnings.push(
        `No carbon intensity is recorded for ${region.name}; ${possessive(recordRegion.name)} grid intensity is used.`,
      );
    }
    if (record.year !== year) {
      const gap = Math.abs(record.year - year);
      warnings.push(
        `The carbon intensity is ${possessive(recordRegion.name)} for ${record.year}, ${gap} year${gap === 1 ? '' : 's'} from ${year}.`,
      );
    }
    if (record.basis !== options.basis) {
      warnings.push(
        `No ${options.basis} carbon intensity is recorded for ${recordRegion.name}; its ${record.basis} one is used (the two bases differ by about 12%).`,
      );
    }
    intensity = { ...record, mixedBases: false, derived: record.derived === true };
    sources = [record.source];
  }
  const at = (twh: number | null, gco2PerKwh = intensity.gco2PerKwh) =>
    twh === null ? null : mtco2FromTwh(twh, gco2PerKwh);
  const bracket = options.bracket
    ? {
        lowGco2PerKwh: options.bracket.low,
        highGco2PerKwh: options.bracket.high,
        lowMtco2: mtco2FromTwh(energy.lowerTwh ?? energy.twh, options.bracket.low),
        highMtco2: mtco2FromTwh(energy.upperTwh ?? energy.twh, options.bracket.high),
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
