import type { Coverage, Evidence, NetworkSeries, NetworkValue, Region } from '../../data/schemas.js';
import { yearsCovered } from '../../data/dates.js';
import { daysInYear } from '../../data/vocabulary.js';
import { type MessagePart, UsageError } from '../../errors.js';
import type { DataIndex } from '../regions/lookup.js';
import { describeMonth, monthPeriod, type Period, yearPeriod } from '../common/period.js';
import { checkPeriod } from '../common/validation.js';
import { named } from '../common/parameters.js';
import { type Warning, warn } from '../common/warnings.js';
import { BOTTOM_UP_SERIES, computedSeriesOf, describeComparison, inputYears, mayCover } from './computed-series.js';

/** The network total an estimate rests on, turned into one calendar year's energy. */
export interface BasisChoice {
  series: NetworkSeries;
  value: NetworkValue;
  /** Position of the series' scope in the region's chain (0 = the region itself). */
  scopeIndex: number;
  year: number;
  coverage: Coverage;
  /** The year's energy, TWh: the published figure × `factor`. */
  twh: number;
  lowerTwh: number | null;
  upperTwh: number | null;
  /** What turns the published figure into the year's: days in the year ÷ days covered, 1 ÷ years covered, or 1. */
  factor: number;
  /** The basis source's own carbon for the year (its figure × `factor`), when it gives one. */
  mtco2: number | null;
  warnings: Warning[];
}

/** Coverages a default choice takes first (in file order between them), before an annualised reading. */
const MEASURED_TOTALS: readonly Coverage[] = ['year', 'partial-year'];

export function coverageOf(value: NetworkValue): Coverage {
  return value.coverage ?? 'year';
}

/** Series whose scope is on the chain, nearest scope first, in file order within a scope. */
export function seriesOnChain(
  index: DataIndex,
  chain: readonly Region[],
): { series: NetworkSeries; scopeIndex: number }[] {
  return chain.flatMap((region, scopeIndex) =>
    index.data.networkEnergy.filter((s) => s.scope === region.id).map((series) => ({ series, scopeIndex })),
  );
}

function valueFor(series: NetworkSeries, year: number): NetworkValue | undefined {
  return series.values.find((v) => yearsCovered(v).includes(year));
}

/** The computed `bottom-up` series when its scope (the world) is on the chain, computed on first use. */
export function computedOnChain(
  index: DataIndex,
  chain: readonly Region[],
): { series: NetworkSeries; scopeIndex: number } | undefined {
  const computed = computedSeriesOf(index.data);
  if (!computed) return undefined;
  const scopeIndex = chain.findIndex((r) => r.id === computed.series.scope);
  return scopeIndex < 0 ? undefined : { series: computed.series, scopeIndex };
}

/** A series by id: one of the data's, or the computed `bottom-up` series. */
export function findSeries(index: DataIndex, id: string): NetworkSeries | undefined {
  const series = index.series.get(id);
  if (series || id !== BOTTOM_UP_SERIES) return series;
  return computedSeriesOf(index.data)?.series;
}

/** The ids of every series, the data's and then the computed one (when there are daily inputs). */
export function seriesIds(index: DataIndex): string[] {
  const ids = index.data.networkEnergy.map((s) => s.id);
  return index.data.dailyInputs && !ids.includes(BOTTOM_UP_SERIES) ? [...ids, BOTTOM_UP_SERIES] : ids;
}

/**
 * The latest year a measured series on the chain totals (in full or in part); failing that, the latest year an
 * annualised reading covers. The computed series is not counted: see {@link latestYear} for the default year.
 */
export function latestMeasuredYear(index: DataIndex, chain: readonly Region[]): number {
  const measured = seriesOnChain(index, chain).filter(({ series }) => series.kind === 'estimate');
  const yearsWith = (coverages: readonly Coverage[]) =>
    measured.flatMap(({ series }) => series.values.filter((v) => coverages.includes(coverageOf(v))).map((v) => v.year));
  // The same order of preference as chooseBasis: a total for the year (in full or in part), else a reading.
  const years = [MEASURED_TOTALS, ['snapshot'] as const].map(yearsWith).find((found) => found.length > 0);
  if (!years) {
    throw new UsageError([
      `No network total (published, computed here or read on one day) covers ${chain[0]?.name ?? 'this region'} or any region above it. Series available: ${describeAvailable(index, chain)}; name one with `,
      named('series'),
      ' and a year with ',
      named('year'),
      '.',
    ]);
  }
  return Math.max(...years);
}

/**
 * The latest year a series on the chain totals, in full or in part, and the series' id: a measured total, or the
 * computed series, whose last year is read from its inputs' last date (nothing computed). Undefined when none does.
 */
export function latestTotal(
  index: DataIndex,
  chain: readonly Region[],
  withComputed = true,
): { year: number; series: string } | undefined {
  const totals = seriesOnChain(index, chain)
    .filter(({ series }) => series.kind === 'estimate')
    .flatMap(({ series }) =>
      series.values
        .filter((v) => MEASURED_TOTALS.includes(coverageOf(v)))
        .map((v) => ({ year: v.year, series: series.id })),
    );
  const inputs = inputYears(index.data);
  const world = chain.at(-1);
  if (withComputed && inputs && Number.isFinite(inputs.last) && world?.parent === null) {
    totals.push({ year: inputs.last, series: BOTTOM_UP_SERIES });
  }
  return totals.reduce<(typeof totals)[number] | undefined>(
    (latest, total) => (latest === undefined || total.year > latest.year ? total : latest),
    undefined,
  );
}

/**
 * The default year of an estimate: the latest year a series on the chain totals, in full or in part, a measured
 * total or the computed `bottom-up` series; failing both, the latest annualised reading. A later year that only
 * readings of one day cover is not the default: a day's rate is not a year's total, and the shares of such a year
 * are often too few to estimate most countries. Not a projection's year, nor a multi-year total's.
 * @throws UsageError when no series on the chain can be a basis.
 */
export function latestYear(index: DataIndex, chain: readonly Region[]): number {
  const total = latestTotal(index, chain);
  if (total?.series === BOTTOM_UP_SERIES) {
    // Read from the inputs' last date: the series is computed to be sure that year has a result.
    const computed = computedOnChain(index, chain)?.series.values.map((v) => v.year) ?? [];
    const measured = latestTotal(index, chain, false);
    const years = [...computed, ...(measured ? [measured.year] : [])];
    if (years.length > 0) return Math.max(...years);
  } else if (total) {
    return total.year;
  }
  return latestMeasuredYear(index, chain);
}

/** Series on the chain with an annualised reading of a year after `year`: what a later year would rest on. */
export function laterReadings(
  index: DataIndex,
  chain: readonly Region[],
  year: number,
): { year: number; series: string[] } | undefined {
  const readings = seriesOnChain(index, chain)
    .filter(({ series }) => series.kind === 'estimate')
    .flatMap(({ series }) =>
      series.values
        .filter((v) => coverageOf(v) === 'snapshot' && v.year > year)
        .map((v) => ({ year: v.year, series: series.id })),
    );
  if (readings.length === 0) return undefined;
  const latest = Math.max(...readings.map((r) => r.year));
  return { year: latest, series: readings.filter((r) => r.year === latest).map((r) => r.series) };
}

/** The period asked for (a year, or a month of its year); without one, {@link latestYear}. */
export function choosePeriod(
  index: DataIndex,
  chain: readonly Region[],
  asked: { year?: number; month?: string },
  forced: NetworkSeries | undefined,
): { period: Period; defaulted: boolean } {
  checkPeriod(asked);
  if (asked.month !== undefined) return { period: monthPeriod(asked.month), defaulted: false };
  if (asked.year !== undefined) return { period: yearPeriod(asked.year), defaulted: false };
  const year = forced ? Math.max(...forced.values.flatMap(yearsCovered)) : latestYear(index, chain);
  return { period: yearPeriod(year), defaulted: true };
}

/** "2016–2024 (2024: 321 days)", "2022, 2024, 2025 (annualised readings)", "2020–2021 (a two-year total)". */
export function describeCoverage(series: NetworkSeries): string {
  const years = [...new Set(series.values.flatMap(yearsCovered))].sort((a, b) => a - b);
  const contiguous = years.every((y, i) => i === 0 || y === (years[i - 1] as number) + 1);
  const span = years.length > 2 && contiguous ? `${years[0]}–${years.at(-1)}` : years.join(', ');
  const notes: string[] = [];
  const partial = series.values.filter((v) => coverageOf(v) === 'partial-year').map((v) => `${v.year}: ${v.days} days`);
  notes.push(...partial);
  const readings = series.values.filter((v) => coverageOf(v) === 'snapshot').map((v) => v.year);
  if (readings.length > 0) {
    notes.push(
      readings.length === series.values.length ? 'annualised readings' : `${readings.join(', ')}: annualised readings`,
    );
  }
  for (const v of series.values.filter((v) => coverageOf(v) === 'multi-year'))
    notes.push(`${v.year}–${v.toYear} as one total`);
  return notes.length > 0 ? `${span} (${notes.join('; ')})` : span;
}

/** What turns a value into one calendar year's energy: days in the year ÷ days covered, 1 ÷ years covered, or 1. */
export function annualFactor(value: NetworkValue, year: number): number {
  const coverage = coverageOf(value);
  switch (coverage) {
    case 'year':
    case 'snapshot':
      return 1;
    case 'partial-year':
      return daysInYear(year) / (value.days as number);
    case 'multi-year':
      return 1 / ((value.toYear as number) - value.year + 1);
    default:
      return coverage satisfies never;
  }
}

/** What a reader must know about how a value became the year's energy, in words. */
function coverageWarning(series: NetworkSeries, value: NetworkValue, year: number, factor: number): Warning[] {
  const coverage = coverageOf(value);
  switch (coverage) {
    case 'year':
      return [];
    case 'partial-year':
      return [
        warn(
          'partial-year',
          `${series.id} covers ${value.days} days of ${year}, to ${value.through}: ${round(value.twh)} TWh in those days, annualised to ${round(value.twh * factor)} TWh for the year at their average rate (× ${daysInYear(year)}/${value.days}). It is not a total for the whole year.`,
        ),
      ];
    case 'snapshot':
      return [
        warn(
          'snapshot',
          `${series.id}'s ${year} figure is an annualised rate read on one day${value.asOf ? ` (${describeMonth(value.asOf.slice(0, 7))})` : ', the day not known'}, not a total for the year; it is used as the year's energy.`,
        ),
      ];
    case 'multi-year':
      return [
        warn(
          'multi-year',
          `${series.id} gives one total for ${value.year}–${value.toYear} (${round(value.twh)} TWh over ${Math.round(1 / factor)} years); the basis for ${year} is its yearly mean, ${round(value.twh * factor)} TWh.`,
        ),
      ];
    default:
      return coverage satisfies never;
  }
}

/** Turns a value into the year's energy and says how. */
function annualise(
  series: NetworkSeries,
  value: NetworkValue,
  scopeIndex: number,
  year: number,
  scopeName: string,
): BasisChoice {
  const factor = annualFactor(value, year);
  const warnings = coverageWarning(series, value, year, factor);
  if (series.kind === 'projection') {
    warnings.push(
      warn(
        'projection',
        `The basis is a projection for ${scopeName} (series ${series.id}), not a measurement${series.note ? `: ${series.note}` : '.'}`,
      ),
    );
  }
  if (value.approximate)
    warnings.push(
      warn('approximate', `The basis (${series.id}, ${year}) is approximate${value.note ? `: ${value.note}` : '.'}`),
    );
  const scaled = (twh: number | undefined) => (twh === undefined ? null : twh * factor);
  return {
    series,
    value,
    scopeIndex,
    year,
    coverage: coverageOf(value),
    twh: value.twh * factor,
    lowerTwh: scaled(value.lowerTwh),
    upperTwh: scaled(value.upperTwh),
    factor,
    mtco2: scaled(value.mtco2),
    warnings,
  };
}

const round = (value: number) => Number(value.toPrecision(4));

function describeAvailable(index: DataIndex, chain: readonly Region[]): string {
  const computed = computedOnChain(index, chain);
  const listed = [...seriesOnChain(index, chain), ...(computed ? [computed] : [])].map(
    ({ series }) =>
      `${series.id} (${index.regions.get(series.scope)?.name ?? series.scope}, ${series.kind}): ${describeCoverage(series)}`,
  );
  return listed.length > 0 ? listed.join('; ') : 'none';
}

/**
 * The basis of an estimate for a year. A named series is used as asked (a projection, a reading or a
 * multi-year total included). Otherwise, from the region up its chain, nearest scope first and in file order
 * within a scope: a measured total for the year (in full, or in part and then annualised); failing that, the
 * `bottom-up` series computed from the daily inputs (a partial year annualised); failing that, an annualised
 * reading of the year. Projections and multi-year totals are used only when named.
 * @throws UsageError when nothing covers the year, naming what exists and how to ask for it.
 */
export function chooseBasis(
  index: DataIndex,
  chain: readonly Region[],
  year: number,
  forced?: NetworkSeries,
): BasisChoice {
  const region = chain[0] as Region;
  const nameOf = (series: NetworkSeries) => index.regions.get(series.scope)?.name ?? series.scope;
  if (forced) {
    const scopeIndex = chain.findIndex((r) => r.id === forced.scope);
    if (scopeIndex < 0) {
      throw new UsageError(
        `Series "${forced.id}" covers ${nameOf(forced)}, which is not ${region.name} or a region above it (${chain.map((r) => r.id).join(' → ')}).`,
      );
    }
    const value = valueFor(forced, year);
    if (!value) {
      throw new UsageError(`Series "${forced.id}" has no value for ${year}; it covers ${describeCoverage(forced)}.`);
    }
    return annualise(forced, value, scopeIndex, year, nameOf(forced));
  }
  const candidates = seriesOnChain(index, chain).filter(({ series }) => series.kind === 'estimate');
  for (const { series, scopeIndex } of candidates) {
    const value = series.values.find((v) => v.year === year && MEASURED_TOTALS.includes(coverageOf(v)));
    if (value) return annualise(series, value, scopeIndex, year, nameOf(series));
  }
  const computed = mayCover(index.data, year) ? computedOnChain(index, chain) : undefined;
  const computedValue = computed?.series.values.find((v) => v.year === year);
  if (computed && computedValue) {
    const chosen = annualise(computed.series, computedValue, computed.scopeIndex, year, nameOf(computed.series));
    chosen.warnings.unshift(computedWarning(index, candidates, year));
    return chosen;
  }
  for (const { series, scopeIndex } of candidates) {
    const value = series.values.find((v) => v.year === year && coverageOf(v) === 'snapshot');
    if (!value) continue;
    const chosen = annualise(series, value, scopeIndex, year, nameOf(series));
    const total = latestTotal(index, chain);
    if (total) {
      chosen.warnings.push(
        warn(
          'source-switch',
          `No total covers ${year}, published or computed, so the basis is ${series.id}'s reading, a different estimate from ${total.series} (which ends in ${total.year}): a change from ${total.year} to ${year} is partly a change of source.`,
        ),
      );
    }
    return chosen;
  }
  const askable = seriesOnChain(index, chain)
    .filter(({ series }) => valueFor(series, year) !== undefined)
    .flatMap(({ series }, i): MessagePart[] => [
      i === 0 ? ' Ask for ' : ' or ',
      named('series', { value: series.id }),
      ` (${series.kind === 'projection' ? 'a projection' : 'a multi-year total'})`,
    ]);
  throw new UsageError([
    `No network total (published, computed here or read on one day) covers ${year} for ${region.name}.`,
    ...(askable.length > 0 ? [...askable, ' to use one.'] : []),
    ` Series available: ${describeAvailable(index, chain)}. ${NO_TOTAL_REMEDY}`,
  ]);
}

/** The ways to a total for a year no series covers, for the end of that refusal: the command line's. */
const NO_TOTAL_REMEDY =
  'To get one on the command line: `mining-energy data update` downloads the latest daily inputs and totals; estimate --hashrate with --revenue (or --threshold) computes the total from figures you give; --data <dir> adds a series of your own.';

/** What a reader must know when the computed series is the basis: what it is, and how it compares with CBECI's. */
function computedWarning(index: DataIndex, candidates: readonly { series: NetworkSeries }[], year: number): Warning {
  const computed = computedSeriesOf(index.data);
  const comparison = describeComparison(computed?.comparison ?? []);
  const measured = candidates.map(({ series }) => series);
  const years = measured.flatMap((s) =>
    s.values.filter((v) => MEASURED_TOTALS.includes(coverageOf(v))).map((v) => v.year),
  );
  const last = years.length === 0 ? undefined : Math.max(...years);
  const message = [
    `No published total covers ${year}, so the basis is the ${BOTTOM_UP_SERIES} series: CBECI's bottom-up model run here on the daily inputs and the hardware list, not a published figure.`,
    comparison === undefined ? '' : ` It is ${comparison}.`,
    last === undefined || last >= year
      ? ''
      : ` The published totals end in ${last}: a change from ${last} to ${year} is partly a change of source.`,
  ].join('');
  return warn('computed-basis', message);
}

/** Other figures for the same scope and year than the one chosen, so that disagreement between sources shows. */
export interface AlternativeTotal {
  series: string;
  kind: NetworkSeries['kind'];
  coverage: Coverage;
  evidence: Evidence;
  /** The year's energy on the same rules as the basis (annualised or a yearly mean where needed). */
  twh: number;
}

export function alternativeTotals(index: DataIndex, chosen: BasisChoice): AlternativeTotal[] {
  const computed = mayCover(index.data, chosen.year) ? computedSeriesOf(index.data)?.series : undefined;
  return [...index.data.networkEnergy, ...(computed ? [computed] : [])].flatMap((series) => {
    if (series.scope !== chosen.series.scope || series.id === chosen.series.id) return [];
    const value = valueFor(series, chosen.year);
    if (!value) return [];
    return [
      {
        series: series.id,
        kind: series.kind,
        coverage: coverageOf(value),
        evidence: value.evidence,
        twh: value.twh * annualFactor(value, chosen.year),
      },
    ];
  });
}
