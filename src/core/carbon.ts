import type { CarbonIntensity, Region } from '../data/schemas.js';
import type { DataIndex } from './lookup.js';
import type { Period } from './period.js';
import { chooseShare } from './shares.js';
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
  source: string;
}

export interface CarbonEstimate {
  mtco2: number;
  lowerMtco2: number | null;
  upperMtco2: number | null;
  gco2PerKwh: number;
  region: string;
  year: number;
  source: string;
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

/** The intensity recorded for the region or its nearest ancestor, at the year or the nearest (earlier on a tie). */
export function chooseIntensity(index: DataIndex, chain: readonly Region[], year: number): CarbonIntensity | undefined {
  for (const region of chain) {
    const records = index.carbonByRegion.get(region.id);
    if (!records || records.length === 0) continue;
    return [...records].sort((a, b) => Math.abs(a.year - year) - Math.abs(b.year - year) || a.year - b.year)[0];
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
): { gco2PerKwh: number; weights: CarbonWeight[] } | undefined {
  const weights: CarbonWeight[] = [];
  for (const child of index.data.regions.filter((r) => r.parent === world.id)) {
    const shares = index.sharesByRegion.get(child.id);
    const intensity = chooseIntensity(index, [child, world], period.year);
    if (!shares || shares.length === 0 || !intensity) continue;
    weights.push({
      region: child.id,
      sharePct: chooseShare(shares, period).pct,
      gco2PerKwh: intensity.gco2PerKwh,
      intensityRegion: intensity.region,
      year: intensity.year,
      source: intensity.source,
    });
  }
  const total = weights.reduce((sum, w) => sum + w.sharePct, 0);
  if (total <= 0) return undefined;
  return { gco2PerKwh: weights.reduce((sum, w) => sum + w.sharePct * w.gco2PerKwh, 0) / total, weights };
}

export interface CarbonOptions {
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
  let intensity: { gco2PerKwh: number; region: string; year: number; source: string; derived: boolean };
  let weights: CarbonWeight[] | null = null;
  let sources: string[];
  const network = region.parent === null ? networkIntensity(index, region, period) : undefined;
  if (network) {
    weights = network.weights;
    sources = [...new Set(network.weights.map((w) => w.source))];
    intensity = {
      gco2PerKwh: network.gco2PerKwh,
      region: region.id,
      year,
      source: SHARE_WEIGHTED_SOURCE,
      derived: true,
    };
    const borrowed = network.weights.filter((w) => w.intensityRegion !== w.region).map((w) => w.region);
    if (borrowed.length > 0) {
      warnings.push(`The network intensity counts ${borrowed.join(', ')} at the world grid average.`);
    }
  } else {
    const record = chooseIntensity(index, chain, year);
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
    intensity = { ...record, derived: record.derived === true };
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
      source: intensity.source,
      derived: intensity.derived,
      reported: options.reported,
      weights,
      bracket,
    },
    warnings,
    sources,
  };
}
