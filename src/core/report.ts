import type { Dataset } from '../data/dataset.js';
import { yearsCovered } from '../data/dates.js';
import type { Region, Source } from '../data/schemas.js';
import type { Coverage, Evidence } from '../data/vocabulary.js';
import { annualFactor, coverageOf } from './network/basis.js';
import { computedSeriesOf } from './network/computed-series.js';
import { CARBON_BRACKET_GCO2_PER_KWH, carbonOverBounds } from './carbon/carbon.js';
import { type Neighbour, neighbours, rankAmong } from './compare.js';
import { type Estimate, type EstimateOptions, COMPUTED_SOURCE, estimate } from './estimate.js';
import { type Change, type Skipped, estimateYears } from './estimate-set.js';
import { BOTTOM_UP_SERIES } from './network/computed-series.js';
import { latestYear } from './network/basis.js';
import { type DataIndex, indexData, regionChain } from './regions/lookup.js';
import { breaksLink, shareRecords } from './shares/shares.js';
import { monthIndex } from './common/period.js';

/** Countries shown on each side of the region in the comparison with the baseline. */
export const REPORT_NEIGHBOURS = 6;

/** One recorded share of a region's hashrate in its parent's, as the share-history chart draws it. */
export interface SharePoint {
  /** "Sichuan in China": the link of the chain the share belongs to. */
  link: string;
  region: string;
  of: string;
  month: string;
  pct: number;
  evidence: Evidence;
  approximate: boolean;
  source: string;
  /**
   * The stretch of its link's history the share is in: how many of the events that break that link (naming its
   * region or its parent, as an estimate's warnings count them) fall before its month. A share of an event's own
   * month is in the stretch before it, as the share model counts it (a month's share is mostly from before an
   * event dated to it).
   */
  segment: number;
}

/** An event that breaks a share history (a ban, an exodus), drawn as a vertical rule at its month. */
export interface BreakMark {
  id: string;
  month: string;
  title: string;
  source: string;
  /** The links of the chain ("Sichuan in China") whose history it breaks. */
  links: string[];
}

/** One year of a network-energy series of the world or of a region above, on the rules of an estimate's basis. */
export interface NetworkYear {
  series: string;
  /** The region the series totals: the world, or a region on the chain (China, for a projection of China's). */
  scope: { id: string; name: string };
  kind: 'estimate' | 'projection';
  year: number;
  /** The year's energy, TWh: the published figure annualised (a part of a year) or spread (several years). */
  twh: number;
  lowerTwh: number | null;
  upperTwh: number | null;
  coverage: Coverage;
  evidence: Evidence;
  source: string;
  /** Computed here by the bottom-up model from the daily inputs (the `bottom-up` series), not published. */
  computed: boolean;
}

/** One row of the carbon chart: the region's energy at one grid intensity. */
export interface CarbonRow {
  /** What the intensity is: the region's own grid, or the all-hydro and all-coal ends of the bracket. */
  grid: 'all-hydro' | 'region' | 'all-coal';
  label: string;
  gco2PerKwh: number;
  /** At the energy's best guess and bounds, Mt CO2; a bound is null when the energy has none. */
  mtco2: number;
  lowerMtco2: number | null;
  upperMtco2: number | null;
  source: string | null;
}

/** The first year of the "electricity by year" view of a region, unless its first estimate is later. */
export const BY_YEAR_FROM = 2016;

/** How a year's shares were obtained, as a whole: carried when any link is, else interpolated when any is. */
export type YearShares = 'recorded' | 'interpolated' | 'carried';

/** One year of a region's electricity by year: its estimate's figures, and what the reader must know of them. */
export interface EnergyYear {
  year: number;
  twh: number;
  lowerTwh: number | null;
  upperTwh: number | null;
  /** The basis series and whether it is computed here (the bottom-up model), not published. */
  series: string;
  computed: boolean;
  /** The basis covers part of the year (annualised) or one day's reading, not a whole year. */
  partial: boolean;
  coverage: Estimate['basis']['coverage'];
  shares: YearShares;
  evidence: Estimate['evidence'];
  /** What this year rests on that the year estimated before did not (`estimate --years`'s `changes`). */
  changes: Change[];
}

/** The region's estimate for each year, from {@link BY_YEAR_FROM} (or its first estimate) to the latest year. */
export interface ByYear {
  from: number;
  to: number;
  /** `estimate --years from-to`'s records, one a year; a year that cannot be estimated is a skipped record. */
  records: (Estimate | Skipped)[];
}

/** The figures of one year's estimate, as the "electricity by year" chart draws them. */
export function energyYearOf(e: Estimate & { changes?: Change[] }): EnergyYear {
  const obtained = e.share.links.map((l) => l.obtained);
  return {
    year: e.year,
    twh: e.energy.twh,
    lowerTwh: e.energy.lowerTwh,
    upperTwh: e.energy.upperTwh,
    series: e.basis.series,
    computed: e.basis.series === BOTTOM_UP_SERIES || e.basis.source === COMPUTED_SOURCE,
    partial: e.basis.coverage === 'partial-year' || e.basis.coverage === 'snapshot',
    coverage: e.basis.coverage,
    shares: obtained.includes('carried') ? 'carried' : obtained.includes('interpolated') ? 'interpolated' : 'recorded',
    evidence: e.evidence,
    changes: e.changes ?? [],
  };
}

/**
 * The region's estimates by year, as `estimate --years <from>-<to>` makes them with the same options (but the
 * Monte Carlo, whose percentiles the view does not show): from {@link BY_YEAR_FROM}, or the first year that can
 * be estimated, to the latest year a total covers (or the estimate's own year, if later).
 */
export function byYearOf(
  data: Dataset,
  index: DataIndex,
  chain: readonly Region[],
  estimateYear: number,
  options: EstimateOptions,
): ByYear {
  const rest: EstimateOptions = { ...options };
  for (const key of ['uncertainty', 'onProgress', 'year', 'month'] as const) delete rest[key];
  const to = Math.max(latestYear(index, chain), estimateYear);
  const from = Math.min(BY_YEAR_FROM, to);
  const records = estimateYears(data, (chain[0] as Region).id, { from, to }, rest);
  const first = records.findIndex((r) => r.record === 'estimate');
  if (first <= 0) return { from, to, records };
  return { from: from + first, to, records: records.slice(first) };
}

/** Everything a report shows, with every figure's source: the charts and the page are drawn from this alone. */
export interface ReportModel {
  estimate: Estimate;
  /** The chain from the region up to (not including) the world, region first. */
  chain: { id: string; name: string }[];
  shares: SharePoint[];
  breaks: BreakMark[];
  network: NetworkYear[];
  /** The region at the top of the chain: the whole network. */
  world: { id: string; name: string };
  comparison: { baseline: string; name: string; year: number; measure: string; rows: Neighbour[] } | null;
  carbon: CarbonRow[];
  /** The region's electricity by year. */
  byYear: ByYear;
  /** Every source a figure on the page cites, in the order first cited. */
  sources: Source[];
}

/** A link of the chain: a region and its parent, named as the charts name it ("Sichuan in China"). */
interface ChainLink {
  region: Region;
  of: string;
  name: string;
}

function chainLinks(chain: readonly Region[]): ChainLink[] {
  const names = new Map(chain.map((r) => [r.id, r.name]));
  return chain
    .filter((region) => region.parent !== null)
    .map((region) => {
      const of = region.parent as string;
      return { region, of, name: `${region.name} in ${names.get(of) ?? of}` };
    });
}

/**
 * The region's recorded shares, and its ancestors' (below the world), each of its own parent: the records an
 * estimate chooses from (a share dataset's where it has some for the region, else the default records).
 */
function sharePoints(index: DataIndex, links: readonly ChainLink[], shareDataset: string | undefined): SharePoint[] {
  return links.flatMap(({ region, of, name }) => {
    const breaks = index.data.events.filter((event) => breaksLink(event, region.id, of)).map((event) => event.month);
    return [...shareRecords(index, region.id, shareDataset).records]
      .sort((a, b) => monthIndex(a.month) - monthIndex(b.month))
      .map((record) => ({
        link: name,
        region: region.id,
        of,
        month: record.month,
        pct: record.sharePct,
        evidence: record.evidence,
        approximate: record.approximate === true,
        source: record.source,
        segment: breaks.filter((month) => month < record.month).length,
      }));
  });
}

/** Events that break the history of a link of the chain, oldest first, each with the links it breaks. */
function breakMarks(data: Dataset, links: readonly ChainLink[]): BreakMark[] {
  return data.events
    .map((event) => ({
      id: event.id,
      month: event.month,
      title: event.title,
      source: event.source,
      links: links.filter((link) => breaksLink(event, link.region.id, link.of)).map((link) => link.name),
    }))
    .filter((mark) => mark.links.length > 0)
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/**
 * Every series that totals the world or a region on the chain (the bases an estimate of the region can use), a
 * value a year, annualised as a basis is (basis.ts).
 */
export function networkYears(data: Dataset, chain: readonly Region[]): NetworkYear[] {
  const scopes = new Map(chain.map((r) => [r.id, { id: r.id, name: r.name }]));
  const computed = computedSeriesOf(data)?.series;
  return [...data.networkEnergy, ...(computed ? [computed] : [])]
    .filter((series) => scopes.has(series.scope))
    .flatMap((series) =>
      series.values.flatMap((value) =>
        yearsCovered(value).map((year) => {
          const factor = annualFactor(value, year);
          return {
            series: series.id,
            scope: scopes.get(series.scope) as { id: string; name: string },
            kind: series.kind,
            year,
            twh: value.twh * factor,
            lowerTwh: value.lowerTwh === undefined ? null : value.lowerTwh * factor,
            upperTwh: value.upperTwh === undefined ? null : value.upperTwh * factor,
            coverage: coverageOf(value),
            evidence: value.evidence,
            source: series.source,
            computed: series === computed,
          };
        }),
      ),
    );
}

/** The region's carbon at its grid's intensity and at the two ends of the bracket, over the energy's bounds. */
function carbonRows(result: Estimate, bracket: { low: number; high: number }): CarbonRow[] {
  const at = (gco2PerKwh: number) => ({ gco2PerKwh, ...carbonOverBounds(result.energy, gco2PerKwh) });
  const rows: CarbonRow[] = [{ grid: 'all-hydro', label: 'All hydro', ...at(bracket.low), source: null }];
  if (result.carbon) {
    rows.push({
      grid: 'region',
      label: `${result.region.name}'s grid`,
      gco2PerKwh: result.carbon.gco2PerKwh,
      mtco2: result.carbon.mtco2,
      lowerMtco2: result.carbon.lowerMtco2,
      upperMtco2: result.carbon.upperMtco2,
      source: result.carbon.source,
    });
  }
  rows.push({ grid: 'all-coal', label: 'All coal', ...at(bracket.high), source: null });
  return rows;
}

/** The ids of the sources behind every figure the report shows, first cited first. */
function citedSources(
  result: Estimate,
  shares: readonly SharePoint[],
  breaks: readonly BreakMark[],
  network: readonly NetworkYear[],
  baselineSource: string | null,
  computedSources: readonly string[],
  yearSources: readonly string[],
): string[] {
  return [
    ...new Set([
      ...result.sources.map((s) => s.id),
      ...shares.map((s) => s.source),
      ...breaks.map((b) => b.source),
      ...network.flatMap((n) => (n.computed ? computedSources : [n.source])),
      ...(baselineSource === null ? [] : [baselineSource]),
      ...(result.carbon?.weights ?? []).map((w) => w.source),
      ...yearSources,
    ]),
  ];
}

/**
 * What a report on one region shows: its estimate (with the carbon bracket), the share histories it rests on and
 * the events that break them, the world's network-energy series by year, its place among the baseline's countries,
 * and its carbon at its grid's intensity and the bracket's. Every number is the estimate's or computed by the
 * same functions the estimate uses.
 */
export function buildReport(data: Dataset, regionId: string, options: EstimateOptions = {}): ReportModel {
  const bracket = options.carbonBracket ?? CARBON_BRACKET_GCO2_PER_KWH;
  const result = estimate(data, regionId, { ...options, carbonBracket: bracket });
  const index = indexData(data);
  const fullChain = regionChain(index, regionId);
  const world = fullChain.at(-1) as Region;
  const chain = fullChain.filter((r) => r.parent !== null);
  const links = chainLinks(fullChain);
  const shares = sharePoints(index, links, options.shareDataset);
  const breaks = breakMarks(data, links);
  const network = networkYears(data, fullChain);
  const baseline = result.comparison ? index.baselines.get(result.comparison.baseline) : undefined;
  const comparison =
    result.comparison && baseline
      ? {
          baseline: baseline.id,
          name: baseline.name,
          year: baseline.year,
          measure: baseline.measure,
          rows: neighbours(
            rankAmong(baseline, result.energy.twh),
            result.region.name,
            result.energy.twh,
            REPORT_NEIGHBOURS,
          ),
        }
      : null;
  const byYear = byYearOf(data, index, fullChain, result.year, { ...options, carbonBracket: bracket });
  const yearSources = byYear.records.flatMap((r) => (r.record === 'estimate' ? r.sources.map((s) => s.id) : []));
  const sourceIds = citedSources(
    result,
    shares,
    breaks,
    network,
    baseline?.source ?? null,
    network.some((n) => n.computed) ? (computedSeriesOf(data)?.sources ?? []) : [],
    yearSources,
  );
  return {
    estimate: result,
    chain: chain.map((r) => ({ id: r.id, name: r.name })),
    shares,
    breaks,
    network,
    world: { id: world.id, name: world.name },
    comparison,
    carbon: carbonRows(result, bracket),
    byYear,
    sources: sourceIds.flatMap((id) => {
      const source = index.sources.get(id);
      return source ? [source] : [];
    }),
  };
}

/**
 * Why a chart of the report has nothing to draw, or undefined when it has: the world has no share history, and a
 * region has no neighbours when the data has no country list. The page leaves such a chart out; `chart` refuses it.
 */
export function nothingToChart(
  model: ReportModel,
  kind: 'energy' | 'shares' | 'network' | 'neighbours' | 'carbon',
): string | undefined {
  const name = model.estimate.region.name;
  if (kind === 'energy' && !model.byYear.records.some((r) => r.record === 'estimate')) {
    return `${name} cannot be estimated for any year from ${model.byYear.from} to ${model.byYear.to}: there is nothing to chart.`;
  }
  if (kind === 'shares' && model.shares.length === 0) {
    return `${name} has no recorded share of a larger region: it has no share history to chart.`;
  }
  if (kind === 'neighbours' && (model.comparison === null || model.comparison.rows.length === 0)) {
    return `The data has no country list to compare ${name} with (electricity-baselines.json): there are no neighbours to chart.`;
  }
  if (kind === 'network' && model.network.length === 0) {
    return `The data has no network-energy series for ${name} or a region above it: there is nothing to chart.`;
  }
  return undefined;
}
