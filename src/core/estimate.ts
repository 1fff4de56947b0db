import type { z } from 'zod';
import type { EstimateOutputSchema } from '../contract/estimate.js';
import { yearsCovered } from '../data/dates.js';
import type { ProgressCallback } from './common/progress.js';
import type { Dataset } from '../data/dataset.js';
import type { Baseline, BaselineValue, CarbonBasis, Evidence, NetworkSeries, Region } from '../data/schemas.js';
import { UsageError } from '../errors.js';
import {
  type AlternativeTotal,
  alternativeTotals,
  chooseBasis,
  choosePeriod,
  findSeries,
  laterReadings,
  seriesIds,
  seriesOnChain,
} from './network/basis.js';
import { BOTTOM_UP_SOURCE, computedSeriesOf, sourcesOfSeries } from './network/computed-series.js';
import { caveatsOf, restsOnSecondhand } from './common/caveats.js';
import { type Warning, warn } from './common/warnings.js';
import { type Energy, estimateCarbon } from './carbon/carbon.js';
import { defaultBaseline, rankAmong, valueYear } from './compare.js';
import { weakestEvidence } from './common/evidence.js';
import { type DataIndex, indexData, regionChain, sourceOf } from './regions/lookup.js';
import type { Period } from './common/period.js';
import { assertShareDataset, chooseLink, partitionLink, partitionOf, reporterOf } from './shares/shares.js';
import { normaliseName, possessive } from '../text.js';
import {
  DEFAULT_UNCERTAINTY,
  intervalOf,
  simulateEstimate,
  type UncertaintyOptions,
} from './uncertainty/uncertainty.js';
import { type Obtained, shareSpreadPct } from './shares/share-model.js';
import { gwFromTwhPerYear } from './common/units.js';
import { describeMonth } from './common/period.js';
import { about, checkCarbonBasis, checkCarbonBracket, checkComputedBasis, checkPeriod } from './common/validation.js';
import { checkUncertainty } from './uncertainty/uncertainty.js';
import { named } from './common/parameters.js';

/** Options for {@link estimate}. */
export interface EstimateOptions {
  /**
   * Calendar year; without it (and without `month`), the latest year a series can be the basis of without being
   * named: a measured total, the computed `bottom-up` series or an annualised reading.
   */
  year?: number;
  /**
   * One month, YYYY-MM: that month's shares applied to the network total of its year, so the energy is TWh a year
   * at the month's distribution, not the month's own energy. Not with `year`.
   */
  month?: string;
  /** Use this network-energy series as the basis (the only way to use a projection or a multi-year total). */
  series?: string;
  /** Prefer this share dataset's records (a survey, say) where it has any; the default records elsewhere. */
  shareDataset?: string;
  /** Carbon intensities on this basis (default life-cycle); another basis is used only where none exists, and said. */
  carbonBasis?: CarbonBasis;
  /** Compare with this electricity baseline (default: the latest year's, see defaultBaseline). */
  baseline?: string;
  /** Add a carbon bracket between these grid intensities, g CO2/kWh (CBECI: 24 all-hydro, 820 all-coal). */
  carbonBracket?: { low: number; high: number };
  /** Run a Monte Carlo and add 5th, 50th and 95th percentiles to energy and carbon. */
  uncertainty?: UncertaintyOptions;
  /** Told how many of the Monte Carlo's samples are drawn, now and then. */
  onProgress?: ProgressCallback;
  /** A network total computed by a model (see `network`), used as the world basis instead of a shipped series. */
  basis?: ComputedBasis;
  /** Refuse (UsageError) an estimate whose share crosses a structural break, rather than give it the widest range. */
  strictBreaks?: boolean;
  /**
   * How the record of a region (or year) left out words the error that left it out, in {@link estimateAll} and
   * {@link estimateYears} (default: the error's message, which names the library's parameters; the command line
   * names its flags).
   */
  reasonOf?: (error: UsageError) => string;
}

/** A world network total from a model run, with what it rests on. */
export interface ComputedBasis {
  /** `bottom-up` or `top-down`. */
  method: string;
  /** The year the total is for: that of `year` or `month` when the estimate names one, and of `inputs.date`. */
  year: number;
  twh: number;
  lowerTwh: number | null;
  upperTwh: number | null;
  /** Source ids behind the model's inputs (the hardware list's). */
  sources: string[];
  inputs: Record<string, number | string | null>;
  warnings: Warning[];
}

/** `basis.source` of an estimate on a computed basis. */
export const COMPUTED_SOURCE = 'computed';

export interface ShareLink {
  region: string;
  of: string;
  pct: number;
  months: string[];
  /** 0 when recorded in the period; else the signed distance in months of the nearest record the share rests on. */
  distanceMonths: number;
  sources: string[];
  /** The weakest grade of the records used. */
  evidence: Evidence;
  /** The share dataset used, or null for the default records. */
  dataset: string | null;
  approximate: boolean;
  /** ± percentage points stated in the data for the shares used, or null. */
  precisionPct: number | null;
  /** Ids of the structural breaks the share crosses to reach the period: it may not hold across them. */
  breaks: string[];
  notes: string[];
  /** How the share was obtained for the period (see src/core/shares/share-model.ts). */
  obtained: Obtained;
  /** The records it rests on: those averaged, the two interpolated between, or the one carried. */
  restsOn: { month: string; pct: number; source: string; evidence: Evidence }[];
  /** Whether a record it rests on is secondhand, or computed from a secondhand source. */
  secondhand: boolean;
  /** ± percentage points: the share's uncertainty by the share model ({@link shareSpreadPct}). */
  spreadPct: number;
}

export { CAVEATS, type Caveat } from './common/caveats.js';

/**
 * One region's estimate, before rounding: the type of the `--json` contract, defined once by its published schema
 * (src/contract/estimate.ts, whose descriptions document each field).
 */
export type Estimate = z.output<typeof EstimateOutputSchema>;

function findCountryValue(baseline: Baseline, country: Region) {
  const names = [country.name, ...(country.aliases ?? [])].map(normaliseName);
  return (
    baseline.values.find((v) => country.iso !== undefined && v.iso3 === country.iso) ??
    baseline.values.find((v) => names.includes(normaliseName(v.country)))
  );
}

function chooseBaseline(index: DataIndex, id: string | undefined): Baseline | undefined {
  if (id === undefined) return defaultBaseline(index.data.baselines);
  const baseline = index.baselines.get(id);
  if (!baseline) {
    throw new UsageError(`Unknown baseline "${id}". Baselines: ${index.data.baselines.map((b) => b.id).join(', ')}.`);
  }
  return baseline;
}

function forcedSeries(index: DataIndex, id: string | undefined): NetworkSeries | undefined {
  if (id === undefined) return undefined;
  const series = findSeries(index, id);
  if (!series) throw new UsageError(`Unknown series "${id}". Series: ${seriesIds(index).join(', ')}.`);
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

/** A computed basis as a one-value series of the world, for the year asked. */
function computedSeries(world: Region, basis: ComputedBasis, year: number): NetworkSeries {
  return {
    id: basis.method,
    scope: world.id,
    kind: 'estimate',
    source: COMPUTED_SOURCE,
    values: [
      {
        year,
        twh: basis.twh,
        ...(basis.lowerTwh === null ? {} : { lowerTwh: basis.lowerTwh }),
        ...(basis.upperTwh === null ? {} : { upperTwh: basis.upperTwh }),
        evidence: 'computed',
        derived: true,
      },
    ],
  };
}

/**
 * The share links from the region up to the basis scope (Sichuan of China, China of the world) and their product.
 * @throws UsageError when a link has no share recorded.
 */
function shareChain(
  index: DataIndex,
  chain: readonly Region[],
  scopeIndex: number,
  period: Period,
  options: EstimateOptions,
): {
  links: ShareLink[];
  pct: number;
  sources: string[];
  breakWarnings: Warning[];
  warnings: Warning[];
  secondhand: boolean;
} {
  const dataset = options.shareDataset;
  const settings = options.uncertainty ?? DEFAULT_UNCERTAINTY;
  const links: ShareLink[] = [];
  let secondhand = false;
  const sources: string[] = [];
  const breakWarnings: Warning[] = [];
  const warnings: Warning[] = [];
  let pct = 100;
  for (const child of chain.slice(0, scopeIndex)) {
    const parent = index.regions.get(child.parent as string) as Region;
    const found = chooseLink(index, child, parent, period, dataset);
    if (!found.ok) {
      throw new UsageError([
        `${found.reason}, so ${(chain[0] as Region).name} cannot be estimated.`,
        ...(found.remedy === undefined ? [] : [' ', ...found.remedy]),
      ]);
    }
    const { link } = found;
    const broken = link.breaks[0];
    if (options.strictBreaks && broken) {
      const { event, side } = broken;
      throw new UsageError([
        `${possessive(child.name)} share of ${parent.name} is from ${describeMonth(link.choice.months[0] as string)}, ${side} the break ${event.id} (${event.title}, ${describeMonth(event.month)}), and `,
        named('strictBreaks'),
        ' refuses a share applied across a break. Leave out ',
        named('strictBreaks'),
        ' to get the estimate with the wide range such a share gives.',
      ]);
    }
    breakWarnings.push(...link.breakWarnings);
    warnings.push(...link.warnings.slice(link.breakWarnings.length));
    // The share as the parent's division has it, so that every command gives a region the same share.
    const divided = link.dataset === null ? partitionLink(partitionOf(index, parent, period), child.id) : undefined;
    if (divided?.adjustment) warnings.push(warn('share-adjusted', divided.adjustment));
    const pctOfParent = divided?.pct ?? link.choice.pct;
    sources.push(...link.sources);
    const shareLink = {
      region: child.id,
      of: parent.id,
      pct: pctOfParent,
      months: link.choice.months,
      distanceMonths: link.choice.distanceMonths,
      sources: link.sources,
      evidence: link.evidence,
      dataset: link.dataset,
      approximate: link.choice.approximate,
      precisionPct: link.precisionPct,
      breaks: link.breaks.map((b) => b.event.id),
      notes: link.notes,
      obtained: link.choice.obtained,
      restsOn: link.choice.records.map((r) => ({
        month: r.month,
        pct: r.sharePct,
        source: r.source,
        evidence: r.evidence,
      })),
      secondhand: link.secondhand,
    };
    links.push({ ...shareLink, spreadPct: shareSpreadPct(shareLink, settings) });
    if (link.dataset !== null) {
      warnings.push(
        warn(
          'dataset-share',
          `${possessive(child.name)} share of ${parent.name} comes from the ${link.dataset} dataset and is applied to all of ${possessive(parent.name)} hashrate, as if that sample stood for the whole of it.`,
        ),
      );
    }
    secondhand ||= link.secondhand;
    pct *= pctOfParent / 100;
  }
  if (dataset !== undefined && !links.some((l) => l.dataset === dataset)) {
    warnings.push(
      warn(
        'dataset-fallback',
        `The ${dataset} dataset has no share on ${possessive((chain[0] as Region).name)} chain to ${(chain[scopeIndex] as Region).name}: the default shares are used.`,
      ),
    );
  }
  return { links, pct, sources, breakWarnings, warnings, secondhand };
}

/** A pointer to a projection on the chain for the same year, when the basis is a measurement. */
function projectionHint(index: DataIndex, chain: readonly Region[], year: number): Warning[] {
  return seriesOnChain(index, chain).flatMap(({ series }) => {
    if (series.kind !== 'projection' || !series.values.some((v) => yearsCovered(v).includes(year))) return [];
    const scope = index.regions.get(series.scope)?.name ?? series.scope;
    return [
      warn(
        'projection-available',
        `A projection for ${scope} also covers ${year} (series ${series.id}); it is not a measurement and is used only when asked for with --series ${series.id}.`,
      ),
    ];
  });
}

/** Where the energy stands among a baseline's countries, and its share of the region's own country. */
function compareWithCountries(
  index: DataIndex,
  chain: readonly Region[],
  baselineId: string | undefined,
  twh: number,
): Estimate['comparison'] {
  const baseline = chooseBaseline(index, baselineId);
  if (!baseline) return null;
  const ranking = rankAmong(baseline, twh);
  const country = chain.find((r) => r.kind === 'country');
  const countryValue = country ? findCountryValue(baseline, country) : undefined;
  return {
    baseline: baseline.id,
    measure: baseline.measure,
    year: baseline.year,
    rank: ranking.rank,
    count: ranking.count,
    above: ranking.above ? neighbourOf(baseline, ranking.above) : null,
    below: ranking.below ? neighbourOf(baseline, ranking.below) : null,
    pctOfCountry: countryValue && countryValue.twh > 0 ? (twh / countryValue.twh) * 100 : null,
    country: countryValue ? countryValue.country : null,
    countryYear: countryValue ? valueYear(baseline, countryValue) : null,
  };
}

function neighbourOf(baseline: Baseline, value: BaselineValue) {
  return { country: value.country, twh: value.twh, year: valueYear(baseline, value) };
}

type Chosen = ReturnType<typeof chooseBasis>;

/**
 * Checks an estimate's options as `estimate` does before it looks at a region: the period, the model basis, the
 * carbon settings, the share dataset, and the series and baseline named (which must exist). Several estimates of
 * one set of options check them once, so that a mistake in them is an error, not a reason given for each region.
 * @throws UsageError naming the option and what is wrong.
 */
export function checkEstimateOptions(data: Dataset, options: EstimateOptions): void {
  if (typeof options !== 'object' || options === null) throw new UsageError('expected an object of options.');
  const index = indexData(data);
  checkOptions(index, options);
  forcedSeries(index, options.series);
  if (options.baseline !== undefined) chooseBaseline(index, options.baseline);
}

/** Checks the options that need the data (a share dataset, a computed basis's period) beyond the type's own. */
function checkOptions(index: DataIndex, options: EstimateOptions): void {
  checkPeriod(options);
  if (options.carbonBasis !== undefined) about('carbonBasis', () => checkCarbonBasis(options.carbonBasis as string));
  if (options.uncertainty) checkUncertainty(options.uncertainty);
  const bracket = options.carbonBracket;
  if (bracket) about('carbonBracket', () => checkCarbonBracket(bracket));
  if (options.basis && options.series !== undefined) {
    throw new UsageError(['Give ', named('series'), ' or a model basis, not both.']);
  }
  if (options.basis) checkComputedBasis(options.basis, options);
  if (options.shareDataset !== undefined) assertShareDataset(index, options.shareDataset);
  if (options.reasonOf !== undefined && typeof options.reasonOf !== 'function') {
    throw new UsageError(
      `reasonOf must be a function that words the error leaving a region or year out, not ${typeof options.reasonOf}.`,
    );
  }
}

/** What a year chosen for the reader rests on, when it is not a measured total for the whole year. */
function defaultYearWarning(index: DataIndex, chain: readonly Region[], basis: Chosen): Warning[] {
  const { year, series, value } = basis;
  const computed = series.source === BOTTOM_UP_SOURCE;
  const later = laterReadings(index, chain, year);
  const readings = later
    ? ` ${later.year} has only annualised readings of one day (${later.series.join(', ')}): give --year ${later.year} to use one.`
    : '';
  const part = basis.coverage === 'partial-year' ? ` (${value.days} days, to ${value.through})` : '';
  if (computed) {
    return [
      warn(
        'default-year',
        `No year was given: ${year} is the latest year with a total, and only the ${series.id} series computed here covers it${part}.${readings}`,
      ),
    ];
  }
  switch (basis.coverage) {
    case 'partial-year':
      return [
        warn(
          'default-year',
          `No year was given: ${year} is the latest year with a published total, and ${series.id} covers only part of it${part}.${readings}`,
        ),
      ];
    case 'snapshot':
      return [
        warn(
          'default-year',
          `No year was given: ${year} is the latest year a series covers, and only ${possessive(series.id)} annualised reading of one day${value.asOf ? ` (${value.asOf})` : ''} covers it, not a total for the year.`,
        ),
      ];
    default:
      return [];
  }
}

/**
 * Step 1–2, period and basis: the series asked for (a named one, or a computed basis as a one-value series), the
 * period, and the network total for it, with what the reader must know about them.
 */
function periodAndBasis(index: DataIndex, chain: readonly Region[], options: EstimateOptions) {
  const world = chain.at(-1) as Region;
  const forced = options.basis
    ? computedSeries(
        world,
        options.basis,
        options.year ?? (options.month ? Number(options.month.slice(0, 4)) : options.basis.year),
      )
    : forcedSeries(index, options.series);
  const { period, defaulted } = choosePeriod(index, chain, options, forced);
  const basis = chooseBasis(index, chain, period.year, forced);
  const warnings: Warning[] = [];
  for (const r of chain) if (r.note) warnings.push(warn('region-note', `${r.name}: ${r.note}`, [r.id]));
  for (const warning of options.basis?.warnings ?? []) {
    warnings.push({ ...warning, message: `Basis (${options.basis?.method}): ${warning.message}` });
  }
  if (defaulted && !forced) warnings.push(...defaultYearWarning(index, chain, basis));
  warnings.push(...basis.warnings);
  if (basis.value.evidence === 'secondhand') {
    warnings.push(
      warn(
        'secondhand',
        `The basis (${basis.series.id}, ${period.year}) is secondhand: reported by ${reporterOf(index, basis.series.source)}.`,
      ),
    );
  }
  return { forced, period, basis, warnings };
}

/**
 * Step 4, energy: the region's share of the basis scope times the scope's total, TWh a year, and its bounds: the
 * basis's bounds and each share link's uncertainty combined by one rule ({@link intervalOf}), which the Monte Carlo
 * agrees with.
 */
function energyOf(sharePct: number, basis: Chosen, links: readonly ShareLink[]): Energy {
  const interval = intervalOf({
    basis: { twh: basis.twh, lowerTwh: basis.lowerTwh, upperTwh: basis.upperTwh },
    links: links.map((l) => ({ pct: l.pct, spreadPct: l.spreadPct })),
  });
  return {
    twh: (sharePct / 100) * basis.twh,
    lowerTwh: interval?.lowerTwh ?? null,
    upperTwh: interval?.upperTwh ?? null,
  };
}

/** Step 7, uncertainty: a Monte Carlo of the basis, the share links and the intensity, when asked for. */
function simulation(
  basis: Chosen,
  links: Estimate['share']['links'],
  gco2PerKwh: number | null,
  options: EstimateOptions,
) {
  const settings = options.uncertainty;
  if (!settings) return null;
  return simulateEstimate(
    {
      basis: { twh: basis.twh, lowerTwh: basis.lowerTwh, upperTwh: basis.upperTwh },
      links: links.map((l) => ({ pct: l.pct, spreadPct: l.spreadPct })),
      gco2PerKwh,
    },
    settings,
    options.onProgress,
  );
}

/** The `basis` of the estimate document: the series, the year's total and what it covers. */
function basisDocument(
  basis: Chosen,
  scope: Region,
  year: number,
  options: EstimateOptions,
  alternatives: AlternativeTotal[],
) {
  return {
    series: basis.series.id,
    scope: scope.id,
    kind: basis.series.kind,
    year,
    twh: basis.twh,
    lowerTwh: basis.lowerTwh,
    upperTwh: basis.upperTwh,
    source: basis.series.source,
    evidence: basis.value.evidence,
    coverage: basis.coverage,
    publishedTwh: basis.value.twh,
    factor: basis.factor,
    days: basis.value.days ?? null,
    through: basis.value.through ?? null,
    asOf: basis.value.asOf ?? null,
    fromYear: basis.value.toYear === undefined ? null : basis.value.year,
    toYear: basis.value.toYear ?? null,
    approximate: basis.value.approximate === true,
    derived: basis.value.derived === true,
    alternatives,
    ...(options.basis ? { inputs: options.basis.inputs } : {}),
  };
}

/**
 * Estimates the electricity used by bitcoin mining in one region: period → basis → share chain → energy →
 * carbon → comparison → uncertainty.
 * @param regionId a region id (resolve a user's words with `resolveRegion` first).
 * @throws UsageError when no series covers the year or a share is missing.
 */
export function estimate(data: Dataset, regionId: string, options: EstimateOptions = {}): Estimate {
  const index = indexData(data);
  const chain = regionChain(index, regionId);
  const region = chain[0];
  if (!region) throw new UsageError(`Unknown region "${regionId}".`);
  checkOptions(index, options);

  const { forced, period, basis, warnings } = periodAndBasis(index, chain, options);
  const { year } = period;
  const scope = chain[basis.scopeIndex] as Region;

  const shares = shareChain(index, chain, basis.scopeIndex, period, options);
  // A share applied across a structural break is what a reader must know first.
  warnings.unshift(...shares.breakWarnings);
  warnings.push(...shares.warnings);
  if (!forced && basis.series.kind !== 'projection') warnings.push(...projectionHint(index, chain, year));

  const energy = energyOf(shares.pct, basis, shares.links);

  const carbonBasis = options.carbonBasis ?? 'life-cycle';
  const carbonResult = estimateCarbon(index, chain, period, energy, {
    basis: carbonBasis,
    ...(options.carbonBracket ? { bracket: options.carbonBracket } : {}),
    reported:
      basis.mtco2 !== null && basis.scopeIndex === 0 ? { mtco2: basis.mtco2, source: basis.series.source } : null,
  });
  const { carbon } = carbonResult;
  warnings.push(...carbonResult.warnings);

  const comparison = compareWithCountries(index, chain, options.baseline, energy.twh);
  const baselineSource = comparison ? index.baselines.get(comparison.baseline)?.source : undefined;

  const simulated = simulation(basis, shares.links, carbon?.gco2PerKwh ?? null, options);

  // The other totals shown beside the basis are figures of the estimate too: their sources are cited with it.
  const alternatives = options.basis ? [] : alternativeTotals(index, basis);
  const alternativeSeries = alternatives.flatMap((alternative) => {
    const series = index.series.get(alternative.series) ?? computedSeriesOf(data)?.series;
    return series?.id === alternative.series ? [series] : [];
  });
  const sourceIds = new Set<string>([
    ...(options.basis ? options.basis.sources : sourcesOfSeries(data, basis.series)),
    ...alternativeSeries.flatMap((series) => sourcesOfSeries(data, series)),
    ...shares.sources,
    ...carbonResult.sources,
    ...(baselineSource ? [baselineSource] : []),
  ]);
  const { twh, lowerTwh, upperTwh } = energy;
  return {
    record: 'estimate',
    region: { id: region.id, name: region.name, kind: region.kind, parent: region.parent },
    year,
    month: period.kind === 'month' ? period.month : null,
    energy: { twh, lowerTwh, upperTwh, ...simulated?.energy },
    power: {
      gw: gwFromTwhPerYear(twh),
      lowerGw: lowerTwh === null ? null : gwFromTwhPerYear(lowerTwh),
      upperGw: upperTwh === null ? null : gwFromTwhPerYear(upperTwh),
    },
    share: { pct: shares.pct, of: scope.id, links: shares.links },
    basis: basisDocument(basis, scope, year, options, alternatives),
    evidence: weakestEvidence([basis.value.evidence, ...shares.links.map((l) => l.evidence)]),
    caveats: caveatsOf({
      regionNote: chain.some((r) => r.note),
      basis: {
        projection: basis.series.kind === 'projection',
        coverage: basis.coverage,
        approximate: basis.value.approximate === true,
        computed: basis.series.source === BOTTOM_UP_SOURCE || basis.series.source === COMPUTED_SOURCE,
      },
      secondhand:
        shares.secondhand || restsOnSecondhand(basis.value.evidence, index.sources.get(basis.series.source)?.evidence),
      links: shares.links,
      carbonOffBasis: carbon !== null && (carbon.basis !== carbonBasis || carbon.mixedBases),
    }),
    carbon: carbon && simulated?.carbon ? { ...carbon, ...simulated.carbon } : carbon,
    comparison,
    sources: [...sourceIds].sort().map((id) => sourceOf(index, id)),
    warnings,
    uncertainty: options.uncertainty ?? null,
  };
}
