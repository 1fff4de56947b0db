import type { Dataset } from '../data/dataset.js';
import type { Baseline, NetworkSeries, NetworkValue, Region } from '../data/schemas.js';
import { UsageError } from '../errors.js';
import { type CarbonEstimate, estimateCarbon } from './carbon.js';
import { rankAmong } from './compare.js';
import { type Percentiles, simulateEstimate, type UncertaintyOptions } from './uncertainty.js';
import { type DataIndex, indexData, regionChain, sourceOf } from './lookup.js';
import { describeDistance, monthPeriod, type Period, yearPeriod } from './period.js';
import { chooseShare } from './shares.js';
import { normaliseName, possessive } from './text.js';
import { gwFromTwhPerYear } from './units.js';

/** Options for {@link estimate}. */
export interface EstimateOptions {
  /** Calendar year; without it (and without `month`), the latest year a measured estimate covers. */
  year?: number;
  /** One month, YYYY-MM; the energy is then that month's annual rate. Not with `year`. */
  month?: string;
  /** Use this network-energy series as the basis. */
  series?: string;
  /** Compare with this electricity baseline (default: the first in the data). */
  baseline?: string;
  /** Add a carbon bracket between these grid intensities, g CO2/kWh (CBECI: 24 all-hydro, 820 all-coal). */
  carbonBracket?: { low: number; high: number };
  /** Run a Monte Carlo and add 5th, 50th and 95th percentiles to energy and carbon. */
  uncertainty?: UncertaintyOptions;
  /** A network total computed by a model (see `network`), used as the world basis instead of a shipped series. */
  basis?: ComputedBasis;
}

/** A world network total from a model run, with what it rests on. */
export interface ComputedBasis {
  /** `bottom-up` or `top-down`. */
  method: string;
  year: number;
  twh: number;
  lowerTwh: number | null;
  upperTwh: number | null;
  /** Source ids behind the model's inputs (the hardware list's). */
  sources: string[];
  inputs: Record<string, number | string | null>;
  warnings: string[];
}

/** `basis.source` of an estimate on a computed basis. */
export const COMPUTED_SOURCE = 'computed';

export interface ShareLink {
  region: string;
  of: string;
  pct: number;
  months: string[];
  sources: string[];
  approximate: boolean;
  /** ± percentage points stated in the data for the shares used, or null. */
  precisionPct: number | null;
  notes: string[];
}

/** One region's estimate: the shape of the `--json` contract (before rounding). */
export interface Estimate {
  region: { id: string; name: string; kind: Region['kind']; parent: string | null };
  year: number;
  month: string | null;
  energy: { twh: number; lowerTwh: number | null; upperTwh: number | null } & Partial<Percentiles>;
  power: { gw: number; lowerGw: number | null; upperGw: number | null };
  share: { pct: number; of: string; links: ShareLink[] };
  basis: {
    series: string;
    scope: string;
    kind: NetworkSeries['kind'];
    year: number;
    twh: number;
    lowerTwh: number | null;
    upperTwh: number | null;
    source: string;
    approximate: boolean;
    derived: boolean;
    /** The model's inputs, for a computed basis. */
    inputs?: Record<string, number | string | null>;
  };
  carbon: (CarbonEstimate & Partial<Percentiles>) | null;
  comparison: {
    baseline: string;
    measure: Baseline['measure'];
    year: number;
    rank: number;
    count: number;
    above: { country: string; twh: number } | null;
    below: { country: string; twh: number } | null;
    /** The energy as a percentage of the electricity of the country the region is in, or null. */
    pctOfCountry: number | null;
    country: string | null;
  } | null;
  sources: { id: string; title: string; url: string | null }[];
  warnings: string[];
  /** The Monte Carlo settings, when the estimate has percentiles. */
  uncertainty: UncertaintyOptions | null;
}

interface Basis {
  series: NetworkSeries;
  value: NetworkValue;
  scopeIndex: number;
}

const yearsOf = (series: NetworkSeries) => series.values.map((v) => v.year);

function describeYears(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const contiguous = sorted.every((y, i) => i === 0 || y === (sorted[i - 1] as number) + 1);
  if (sorted.length > 2 && contiguous) return `${sorted[0]}–${sorted.at(-1)}`;
  return sorted.join(', ');
}

/** Series whose scope is on the chain, nearest scope first, in file order within a scope. */
function seriesOnChain(index: DataIndex, chain: readonly Region[]): { series: NetworkSeries; scopeIndex: number }[] {
  return chain.flatMap((region, scopeIndex) =>
    index.data.networkEnergy.filter((s) => s.scope === region.id).map((series) => ({ series, scopeIndex })),
  );
}

function availableYears(index: DataIndex, chain: readonly Region[]): string {
  const listed = seriesOnChain(index, chain).map(({ series }) => `${describeYears(yearsOf(series))} (${series.id})`);
  return listed.length > 0 ? listed.join(', ') : 'none';
}

/** The latest year a measured series on the chain covers (a projection only when there is no measured one). */
function defaultYear(index: DataIndex, chain: readonly Region[], forced: NetworkSeries | undefined): number {
  const candidates = forced ? [{ series: forced }] : seriesOnChain(index, chain);
  const estimates = candidates.filter(({ series }) => series.kind === 'estimate');
  const pool = estimates.length > 0 ? estimates : candidates;
  const years = pool.flatMap(({ series }) => yearsOf(series));
  if (years.length === 0) {
    throw new UsageError(`No network-energy series covers ${chain[0]?.name ?? 'this region'} or any region above it.`);
  }
  return Math.max(...years);
}

function findBasis(index: DataIndex, chain: readonly Region[], year: number, forced: NetworkSeries | undefined): Basis {
  const region = chain[0] as Region;
  if (forced) {
    const scopeIndex = chain.findIndex((r) => r.id === forced.scope);
    if (scopeIndex < 0) {
      throw new UsageError(
        `Series "${forced.id}" covers ${index.regions.get(forced.scope)?.name ?? forced.scope}, which is not ${region.name} or a region above it (${chain.map((r) => r.id).join(' → ')}).`,
      );
    }
    const value = forced.values.find((v) => v.year === year);
    if (!value) {
      throw new UsageError(
        `Series "${forced.id}" has no value for ${year}; it covers ${describeYears(yearsOf(forced))}.`,
      );
    }
    return { series: forced, value, scopeIndex };
  }
  for (const { series, scopeIndex } of seriesOnChain(index, chain)) {
    const value = series.values.find((v) => v.year === year);
    if (value) return { series, value, scopeIndex };
  }
  throw new UsageError(
    `No network-energy series covers ${year} for ${region.name}. Years available: ${availableYears(index, chain)}.`,
  );
}

function findCountryValue(baseline: Baseline, country: Region) {
  const names = [country.name, ...(country.aliases ?? [])].map(normaliseName);
  return (
    baseline.values.find((v) => country.iso !== undefined && v.iso3 === country.iso) ??
    baseline.values.find((v) => names.includes(normaliseName(v.country)))
  );
}

function chooseBaseline(index: DataIndex, id: string | undefined): Baseline | undefined {
  if (id === undefined) return index.data.baselines[0];
  const baseline = index.baselines.get(id);
  if (!baseline) {
    throw new UsageError(`Unknown baseline "${id}". Baselines: ${index.data.baselines.map((b) => b.id).join(', ')}.`);
  }
  return baseline;
}

function forcedSeries(index: DataIndex, id: string | undefined): NetworkSeries | undefined {
  if (id === undefined) return undefined;
  const series = index.series.get(id);
  if (!series) {
    throw new UsageError(`Unknown series "${id}". Series: ${index.data.networkEnergy.map((s) => s.id).join(', ')}.`);
  }
  return series;
}

/** Regions for which a regional estimate can be made: those with share data along their whole chain. */
export function regionsWithShares(data: Dataset): Region[] {
  const index = indexData(data);
  return data.regions.filter((region) => {
    const chain = regionChain(index, region.id);
    return chain.length > 1 && chain.slice(0, -1).every((r) => (index.sharesByRegion.get(r.id)?.length ?? 0) > 0);
  });
}

/**
 * Estimates the electricity used by bitcoin mining in one region.
 * @param regionId a region id (resolve a user's words with `resolveRegion` first).
 * @throws UsageError when no series covers the year or a share is missing.
 */
export function estimate(data: Dataset, regionId: string, options: EstimateOptions = {}): Estimate {
  const index = indexData(data);
  const chain = regionChain(index, regionId);
  const region = chain[0];
  if (!region) throw new UsageError(`Unknown region "${regionId}".`);
  if (options.year !== undefined && options.month !== undefined)
    throw new UsageError('Give --year or --month, not both.');
  if (options.basis && options.series !== undefined) throw new UsageError('Give --series or a model basis, not both.');
  const world = chain.at(-1) as Region;
  const forced: NetworkSeries | undefined = options.basis
    ? {
        id: options.basis.method,
        scope: world.id,
        kind: 'estimate',
        source: COMPUTED_SOURCE,
        values: [
          {
            year: options.year ?? (options.month ? Number(options.month.slice(0, 4)) : options.basis.year),
            twh: options.basis.twh,
            ...(options.basis.lowerTwh === null ? {} : { lowerTwh: options.basis.lowerTwh }),
            ...(options.basis.upperTwh === null ? {} : { upperTwh: options.basis.upperTwh }),
            derived: true,
          },
        ],
      }
    : forcedSeries(index, options.series);
  const warnings: string[] = [];

  const chosenYear = options.month !== undefined ? Number(options.month.slice(0, 4)) : options.year;
  const year = chosenYear ?? defaultYear(index, chain, forced);
  const period: Period = options.month !== undefined ? monthPeriod(options.month) : yearPeriod(year);
  const basis = findBasis(index, chain, year, forced);
  const scope = chain[basis.scopeIndex] as Region;

  for (const r of chain) if (r.note) warnings.push(`${r.name}: ${r.note}`);

  const links: ShareLink[] = [];
  let sharePct = 100;
  const sourceIds = new Set<string>(options.basis ? options.basis.sources : [basis.series.source]);
  for (const warning of options.basis?.warnings ?? []) warnings.push(`Basis (${options.basis?.method}): ${warning}`);
  for (const child of chain.slice(0, basis.scopeIndex)) {
    const parent = index.regions.get(child.parent as string) as Region;
    const records = index.sharesByRegion.get(child.id);
    if (!records || records.length === 0) {
      throw new UsageError(
        `No hashrate share is recorded for ${child.name} (of ${parent.name}), so ${region.name} cannot be estimated.`,
      );
    }
    const choice = chooseShare(records, period);
    const what = `${possessive(child.name)} share of ${parent.name}`;
    if (choice.distanceMonths !== 0) {
      warnings.push(`${what} is from ${choice.months[0]}, ${describeDistance(choice.distanceMonths, period)}.`);
    } else if (period.kind === 'year' && choice.months.length < 12) {
      const months =
        choice.months.length === 1
          ? `one month (${choice.months[0]})`
          : `${choice.months.length} months (${choice.months[0]} to ${choice.months.at(-1)})`;
      warnings.push(`${what} in ${year} rests on ${months}, not 12.`);
    }
    for (const record of choice.records) {
      if (record.approximate) {
        warnings.push(
          `${what} in ${record.month} (${record.sharePct}%) is approximate${record.note ? `: ${record.note}` : '.'}`,
        );
      }
    }
    if (choice.pct === 0) {
      warnings.push(
        `${what} is 0% in ${choice.months.join(', ')}: no hashrate is recorded there, so the estimate is zero.`,
      );
    }
    const sources = [...new Set(choice.records.map((r) => r.source))];
    for (const s of sources) sourceIds.add(s);
    links.push({
      region: child.id,
      of: parent.id,
      pct: choice.pct,
      months: choice.months,
      sources,
      approximate: choice.approximate,
      precisionPct: choice.records.some((r) => r.precisionPct !== undefined)
        ? Math.max(...choice.records.map((r) => r.precisionPct ?? 0))
        : null,
      notes: [...new Set(choice.records.flatMap((r) => (r.note ? [r.note] : [])))],
    });
    sharePct *= choice.pct / 100;
  }

  if (basis.series.kind === 'projection') {
    warnings.push(
      `The basis is a projection (series ${basis.series.id})${basis.series.note ? `: ${basis.series.note}` : ', not a measurement.'}`,
    );
  }
  if (basis.value.approximate) warnings.push(`The basis (${basis.series.id}, ${year}) is approximate.`);
  if (chosenYear === undefined && !forced) {
    for (const { series } of seriesOnChain(index, chain)) {
      const later = yearsOf(series).filter((y) => y > year);
      if (series.kind === 'projection' && later.length > 0) {
        const scopeName = index.regions.get(series.scope)?.name ?? series.scope;
        warnings.push(
          `A projection for ${scopeName} covers ${describeYears(later)} (series ${series.id}); ask for it with --year ${Math.max(...later)}.`,
        );
      }
    }
  }

  const fraction = sharePct / 100;
  const twh = fraction * basis.value.twh;
  const lowerTwh = basis.value.lowerTwh === undefined ? null : fraction * basis.value.lowerTwh;
  const upperTwh = basis.value.upperTwh === undefined ? null : fraction * basis.value.upperTwh;

  const carbonResult = estimateCarbon(
    index,
    chain,
    period,
    { twh, lowerTwh, upperTwh },
    {
      ...(options.carbonBracket ? { bracket: options.carbonBracket } : {}),
      reported:
        basis.value.mtco2 !== undefined && basis.scopeIndex === 0
          ? { mtco2: basis.value.mtco2, source: basis.series.source }
          : null,
    },
  );
  const carbon = carbonResult.carbon;
  warnings.push(...carbonResult.warnings);
  for (const id of carbonResult.sources) sourceIds.add(id);

  let comparison: Estimate['comparison'] = null;
  const baseline = chooseBaseline(index, options.baseline);
  if (baseline) {
    sourceIds.add(baseline.source);
    const ranking = rankAmong(baseline, twh);
    const country = chain.find((r) => r.kind === 'country');
    const countryValue = country ? findCountryValue(baseline, country) : undefined;
    comparison = {
      baseline: baseline.id,
      measure: baseline.measure,
      year: baseline.year,
      rank: ranking.rank,
      count: ranking.count,
      above: ranking.above ? { country: ranking.above.country, twh: ranking.above.twh } : null,
      below: ranking.below ? { country: ranking.below.country, twh: ranking.below.twh } : null,
      pctOfCountry: countryValue && countryValue.twh > 0 ? (twh / countryValue.twh) * 100 : null,
      country: countryValue ? countryValue.country : null,
    };
  }

  const simulation = options.uncertainty
    ? simulateEstimate(
        {
          basis: {
            twh: basis.value.twh,
            lowerTwh: basis.value.lowerTwh ?? null,
            upperTwh: basis.value.upperTwh ?? null,
          },
          links: links.map((l) => ({
            pct: l.pct,
            precisionPct: l.precisionPct ?? (l.approximate ? (options.uncertainty?.shareSpreadPct ?? 0) : 0),
          })),
          gco2PerKwh: carbon?.gco2PerKwh ?? null,
        },
        options.uncertainty,
      )
    : null;

  return {
    region: { id: region.id, name: region.name, kind: region.kind, parent: region.parent },
    year,
    month: period.kind === 'month' ? period.month : null,
    energy: { twh, lowerTwh, upperTwh, ...simulation?.energy },
    power: {
      gw: gwFromTwhPerYear(twh),
      lowerGw: lowerTwh === null ? null : gwFromTwhPerYear(lowerTwh),
      upperGw: upperTwh === null ? null : gwFromTwhPerYear(upperTwh),
    },
    share: { pct: sharePct, of: scope.id, links },
    basis: {
      series: basis.series.id,
      scope: scope.id,
      kind: basis.series.kind,
      year,
      twh: basis.value.twh,
      lowerTwh: basis.value.lowerTwh ?? null,
      upperTwh: basis.value.upperTwh ?? null,
      source: basis.series.source,
      approximate: basis.value.approximate === true,
      derived: basis.value.derived === true,
      ...(options.basis ? { inputs: options.basis.inputs } : {}),
    },
    carbon: carbon && simulation?.carbon ? { ...carbon, ...simulation.carbon } : carbon,
    comparison,
    sources: [...sourceIds].sort().map((id) => sourceOf(index, id)),
    warnings,
    uncertainty: options.uncertainty ?? null,
  };
}
